"""Staff decisions on an alert: confirm, dismiss with a reason, assign, escalate now. Pure.

The triage record lives inside the alert's state; every decision is kept in its history, so the evidence
sent to Bawaslu shows who decided what, when and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pantau.domain.kinds import TriageAction, TriageStatus
from pantau.errors import PantauError

CONFIRM, DISMISS, ASSIGN, ESCALATE = TriageAction
ACTIONS = tuple(TriageAction)
STATUSES = tuple(TriageStatus)
HISTORY_LIMIT = 50


class TriageError(PantauError):
    """A triage action is unknown, incomplete or not allowed on this alert."""


def apply_action(
    triage: Mapping[str, Any] | None,
    action: str,
    *,
    by: str,
    at: str,
    reason: str | None = None,
    assignee: str | None = None,
) -> dict[str, Any]:
    """The triage record after `action`; raises TriageError when the action cannot apply."""
    if action not in ACTIONS:
        raise TriageError(f"unknown action {action!r}; one of {', '.join(ACTIONS)}")
    if not by.strip():
        raise TriageError("who decides must be recorded")
    current = dict(triage or {"status": "new"})
    reason = (reason or "").strip() or None
    if action == DISMISS and not reason:
        raise TriageError("a dismissal needs a reason")
    if action == ASSIGN and not (assignee or "").strip():
        raise TriageError("assign needs an assignee")
    if action == ESCALATE and current.get("escalation_requested"):
        raise TriageError("this alert has already been escalated")
    step: dict[str, Any] = {"action": action, "by": by, "at": at}
    if reason:
        step["reason"] = reason
    if action == ASSIGN:
        step["assignee"] = assignee
        current["assignee"] = assignee
        if current.get("status") in (None, "new"):
            current["status"] = "assigned"
    elif action in (CONFIRM, ESCALATE):
        current["status"] = "confirmed"
    else:
        current["status"] = "dismissed"
    if action == ESCALATE:
        current["escalation_requested"] = True
    current.update(decided_by=by, decided_at=at)
    if reason:
        current["reason"] = reason
    current["history"] = [*current.get("history", []), step][-HISTORY_LIMIT:]
    return current
