"""The pure steps of a batch and the records they hand on: validation, rules, alert drafts, accounting.

No I/O and no metrics here: pantau.runtime.pipeline runs these between its reads and writes and reports
to its observer. A step that fails on one event turns that event into a Rejection and carries on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pantau.claims.model import ClaimMatch
from pantau.claims.step import claim_hits
from pantau.domain.alerts import Provenance, build_alert
from pantau.domain.deadletter import PROCESSING_FAILED, RawRecord, Rejection
from pantau.domain.events import REPORT, Event, parse_event
from pantau.domain.labels import LABELS, Scores
from pantau.domain.reference import ReferenceCache
from pantau.domain.roster import RosterEntry
from pantau.domain.rules import Decision, Detection, evaluate, scoring_sources
from pantau.errors import InvalidEvent
from pantau.reports.case import build_report_alert, reported_post
from pantau.stores.alerts import DUPLICATE, REPEAT

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Validated:
    """An event that parsed, with the record it came in."""

    record: RawRecord
    event: Event
    view: Event  # what the rules judge: the event itself, or for a citizen's report the reported post


@dataclass(frozen=True, slots=True)
class Scored:
    """A validated event with the model's scores per text source and the known claims it repeats."""

    item: Validated
    scores: dict[str, Scores]  # by source (pantau.domain.rules.scoring_sources)
    claims: dict[str, ClaimMatch] = field(default_factory=dict)  # by source


@dataclass(frozen=True, slots=True)
class Decided:
    item: Validated
    decision: Decision


@dataclass(frozen=True, slots=True)
class Drafted:
    """An alert built for an event, not yet written."""

    alert: dict[str, Any]
    item: Validated


@dataclass(frozen=True, slots=True)
class Written:
    """An alert after its write: `result` is NEW, REPEAT or DUPLICATE (pantau.stores.alerts)."""

    alert: dict[str, Any]
    item: Validated
    result: str


@dataclass(frozen=True, slots=True)
class ScoredBatch:
    """A batch between the two halves of the pipeline: scored events, rejections so far, when it started."""

    scored: list[Scored]
    rejected: list[Rejection]
    started: float  # time.perf_counter()


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """What became of a batch: counts per outcome, for callers and tests."""

    alerts_written: int = 0
    alerts_duplicate: int = 0
    alerts_repeated: int = 0
    alert_events: int = 0
    benign_events: int = 0
    rejected: list[Rejection] = field(default_factory=list)


def validate(
    records: Sequence[RawRecord], max_payload_bytes: int, reference: ReferenceCache
) -> tuple[list[Validated], list[Rejection]]:
    valid, rejected = [], []
    for record in records:
        try:
            event = parse_event(record.value, max_payload_bytes)
            valid.append(Validated(record, event, judged_view(event, reference)))
        except InvalidEvent as exc:
            rejected.append(Rejection(record, exc.reason, str(exc)))
        except Exception as exc:  # the validator itself must never take the worker down
            log.exception("validator crashed on %s[%d]@%d", record.topic, record.partition, record.offset)
            rejected.append(Rejection(record, PROCESSING_FAILED, f"validator crashed: {exc!r}"[:500]))
    return valid, rejected


def judged_view(event: Event, reference: ReferenceCache) -> Event:
    if event.action != REPORT:
        return event
    return reported_post(event, reporter_target(event, reference))


def reporter_target(event: Event, reference: ReferenceCache) -> RosterEntry | None:
    """The roster entry of the account a citizen reported, matched by handle."""
    return reference.entry_by_handle(event.platform, event.target.author if event.target else None)


def scoring_units(group: Sequence[Validated], reference: ReferenceCache) -> list[tuple[int, str, str]]:
    """(index in group, source, text) for every text the model must score: all of a batch in one call."""
    candidates = reference.candidates
    return [
        (i, source, text)
        for i, item in enumerate(group)
        for source, text in scoring_sources(item.view, candidates).items()
    ]


def decide(
    scored: Sequence[Scored], thresholds: dict[str, float], reference: ReferenceCache
) -> tuple[list[Decided], list[Rejection]]:
    decided, rejected = [], []
    for one in scored:
        try:
            decided.append(Decided(one.item, rule_decision(one, thresholds, reference)))
        except Exception as exc:  # a bug in one event's rules must not cost the batch
            log.exception("rules failed on %s", one.item.event.event_id)
            rejected.append(Rejection(one.item.record, PROCESSING_FAILED, f"rules failed: {exc!r}"[:500]))
    return decided, rejected


