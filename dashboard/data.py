"""What the dashboard reads from Redis: the alert stream joined with each alert's current state, one
alert, one person's alerts, hourly counts, sessions."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from pantau.stores.alerts import AlertStore
from pantau.stores.sessions import SessionStore


async def recent(client: Any, count: int = 200) -> list[dict[str, Any]]:
    """The newest alerts, newest first."""
    alerts = AlertStore(client)
    return await alerts.with_state(await alerts.recent(count))


async def after(client: Any, last_id: str, block_ms: int, count: int = 100) -> list[dict[str, Any]]:
    """Alerts written after `last_id` (oldest first), waiting up to block_ms for one."""
    alerts = AlertStore(client)
    return await alerts.with_state(await alerts.after(last_id, block_ms=block_ms, count=count))


async def newest_id(client: Any) -> str | None:
    return await AlertStore(client).newest_id()


async def one(client: Any, alert_id: str) -> dict[str, Any] | None:
    return await AlertStore(client).state(alert_id)


async def person(client: Any, nip_hash: str, limit: int = 200) -> list[dict[str, Any]]:
    return await AlertStore(client).person_history(nip_hash, limit)


async def hourly_counts(client: Any, hours: int = 24) -> list[tuple[int, dict[str, int]]]:
    """[(hour start as Unix time, {type: count})] for the last `hours` hours, oldest first; the page labels
    the hours in its staff's time zone."""
    now = int(time.time())
    start = (now // 3600 - hours + 1) * 3600
    buckets: dict[int, Counter[str]] = {start + i * 3600: Counter() for i in range(hours)}
    async for batch in AlertStore(client).pages(start_ms=start * 1000):
        for entry in batch:
            hour = entry.epoch_ms // 1000 // 3600 * 3600
            if hour in buckets:
                buckets[hour][entry.fields.get("type", "?")] += 1
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
    await SessionStore(client).save(key, session)


async def load_session(client: Any, key: str) -> dict[str, str] | None:
    return await SessionStore(client).load(key)


async def drop_session(client: Any, key: str) -> None:
    await SessionStore(client).drop(key)
