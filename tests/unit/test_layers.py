"""The layers, enforced (issue 18's guard rails; what import-linter would check, without another tool).

Every import counts, those inside functions too, and transitively through the project's own modules: the
pure domain must not reach a client library by way of a helper it imports.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("pantau", "dashboard", "agents", "streams", "nlp", "infra")
CLIENTS = frozenset(
    {"redis", "aiokafka", "kafka", "faust", "aiohttp", "prometheus_client", "click", "torch", "transformers"}
)


def _module_files() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _module_files()


def _resolve(name: str) -> str | None:
    """The project module an imported name lives in (`pantau.domain.rules.Detection` → `pantau.domain.rules`)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


@cache
def imports_of(module: str) -> frozenset[str]:
    """Everything `module` imports directly: project modules by full name, other libraries by top name."""
    tree = ast.parse(MODULES[module].read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    out = set()
    for name in names:
        own = _resolve(name)
        out.add(own if own else name.split(".")[0])
    return frozenset(out - {module})


def reachable(module: str) -> set[str]:
    seen, todo = set(), [module]
    while todo:
        for name in imports_of(todo.pop()):
            if name not in seen:
                seen.add(name)
                if name in MODULES:
                    todo.append(name)
    return seen


def _in(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _modules_under(*prefixes: str) -> list[str]:
    return sorted(m for m in MODULES if _in(m, *prefixes))


PURE = ("pantau.domain", "pantau.reports", "pantau.audit")
OUTER = ("pantau.stores", "pantau.runtime", "pantau.services", "pantau.cli", "pantau.demo", "pantau.eval", "dashboard")


@pytest.mark.parametrize("module", _modules_under(*PURE))
def test_the_domain_reaches_no_client_library_and_no_outer_layer(module: str) -> None:
    reached = reachable(module)
    assert not reached & CLIENTS, f"{module} reaches {sorted(reached & CLIENTS)}"
    outer = sorted(m for m in reached if _in(m, *OUTER, "agents", "streams", "nlp.training"))
    assert not outer, f"{module} reaches {outer}"


@pytest.mark.parametrize("module", _modules_under("pantau.stores"))
def test_stores_import_no_web_cli_or_process_wiring(module: str) -> None:
    direct = imports_of(module)
    wrong = sorted(
        m
        for m in direct
        if m in {"aiohttp", "click", "faust"}
        or _in(m, "dashboard", "pantau.cli", "pantau.demo", "pantau.services", "agents")
    )
    assert not wrong, f"{module} imports {wrong}"


def test_nothing_but_the_cli_imports_the_demo() -> None:
    users = sorted(
        m
        for m in MODULES
        if not _in(m, "pantau.demo", "pantau.cli") and any(_in(i, "pantau.demo") for i in imports_of(m))
    )
    assert not users, f"the demo is imported by {users}"


def test_serving_never_imports_training() -> None:
    wrong = sorted(m for m in _modules_under("nlp.serving") if any(_in(r, "nlp.training") for r in reachable(m)))
    assert not wrong, f"{wrong} reach nlp.training"


def test_only_the_cli_and_the_agents_import_the_process_wiring() -> None:
    users = sorted(
        m
        for m in MODULES
        if not _in(m, "pantau.services", "pantau.cli", "agents")
        and any(_in(i, "pantau.services") for i in imports_of(m))
    )
    assert not users, f"pantau.services is imported by {users}"


def test_packages_are_typed() -> None:
    assert all((ROOT / package / "py.typed").is_file() for package in PACKAGES)