def rule_decision(scored: Scored, thresholds: dict[str, float], reference: ReferenceCache) -> Decision:
    event = scored.item.view
    asn = reference.roster_entry(event.platform, event.account.id)
    if not scored.scores:  # a report without the post's text: nothing for the rules to read
        return Decision()
    return evaluate(event, scored.scores, thresholds, asn=asn, candidates=reference.candidates, claims=scored.claims)


def people_alerted(decided: Sequence[Decided]) -> list[str]:
    """The roster people the batch's detections name, whose alert history decides severity."""
    return [d.asn.nip_hash for one in decided for d in one.decision.detections if d.asn]


@dataclass(frozen=True, slots=True)
class AlertContext:
    """What every alert of a batch is built with besides its event and detections."""

    reference: ReferenceCache
    thresholds: dict[str, float]
    model_version: str
    excerpt_chars: int
    clock: Callable[[], float]


def draft_alerts(
    decided: Sequence[Decided], prior: dict[str, int], context: AlertContext
) -> tuple[list[Validated], list[Drafted], list[Rejection]]:
    """The alerts of each decided event; the events built without error are the batch's processed ones."""
    processed, drafts, rejected = [], [], []
    for one in decided:
        item = one.item
        try:
            if item.event.action == REPORT:
                built = [_report_alert(item, one.decision.detections, context)]
            else:
                built = [_alert(item, detection, prior, context) for detection in one.decision.detections]
        except Exception as exc:
            log.exception("building alerts failed on %s", item.event.event_id)
            rejected.append(Rejection(item.record, PROCESSING_FAILED, f"alert building failed: {exc!r}"[:500]))
            continue
        processed.append(item)
        drafts += [Drafted(alert, item) for alert in built]
    return processed, drafts, rejected


def _alert(item: Validated, detection: Detection, prior: dict[str, int], context: AlertContext) -> dict[str, Any]:
    record = item.record
    return build_alert(
        item.event,
        detection,
        thresholds=context.thresholds,
        model_version=context.model_version,
        detected_at=datetime.fromtimestamp(context.clock(), UTC),
        provenance=Provenance(record.topic, record.partition, record.offset),
        excerpt_chars=context.excerpt_chars,
        prior_alerts=prior.get(detection.asn.nip_hash, 0) if detection.asn else 0,
    )


def _report_alert(item: Validated, detections: list[Detection], context: AlertContext) -> dict[str, Any]:
    """A citizen's report: one `citizen_report` alert carrying what the rules found in the reported post."""
    record = item.record
    return build_report_alert(
        item.event,
        item.view,
        detections,
        asn=reporter_target(item.event, context.reference),
        thresholds=context.thresholds,
        model_version=context.model_version,
        detected_at=datetime.fromtimestamp(context.clock(), UTC),
        provenance=Provenance(record.topic, record.partition, record.offset),
        excerpt_chars=context.excerpt_chars,
    )


def score_rows(scored: Sequence[Scored], reference: ReferenceCache) -> list[tuple[Scores, bool]]:
    """Each event's best score per label (no ids) and whether its account is bound to neutrality."""
    rows = []
    for one in scored:
        event = one.item.event
        if event.action == REPORT:
            continue  # a reported post is no sample of the stream's score distribution
        entry = reference.roster_entry(event.platform, event.account.id)
        by_source = one.scores
        best = {label: max(s.get(label, 0.0) for s in by_source.values()) for label in LABELS} if by_source else {}
        rows.append((best, bool(entry and entry.bound)))
    return rows


def claim_hit_rows(written: Sequence[Written]) -> list[tuple[str, float, dict[str, Any]]]:
    """Each post that repeated a known claim; a redelivered alert (duplicate) is no new hit."""
    return [hit for one in written if one.result != DUPLICATE for hit in claim_hits(one.alert)]


def account(processed: Sequence[Validated], rejected: list[Rejection], written: Sequence[Written]) -> BatchOutcome:
    """Each event once: alert (some alert of it was written, or already was), benign or rejected."""
    duplicate = sum(1 for one in written if one.result == DUPLICATE)
    repeated = sum(1 for one in written if one.result == REPEAT)
    alert_event_ids = {one.item.event.event_id for one in written}
    alert_events = sum(1 for item in processed if item.event.event_id in alert_event_ids)
    new = len(written) - duplicate - repeated
    return BatchOutcome(new, duplicate, repeated, alert_events, len(processed) - alert_events, rejected)
