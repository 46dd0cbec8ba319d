"""Triage decisions in Redis: the alert's state updated and the decision appended to `pantau:triage`, in one
transaction, so the escalation ledger and the audit log see every decision exactly as it was stored."""

from __future__ import annotations

import json
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import WatchError

from pantau.domain.triage import TriageError, apply_action
from pantau.stores.client import utc_iso
from pantau.stores.keys import TRIAGE_STREAM, alert_key

TRIAGE_MAXLEN = 100_000


class AlertNotFound(TriageError):
    """No alert with that id (it never existed or its retention ended)."""


async def triage_alert(
    client: Redis,
    alert_id: str,
    action: str,
    *,
    by: str,
    reason: str | None = None,
    assignee: str | None = None,
) -> dict[str, Any]:
    """Apply one staff decision; returns the alert's new state."""
    key = alert_key(alert_id)
    while True:
        async with client.pipeline(transaction=True) as pipe:
            try:
                await pipe.watch(key)
                raw = await pipe.get(key)
                if not raw:
                    raise AlertNotFound(f"no alert {alert_id}")
                state = json.loads(raw)
                at = utc_iso()
                state["triage"] = apply_action(
                    state.get("triage"), action, by=by, at=at, reason=reason, assignee=assignee
                )
                pipe.multi()  # type: ignore[no-untyped-call]  # redis-py leaves multi() unannotated
                pipe.set(key, json.dumps(state, ensure_ascii=False, separators=(",", ":")), keepttl=True)
                pipe.xadd(
                    TRIAGE_STREAM,
                    {
                        "alert_id": alert_id,
                        "action": action,
                        "by": by,
                        "at": at,
                        "reason": reason or "",
                        "assignee": assignee or "",
                        "type": state.get("type", ""),
                        "status": state["triage"]["status"],
                    },
                    maxlen=TRIAGE_MAXLEN,
                    approximate=True,
                )
                await pipe.execute()
                return dict(state)
            except WatchError:
                continue
