"""One owner per store: Redis keys are spelled in pantau/stores/keys.py only, and only pantau/stores/
builds Redis clients or imports key names. Everything else goes through the store classes."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("pantau", "dashboard", "agents", "streams")
KEY = re.compile(r"^pantau:[a-z_{]")
CLIENT_CALLS = {"from_url", "Redis", "StrictRedis", "ConnectionPool"}

# Still to move behind store methods (issue 18 item 2); shrink this, never grow it.
KNOWN_DEBT = {
    "pantau/demo/run.py",  # ALERT_STREAM only in the redis-cli hint it prints
}


def _sources() -> list[Path]:
    return sorted(
        p for top in SCANNED for p in (ROOT / top).rglob("*.py") if "stores" not in p.relative_to(ROOT).parts[:2]
    )


def _key_names(module: str, names: list[str]) -> list[str]:
    """Imported names that are key strings or key functions of pantau.stores.keys."""
    loaded = importlib.import_module(module)
    found = []
    for name in names:
        value = getattr(loaded, name, None)
        if (isinstance(value, str) and KEY.match(value)) or getattr(value, "__module__", "") == "pantau.stores.keys":
            found.append(name)
    return found


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if KEY.match(node.value):
                found.append(f"line {node.lineno}: key literal {node.value!r}")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in CLIENT_CALLS:
                found.append(f"line {node.lineno}: builds a Redis client ({name})")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pantau.stores"):
            for name in _key_names(node.module or "", [a.name for a in node.names]):
                found.append(f"line {node.lineno}: imports key {name} from {node.module}")
    return found


def test_no_key_or_client_outside_stores() -> None:
    offenders = {}
    for path in _sources():
        relative = path.relative_to(ROOT).as_posix()
        if relative in KNOWN_DEBT:
            continue
        if found := _violations(path):
            offenders[relative] = found
    assert offenders == {}


def test_keys_keep_their_strings() -> None:
    """The strings CONTRACT.md names, and the ones data already written is found by."""
    from pantau.stores import keys

    assert keys.ALERT_STREAM == "pantau:alerts"
    assert keys.alert_key("a1") == "pantau:alert:a1"
    assert keys.alert_events_key("a1") == "pantau:alert:a1:events"
    assert keys.person_alerts_key("h") == "pantau:person:h:alerts"
    assert keys.person_pending_key("h") == "pantau:person:h:pending"
    assert keys.person_escalated_key("h") == "pantau:person:h:escalated"
    assert keys.escalation_key("e") == "pantau:escalation:e"
    assert keys.escalation_body_key("e") == "pantau:escalation:e:body"
    assert keys.session_key("k") == "pantau:session:k"
    assert keys.LEDGER_LOCK == "pantau:ledger:lock"
    assert keys.REPORT.format(code="C") == "pantau:report:C"
    assert keys.claim_hits_key("c") == "pantau:claim:c:hits"
