"""The production image carries every package the project installs (compose's `dashboard` service died on
import when `dashboard/` was not copied)."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_installed_package_is_copied_into_the_image() -> None:
    dockerfile = (ROOT / "infra" / "docker" / "Dockerfile").read_text()
    copied = set(re.findall(r"^COPY\s+(\S+)\s+\./\1\s*$", dockerfile, flags=re.M))
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    included = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = {pattern.rstrip("*") for pattern in included}
    assert packages <= copied, f"not copied into the image: {sorted(packages - copied)}"
