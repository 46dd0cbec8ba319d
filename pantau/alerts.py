"""Alert records per CONTRACT.md: deterministic ids and the JSON that lands in Redis. Pure."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pantau.events import Event
from pantau.rules import Detection, severity


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the evidence came from in Kafka, so any alert can be traced back to its message."""

    topic: str
    partition: int
    offset: int


def alert_id(event_id: str, rule: str) -> str:
    """The same event and rule always give the same id, so redelivery cannot create a second alert."""
    digest = hashlib.sha256(f"{rule}\x1f{event_id}".encode()).hexdigest()
    return f"{rule[:4]}-{digest[:24]}"


def excerpt(text: str, limit: int) -> str:
    """The first `limit` characters, cut at a word boundary where one is near."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.7:
        cut = cut[:space]
    return cut.rstrip() + "…"


def build_alert(
    event: Event,
    detection: Detection,
    *,
    thresholds: Mapping[str, float],
    model_version: str,
    detected_at: datetime,
    provenance: Provenance,
    excerpt_chars: int,
) -> dict[str, Any]:
    """The alert as CONTRACT.md fixes it, plus its explanation and Kafka provenance."""
    source_text = event.text if detection.source == "text" else (event.target.text if event.target else "")
    return {
        "alert_id": alert_id(event.event_id, detection.rule),
        "type": detection.rule,
        "severity": severity(detection, event),
        "event_id": event.event_id,
        "platform": event.platform,
        "action": event.action,
        "account": {"id": event.account.id, "handle": event.account.handle},
        "asn": None,
        "candidate": None,
        "scores": {label: round(score, 4) for label, score in detection.scores.items()},
        "thresholds": dict(thresholds),
        "model_version": model_version,
        "excerpt": excerpt(source_text, excerpt_chars),
        "url": event.url,
        "region": event.region,
        "event_time": event.created_at.isoformat(),
        "detected_at": detected_at.isoformat(timespec="milliseconds"),
        "explanation": {
            "rule": detection.rule,
            "label": detection.label,
            "score": round(detection.score, 4),
            "threshold": detection.threshold,
            "source": detection.source,
            "target_author": event.target.author if event.target and detection.source == "target" else None,
        },
        "source": {"topic": provenance.topic, "partition": provenance.partition, "offset": provenance.offset},
    }
