"""What the dashboard reads from Redis: the alert stream joined with each alert's current state, one
alert, one person's alerts, hourly counts, sessions."""

from __future__ import annotations

import json
import time
from collections import Counter
from typing import Any

from pantau.stores.alerts import ALERT_STREAM, alert_key, person_key
from pantau.stores.client import as_text

SESSION_TTL_S = 8 * 3600


async def with_state(client: Any, entries: list[tuple[Any, dict[bytes, bytes]]]) -> list[dict[str, Any]]:
    """Stream entries as alerts carrying their current state (triage, occurrences) and stream id."""
    alerts = [json.loads(fields[b"alert"]) for _id, fields in entries]
    states = await client.mget([alert_key(a["alert_id"]) for a in alerts]) if alerts else []
    out = []
    for (entry_id, _fields), alert, state in zip(entries, alerts, states, strict=True):
        merged = json.loads(state) if state else {**alert, "triage": {"status": "new"}}
        merged["stream_id"] = as_text(entry_id)
        out.append(merged)
    return out


async def recent(client: Any, count: int = 200) -> list[dict[str, Any]]:
    """The newest alerts, newest first."""
    return await with_state(client, await client.xrevrange(ALERT_STREAM, count=count))


async def after(client: Any, last_id: str, block_ms: int, count: int = 100) -> list[dict[str, Any]]:
    """Alerts written after `last_id` (oldest first), waiting up to block_ms for one."""
    response = await client.xread({ALERT_STREAM: last_id}, count=count, block=block_ms)
    entries = [entry for _stream, batch in response or [] for entry in batch]
    return await with_state(client, entries)


async def one(client: Any, alert_id: str) -> dict[str, Any] | None:
    raw = await client.get(alert_key(alert_id))
    return json.loads(raw) if raw else None


async def person(client: Any, nip_hash: str, limit: int = 200) -> list[dict[str, Any]]:
    ids = [as_text(i) for i in await client.zrevrange(person_key(nip_hash), 0, limit - 1)]
    states = await client.mget([alert_key(i) for i in ids]) if ids else []
    return [json.loads(s) for s in states if s]


async def hourly_counts(client: Any, hours: int = 24) -> list[tuple[int, dict[str, int]]]:
    """[(hour start as Unix time, {type: count})] for the last `hours` hours, oldest first; the page labels
    the hours in its staff's time zone."""
    now = int(time.time())
    start = (now // 3600 - hours + 1) * 3600
    buckets: dict[int, Counter[str]] = {start + i * 3600: Counter() for i in range(hours)}
    cursor = f"{start * 1000}-0"
    while True:
        batch = await client.xrange(ALERT_STREAM, min=cursor, max="+", count=5000)
        for entry_id, fields in batch:
            hour = int(as_text(entry_id).split("-")[0]) // 1000 // 3600 * 3600
            if hour in buckets:
                buckets[hour][as_text(fields.get(b"type", b"?"))] += 1
        if len(batch) < 5000:
            break
        cursor = "(" + as_text(batch[-1][0])
    return [(h, dict(c)) for h, c in buckets.items()]


async def escalations(client: Any, alert: dict[str, Any]) -> list[dict[str, Any]]:
    """Escalations that carry this alert: its own, then any of its person's (repeat offender) that name it."""
    from pantau.escalation.policy import alert_escalation_id
    from pantau.stores.escalations import EscalationStore

    store = EscalationStore(client, ttl_s=1)  # read-only here; the TTL only applies to new escalations
    found = [s for s in [await store.state(alert_escalation_id(alert["alert_id"]))] if s]
    nip_hash = (alert.get("asn") or {}).get("nip_hash")
    if nip_hash:
        ids = [e["escalation_id"] for e in await store.person_escalations(nip_hash)]
        found += [s for s in await store.states(ids) if alert["alert_id"] in (s.get("alert_ids") or [])]
    return list({s["escalation_id"]: s for s in found}.values())


async def save_session(client: Any, key: str, session: dict[str, str]) -> None:
    await client.set(f"pantau:session:{key}", json.dumps(session), ex=SESSION_TTL_S)


async def load_session(client: Any, key: str) -> dict[str, str] | None:
    raw = await client.get(f"pantau:session:{key}")
    if not raw:
        return None
    await client.expire(f"pantau:session:{key}", SESSION_TTL_S)
    loaded: dict[str, str] = json.loads(raw)
    return loaded


async def drop_session(client: Any, key: str) -> None:
    await client.delete(f"pantau:session:{key}")
