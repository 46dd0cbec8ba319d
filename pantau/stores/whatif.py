"""Gathers what the threshold what-if needs from Redis: recorded scores and triaged alerts of a window."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from redis.asyncio import Redis

from pantau.domain.whatif import RULE_OF_LABEL, Triaged, WhatIfRow, what_if
from pantau.stores.alerts import AlertStore
from pantau.stores.scores import ScoreStore


async def triaged_alerts(client: Any, label: str, since_s: float, page: int = 5000) -> list[Triaged]:
    """Alerts of the label's rule since `since_s` that staff confirmed or dismissed, with their scores."""
    rule = RULE_OF_LABEL[label]
    found: list[Triaged] = []
    alerts = AlertStore(client)
    async for batch in alerts.pages(start_ms=int(since_s * 1000), page=page):
        for state in await alerts.states([e.alert_id for e in batch if e.fields.get("type", "") == rule]):
            if not state:
                continue
            status = (state.get("triage") or {}).get("status")
            if status in ("confirmed", "dismissed"):
                found.append(Triaged(float(state["scores"].get(label, 0.0)), status == "confirmed"))
    return found


async def what_if_report(
    client: Redis, label: str, *, days: float, thresholds: Sequence[float], retention_s: int
) -> list[WhatIfRow]:
    since = time.time() - days * 86400
    samples = await ScoreStore(client, retention_s=retention_s).samples(since)
    return what_if(label, samples, await triaged_alerts(client, label, since), days=days, thresholds=thresholds)
