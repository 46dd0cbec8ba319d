"""Gathers what the threshold what-if needs from Redis: recorded scores and triaged alerts of a window."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import Any

from redis.asyncio import Redis

from pantau.domain.whatif import RULE_OF_LABEL, Triaged, WhatIfRow, what_if
from pantau.stores.alerts import ALERT_STREAM, alert_key
from pantau.stores.scores import ScoreStore


async def triaged_alerts(client: Any, label: str, since_s: float, page: int = 5000) -> list[Triaged]:
    """Alerts of the label's rule since `since_s` that staff confirmed or dismissed, with their scores."""
    rule = RULE_OF_LABEL[label]
    found: list[Triaged] = []
    start = str(int(since_s * 1000))
    while True:
        batch = await client.xrange(ALERT_STREAM, min=start, max="+", count=page)
        ids = [f[b"alert_id"].decode() for _r, f in batch if f.get(b"type", b"").decode() == rule]
        states = await client.mget([alert_key(i) for i in ids]) if ids else []
        for raw in states:
            if not raw:
                continue
            state = json.loads(raw)
            status = (state.get("triage") or {}).get("status")
            if status in ("confirmed", "dismissed"):
                found.append(Triaged(float(state["scores"].get(label, 0.0)), status == "confirmed"))
        if len(batch) < page:
            return found
        start = "(" + batch[-1][0].decode()


async def what_if_report(
    client: Redis, label: str, *, days: float, thresholds: Sequence[float], retention_s: int
) -> list[WhatIfRow]:
    since = time.time() - days * 86400
    samples = await ScoreStore(client, retention_s=retention_s).samples(since)
    return what_if(label, samples, await triaged_alerts(client, label, since), days=days, thresholds=thresholds)
