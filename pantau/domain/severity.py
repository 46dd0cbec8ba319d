"""Severity of a detection: points from the rule's margin, the act, its reach, the election phase and the
person's repeat offences, mapped onto low → critical. Pure."""

from __future__ import annotations

from pantau.domain.events import Event
from pantau.domain.kinds import Severity
from pantau.domain.rules import ASN_RULE, HOAX_RULE, Detection

SEVERITIES = tuple(s.value for s in Severity)  # plain strings: messages print this tuple
# A post is the person's own campaigning; a share spreads it; a comment joins in; a like endorses quietly.
ACTION_POINTS = {"post": 1, "share": 1, "comment": 0, "like": 0}
PHASE_POINTS = {"quiet_period": 1, "voting_day": 2}
WIDE_REACH, VERY_WIDE_REACH = 10_000, 100_000


def severity_points(detection: Detection, event: Event, prior_alerts: int = 0) -> int:
    margin = detection.margin
    points = 0 if margin < 0.25 else 1 if margin < 0.6 else 2
    if detection.rule == HOAX_RULE:
        # A repeated known hoax is one fact whatever the wording's similarity: reach and timing rank it.
        points = 1 if repeats_known_claim(detection) else 0
    points += ACTION_POINTS[event.action]
    points += 2 if event.reach >= VERY_WIDE_REACH else 1 if event.reach >= WIDE_REACH else 0
    points += PHASE_POINTS.get(detection.phase or "", 0)
    points += 2 if prior_alerts >= 3 else 1 if prior_alerts >= 1 else 0
    if detection.rule == ASN_RULE and detection.attribution is None:
        points -= 1  # partial, but about no contestant we can name
    return points


def repeats_known_claim(detection: Detection) -> bool:
    """A hoax alert backed by a fact-checked claim the post asserts (not merely asks about)."""
    return any(e.kind == "claim" and e.detail.get("framing") != "question" for e in detection.evidence)


def severity(detection: Detection, event: Event, prior_alerts: int = 0) -> str:
    if detection.rule == HOAX_RULE and not repeats_known_claim(detection):
        return SEVERITIES[0]  # the style score alone (or a question) is too weak to rank any higher
    points = severity_points(detection, event, prior_alerts)
    return SEVERITIES[max(0, min(points - 1, len(SEVERITIES) - 1))]
