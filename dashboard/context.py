"""What the alert page says around the excerpt: the local time zone, what was acted on (whose post, its
reach, the post a comment answers), why the severity is what it is, and whether the alert went to Bawaslu.
Pure: reads the alert JSON as stored (and escalation states when the caller has them)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pantau.domain.rules import ASN_RULE, HATE_SARA_RULE, HOAX_RULE
from pantau.domain.severity import ACTION_POINTS, PHASE_POINTS, SEVERITIES, VERY_WIDE_REACH, WIDE_REACH
from pantau.domain.timezone_regions import ZONE_OFFSETS
from pantau.domain.timezones import RegionZone, local_time, zone_of

SCORED_TYPES = (ASN_RULE, HOAX_RULE, HATE_SARA_RULE)  # severity by pantau.domain.severity's points


def region_of(alert: Mapping[str, Any]) -> str | None:
    """The place that sets the alert's time zone: the event's region, else the roster's, else the contest's."""
    for value in (
        alert.get("region"),
        (alert.get("asn") or {}).get("region"),
        (alert.get("candidate") or {}).get("region"),
    ):
        if value:
            return str(value)
    return None


def alert_zone(alert: Mapping[str, Any]) -> RegionZone:
    return zone_of(region_of(alert))


def alert_time(value: Any, alert: Mapping[str, Any], lang: str = "id") -> str:
    """A time of this alert (event, detection, decision) as "27 Nov 2024 09:15 WITA"."""
    return local_time(value, region_of(alert), lang).text


@dataclass(frozen=True, slots=True)
class SeverityReason:
    key: str  # an i18n key: sev_margin, sev_action, …
    points: int
    detail: str  # the value behind the points, e.g. "0.41" or "12,400"


@dataclass(frozen=True, slots=True)
class SeverityWhy:
    reasons: tuple[SeverityReason, ...]
    total: int
    computed: str  # the severity these points give
    capped: bool  # a hoax without a known claim behind it stays low whatever the points
    matches: bool  # False: the stored severity was set otherwise (the page says so instead of guessing)


def _asserts_known_claim(alert: Mapping[str, Any]) -> bool:
    return any(e.get("kind") == "claim" and e.get("framing") != "question" for e in alert.get("evidence") or [] if e)


def severity_why(alert: Mapping[str, Any]) -> SeverityWhy | None:
    """The points pantau.domain.severity gave this alert, rebuilt from the fields the alert records (a unit test
    holds this to pantau.domain.severity); None for alert types whose severity other rules set."""
    if alert.get("type") not in SCORED_TYPES:
        return None
    explanation = alert.get("explanation") or {}
    margin = float(explanation.get("margin") or 0.0)
    reach = int(explanation.get("reach") or 0)
    prior = int(alert.get("prior_alerts") or 0)
    action = str(alert.get("action") or "")
    phase = str(alert.get("phase") or "")
    hoax = alert.get("type") == HOAX_RULE
    if hoax:
        first = SeverityReason("sev_known_claim", 1 if _asserts_known_claim(alert) else 0, "")
    else:
        first = SeverityReason("sev_margin", 0 if margin < 0.25 else 1 if margin < 0.6 else 2, f"{margin:.2f}")
    reasons = [
        first,
        SeverityReason("sev_action", ACTION_POINTS.get(action, 0), action),
        SeverityReason("sev_reach", 2 if reach >= VERY_WIDE_REACH else 1 if reach >= WIDE_REACH else 0, str(reach)),
        SeverityReason("sev_phase", PHASE_POINTS.get(phase, 0), phase),
        SeverityReason("sev_prior", 2 if prior >= 3 else 1 if prior >= 1 else 0, str(prior)),
    ]
    if alert.get("type") == ASN_RULE and not alert.get("candidate"):
        reasons.append(SeverityReason("sev_no_pair", -1, ""))
    total = sum(r.points for r in reasons)
    capped = hoax and not _asserts_known_claim(alert)
    computed = SEVERITIES[0] if capped else SEVERITIES[max(0, min(total - 1, len(SEVERITIES) - 1))]
    return SeverityWhy(tuple(reasons), total, computed, capped, computed == alert.get("severity"))


@dataclass(frozen=True, slots=True)
class ActedOn:
    """For a like, share or comment: the content acted on, as far as the alert records it."""

    action: str
    author: str | None  # whose post was liked, shared or answered
    text: str | None  # the post's words (the excerpt, when the rule read the post rather than the act)
    reach: int  # followers or views of the account that acted: how far the act carries the post


def acted_on(alert: Mapping[str, Any]) -> ActedOn | None:
    action = str(alert.get("action") or "")
    if action not in ("like", "share", "comment"):
        return None
    explanation = alert.get("explanation") or {}
    target = alert.get("target") or {}  # recorded by newer workers; older alerts only explain the rule's source
    from_target = explanation.get("source") == "target"
    author = target.get("author") or explanation.get("target_author")
    text = target.get("excerpt") or (alert.get("excerpt") if from_target else None)
    return ActedOn(action, author or None, text or None, int(explanation.get("reach") or 0))


@dataclass(frozen=True, slots=True)
class Escalated:
    requested_by: str | None  # staff who pressed "escalate", None when the policy escalated on its own
    requested_at: str | None
    reason: str | None  # the policy's reason code (critical, person_repeat, staff_request, …)
    addressed_to: str | None
    status: str | None  # pending, delivered or dead; None when the escalator has not picked it up yet
    created_at: str | None
    delivered_at: str | None
    escalation_id: str | None


def escalation(triage: Mapping[str, Any] | None, states: Sequence[Mapping[str, Any]]) -> Escalated | None:
    """Whether the alert went to Bawaslu, by whom, to whom and when (states: escalations naming the alert)."""
    steps = [s for s in (triage or {}).get("history") or [] if s.get("action") == "escalate"]
    asked = steps[-1] if steps else None
    state = states[0] if states else None
    if asked is None and state is None and not (triage or {}).get("escalation_requested"):
        return None
    state = state or {}
    return Escalated(
        requested_by=(asked or {}).get("by") or state.get("requested_by"),
        requested_at=(asked or {}).get("at"),
        reason=state.get("reason"),
        addressed_to=state.get("addressed_to"),
        status=state.get("status"),
        created_at=state.get("created_at"),
        delivered_at=state.get("delivered_at"),
        escalation_id=state.get("escalation_id"),
    )


def can_act(user: Mapping[str, Any] | None, alert: Mapping[str, Any]) -> bool:
    """Triage buttons: only for the triage role, and never on a dismissed alert (the decision is final)."""
    status = (alert.get("triage") or {}).get("status") or "new"
    return bool(user) and (user or {}).get("role") == "triage" and status != "dismissed"


def feed_zone(alerts: Sequence[Mapping[str, Any]]) -> RegionZone:
    """The zone the feed's hourly chart is labelled in: that of most of the alerts shown (WIB when none)."""
    zones = Counter(alert_zone(a).zone for a in alerts)
    if not zones:
        return zone_of(None)
    zone = zones.most_common(1)[0][0]
    return RegionZone(zone, ZONE_OFFSETS[zone], None, True)
