"""`pantau purge`: drop what is older than the retention period. TTLs expire keys on their own; this also trims
the streams and indexes that hold entries of many alerts, and the audit chain (recording where it now starts)."""

from __future__ import annotations

import json
from typing import Any

from pantau.stores.alerts import AlertStore
from pantau.stores.audit import AuditLog
from pantau.stores.escalations import DELIVERY_GROUP
from pantau.stores.keys import (
    ALERT_STREAM,
    AUDIT_STREAM,
    SCORES,
    THRESHOLD_CHANGES,
    TRIAGE_STREAM,
    alert_events_key,
    alert_key,
    person_escalations_key,
)
from pantau.stores.keys import ESCALATION_OUTBOX as OUTBOX
from pantau.stores.keys import ESCALATIONS as INDEX
from pantau.stores.keys import ESCALATIONS_DEAD as DEAD
from pantau.stores.keys import ESCALATIONS_PENDING as PENDING
from pantau.stores.keys import escalation_body_key as body_key
from pantau.stores.keys import escalation_key as state_key
from pantau.stores.keys import person_alerts_key as person_key
from pantau.stores.reports import ReportStore


async def purge(client: Any, cutoff_ms: int, *, dry_run: bool = False) -> dict[str, int]:
    """Delete alert records, citizen reports, scores, triage and threshold history, escalations (not pending
    ones) and audit entries older than cutoff_ms; returns counts per kind."""
    counts = {
        "alerts": 0,
        "reports": 0,
        "escalations": 0,
        "scores": 0,
        "triage": 0,
        "threshold_changes": 0,
        "audit_entries": 0,
    }
    minid = f"{cutoff_ms}-0"
    async for batch in AlertStore(client).pages(end_ms=cutoff_ms, page=1000):
        for entry in batch:
            alert = entry.alert()
            counts["alerts"] += 1
            if not dry_run:
                aid = alert["alert_id"]
                await client.delete(alert_key(aid), alert_events_key(aid))
                nip_hash = (alert.get("asn") or {}).get("nip_hash")
                if nip_hash:
                    await client.zrem(person_key(nip_hash), aid)
    counts["reports"] = await ReportStore(client).purge(cutoff_ms, dry_run=dry_run)  # with reporters' contacts
    pending = {m.decode() for m in await client.zrange(PENDING, 0, -1)}
    for member in await client.zrangebyscore(INDEX, "-inf", f"({cutoff_ms}"):
        eid = member.decode()
        if eid in pending:
            continue  # not delivered yet: never purged
        counts["escalations"] += 1
        if not dry_run:
            state = await client.get(state_key(eid))
            nip_hash = json.loads(state).get("nip_hash") if state else None
            await client.delete(state_key(eid), body_key(eid))
            await client.zrem(INDEX, eid)
            await client.zrem(DEAD, eid)
            if nip_hash:
                await client.zrem(person_escalations_key(nip_hash), eid)
    for stream, kind in ((SCORES, "scores"), (TRIAGE_STREAM, "triage"), (THRESHOLD_CHANGES, "threshold_changes")):
        counts[kind] = len(await client.xrange(stream, min="-", max=f"({minid}"))
    if dry_run:
        counts["audit_entries"] = len(await client.xrange(AUDIT_STREAM, min="-", max=f"({minid}"))
        return counts
    for stream in (ALERT_STREAM, SCORES, TRIAGE_STREAM, THRESHOLD_CHANGES):
        await client.xtrim(stream, minid=minid)
    counts["audit_entries"] = await AuditLog(client).trim_before(cutoff_ms)
    await _trim_acked_outbox(client, minid)
    return counts


async def _trim_acked_outbox(client: Any, minid: str) -> None:
    """Outbox entries older than the cutoff, unless some are still pending delivery."""
    try:
        summary = await client.xpending(OUTBOX, DELIVERY_GROUP)
    except Exception:  # no group yet
        summary = {"pending": 0}
    if not summary or not summary.get("pending"):
        await client.xtrim(OUTBOX, minid=minid)
