"""Feed filters: which alerts a member of staff asked to see. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FILTERS = ("type", "severity", "region", "opd", "candidate", "status")


def value_of(alert: Mapping[str, Any], name: str) -> str:
    if name == "opd":
        return str((alert.get("asn") or {}).get("opd") or "")
    if name == "candidate":
        number = (alert.get("candidate") or {}).get("number")
        return "" if number is None else str(number)
    if name == "status":
        return str((alert.get("triage") or {}).get("status") or "new")
    return str(alert.get(name) or "")


def clean(query: Mapping[str, str]) -> dict[str, str]:
    """Only known, non-empty filters."""
    return {name: query[name] for name in FILTERS if query.get(name)}


def matches(alert: Mapping[str, Any], filters: Mapping[str, str]) -> bool:
    return all(value_of(alert, name) == wanted for name, wanted in filters.items())
