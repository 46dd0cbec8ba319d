"""Decision rules: model scores plus the event's facts to detections. Pure; no I/O.

The backbone knows two rules that apply to anyone (`hoax`, `hate_sara`). The ASN-neutrality rule needs
the roster and candidate list of the decision layer and plugs in beside them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pantau.events import Event
from pantau.labels import HATE_SARA, HOAX, Scores

HOAX_RULE = "hoax"
HATE_SARA_RULE = "hate_sara"

# Which texts an action makes the author answerable for: sharing spreads the target's words, a like
# does not repeat them, a comment is the author's own words only.
SOURCES_BY_ACTION: Mapping[str, tuple[str, ...]] = {
    "post": ("text",),
    "comment": ("text",),
    "share": ("text", "target"),
    "like": (),
}

CONTENT_RULES: Mapping[str, str] = {HOAX_RULE: HOAX, HATE_SARA_RULE: HATE_SARA}

SEVERITIES = ("low", "medium", "high", "critical")
HIGH_REACH = 10_000


@dataclass(frozen=True, slots=True)
class Detection:
    """One rule that fired on one event, with everything needed to explain why."""

    rule: str
    label: str
    score: float
    threshold: float
    source: str
    scores: Scores


def scoring_sources(event: Event) -> dict[str, str]:
    """The texts of an event that the model must score, by source name."""
    sources = {}
    if event.text.strip():
        sources["text"] = event.text
    if event.target is not None and event.target.text.strip():
        sources["target"] = event.target.text
    return sources


def evaluate(event: Event, scores_by_source: Mapping[str, Scores], thresholds: Mapping[str, float]) -> list[Detection]:
    """Every content rule that fires on this event; at most one detection per rule."""
    detections = []
    allowed = [s for s in SOURCES_BY_ACTION[event.action] if s in scores_by_source]
    for rule, label in CONTENT_RULES.items():
        if not allowed:
            break
        source = max(allowed, key=lambda s: scores_by_source[s][label])
        score = scores_by_source[source][label]
        threshold = thresholds[label]
        if score >= threshold:
            detections.append(Detection(rule, label, score, threshold, source, dict(scores_by_source[source])))
    return detections


def severity(detection: Detection, event: Event) -> str:
    """Low to critical from how far the score clears its threshold, raised one step for wide reach."""
    headroom = 1.0 - detection.threshold
    margin = (detection.score - detection.threshold) / headroom if headroom > 0 else 1.0
    level = 0 if margin < 0.25 else 1 if margin < 0.6 else 2
    if event.reach >= HIGH_REACH:
        level += 1
    return SEVERITIES[min(level, len(SEVERITIES) - 1)]
