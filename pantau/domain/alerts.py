"""Alert records per CONTRACT.md: deterministic ids and the JSON that lands in Redis. Pure."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pantau.domain.alert import Provenance
from pantau.domain.events import Event
from pantau.domain.roster import RosterEntry
from pantau.domain.rules import Detection
from pantau.domain.severity import severity

__all__ = ["Provenance", "alert_id", "build_alert", "content_key", "excerpt"]


def content_key(event: Event) -> str:
    """What was acted on: the target for likes, shares and comments, else the event itself."""
    if event.action != "post" and event.target is not None and event.target.id:
        return f"target:{event.target.id}"
    return f"event:{event.event_id}"


def alert_id(event: Event, rule: str) -> str:
    """Same account, same content, same rule: same id. Redelivery and repeats never make a second alert."""
    basis = "\x1f".join((rule, event.platform, event.account.id, content_key(event)))
    # The whole rule name in front: "asn_-3f06…" read as a cut-off id to the people who copy them.
    return f"{rule}-{hashlib.sha256(basis.encode()).hexdigest()[:24]}"


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


def _asn_view(asn: RosterEntry) -> dict[str, str]:
    """The minimum a reviewer needs: the pseudonym, never the NIP."""
    return {"nip_hash": asn.nip_hash, "name": asn.name, "opd": asn.opd, "status": asn.status, "region": asn.region}


def build_alert(
    event: Event,
    detection: Detection,
    *,
    thresholds: Mapping[str, float],
    model_version: str,
    detected_at: datetime,
    provenance: Provenance,
    excerpt_chars: int,
    prior_alerts: int = 0,
) -> dict[str, Any]:
    """The alert as CONTRACT.md fixes it, plus its explanation and Kafka provenance."""
    target = event.target
    source_text = event.text if detection.source == "text" else (target.text if target else "")
    asn = detection.asn
    attribution = detection.attribution
    return {
        "alert_id": alert_id(event, detection.rule),
        "type": detection.rule,
        "severity": severity(detection, event, prior_alerts),
        "event_id": event.event_id,
        "platform": event.platform,
        "action": event.action,
        "account": {"id": event.account.id, "handle": event.account.handle},
        "asn": {"nip_hash": asn.nip_hash, "name": asn.name, "opd": asn.opd, "status": asn.status, "region": asn.region}
        if asn
        else None,
        "candidate": {**attribution.as_dict(), "pairs": [a.as_dict() for a in (attribution, *detection.also)]}
        if attribution
        else None,
        "scores": {label: round(score, 4) for label, score in detection.scores.items()},
        "thresholds": dict(thresholds),
        "model_version": model_version,
        "excerpt": excerpt(source_text, excerpt_chars),
        "url": event.url,
        "region": event.region,
        "phase": detection.phase,
        "event_time": event.created_at.isoformat(),
        "detected_at": detected_at.isoformat(timespec="milliseconds"),
        "occurrences": 1,
        "prior_alerts": prior_alerts,
        "explanation": {
            "rule": detection.rule,
            "label": detection.label,
            "score": round(detection.score, 4),
            "threshold": detection.threshold,
            "margin": round(detection.margin, 4),
            "source": detection.source,
            "target_author": target.author if target and detection.source == "target" else None,
            "candidate_span": attribution.matched if attribution else None,
            "reach": event.reach,
        },
        "evidence": [item.as_dict() for item in detection.evidence],
        # What a like, share or comment acted on, whichever text the rule read: staff need the post's author
        # and words to judge a like, and the post a comment answers.
        "target": {"id": target.id, "author": target.author, "excerpt": excerpt(target.text, excerpt_chars)}
        if target is not None and event.action != "post"
        else None,
        "source": {"topic": provenance.topic, "partition": provenance.partition, "offset": provenance.offset},
    }
