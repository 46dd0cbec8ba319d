"""The worker's claim-matching step: which texts of an event can repeat a hoax, matched in one call that
the pipeline runs off the event loop. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pantau.claims.index import ClaimIndex
from pantau.claims.model import ClaimMatch
from pantau.domain.events import Event
from pantau.domain.rules import CONTENT_SOURCES, HOAX_RULE


def claim_texts(event: Event) -> dict[str, str]:
    """The author's own words and what they share (a like does not repeat anything), unmasked."""
    texts = {}
    for source in CONTENT_SOURCES[event.action]:
        if source == "text" and event.text.strip():
            texts[source] = event.text
        elif source == "target" and event.target is not None and event.target.text.strip():
            texts[source] = event.target.text
    return texts


SEMANTIC_TEXTS_PER_BATCH = 48  # ~2 s of e5 on one CPU core


def match_events(
    index: ClaimIndex, events: Sequence[Event], lexical_floor: float, semantic_floor: float
) -> list[dict[str, ClaimMatch]]:
    """Per event, the best claim match of each of its texts (sources without one are left out). Matching by
    meaning stops for the rest of the batch once the encoder has embedded SEMANTIC_TEXTS_PER_BATCH texts:
    a burst of posts sharing claims' words must not hold the partition (lexical matching goes on)."""
    out = []
    budget_end = index.encoded + SEMANTIC_TEXTS_PER_BATCH
    for event in events:
        found = {}
        for source, text in claim_texts(event).items():
            floor = semantic_floor if index.encoded < budget_end else 1.01
            match = index.match(text, lexical_floor=lexical_floor, semantic_floor=floor)
            if match is not None:
                found[source] = match
        out.append(found)
    return out


def claim_hits(alert: dict[str, Any]) -> list[tuple[str, float, dict[str, Any]]]:
    """A written hoax alert as (claim_id, event time, row) for the claim page: who repeated it, where, reach."""
    if alert.get("type") != HOAX_RULE:
        return []
    from datetime import datetime

    at = datetime.fromisoformat(alert["event_time"]).timestamp()
    rows = []
    for item in alert.get("evidence") or []:
        if item.get("kind") != "claim":
            continue
        row = {
            "alert_id": alert["alert_id"],
            "event_id": alert["event_id"],
            "platform": alert["platform"],
            "action": alert["action"],
            "handle": alert["account"].get("handle") or alert["account"].get("id"),
            "region": alert.get("region"),
            "reach": (alert.get("explanation") or {}).get("reach", 0),
            "event_time": alert["event_time"],
            "similarity": item.get("similarity"),
            "severity": alert["severity"],
        }
        rows.append((str(item["claim_id"]), at, row))
    return rows
