"""One micro-batch from raw messages to written alerts and dead letters.

The agent hands a batch of RawRecords to `BatchProcessor.process` and acknowledges them when it returns.
`process` never raises for a bad event (it becomes a dead letter) and returns only after every alert and
dead letter of the batch is durably written, retrying outages for as long as they last.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from pantau.claims.model import CLAIM_DEFAULTS, CLAIM_SEMANTIC, CLAIM_SIMILARITY, ClaimMatch
from pantau.claims.step import claim_hits, match_events
from pantau.domain.alerts import Provenance, build_alert
from pantau.domain.deadletter import INFERENCE_FAILED, PROCESSING_FAILED, RawRecord, Rejection
from pantau.domain.events import REPORT, Event, parse_event
from pantau.domain.labels import LABELS, Scores
from pantau.domain.reference import ReferenceCache
from pantau.domain.rules import Decision, Detection, evaluate, scoring_sources
from pantau.errors import InvalidEvent
from pantau.reports.case import build_report_alert, reported_post
from pantau.runtime.metrics import WorkerMetrics
from pantau.runtime.retry import retry_until_done
from pantau.stores.alerts import DUPLICATE, NEW, REPEAT

log = logging.getLogger(__name__)


class TextClassifier(Protocol):
    version: str

    def predict(self, texts: Sequence[str]) -> list[Scores]: ...


class AlertWriter(Protocol):
    async def prior_alerts(self, nip_hashes: Sequence[str]) -> dict[str, int]: ...

    async def write(self, alerts: Sequence[dict[str, Any]]) -> list[str]: ...


class ScoreWriter(Protocol):
    async def record(self, rows: Sequence[tuple[Scores, bool]]) -> None: ...


class DeadLetterWriter(Protocol):
    async def write(self, rejections: Sequence[Rejection]) -> None: ...


class ReportCaseWriter(Protocol):
    """Puts each processed citizen report on its case (pantau.stores.reports via pantau.services.worker)."""

    async def attach(self, alert: dict[str, Any], event: Event) -> str: ...

    async def index_alerts(self, alerts: Sequence[dict[str, Any]]) -> None: ...


class ClaimHitWriter(Protocol):
    async def record_hits(self, hits: Sequence[tuple[str, float, dict[str, Any]]]) -> None: ...


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """What became of a batch: counts per outcome, for callers and tests."""

    alerts_written: int = 0
    alerts_duplicate: int = 0
    alerts_repeated: int = 0
    alert_events: int = 0
    benign_events: int = 0
    rejected: list[Rejection] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Valid:
    record: RawRecord
    event: Event
    view: Event  # what the rules judge: the event itself, or for a citizen's report the reported post


@dataclass(frozen=True, slots=True)
class ScoredBatch:
    """A batch between the stages: scored events, rejections so far, when it started."""

    scored: list[tuple[_Valid, dict[str, Scores]]]
    rejected: list[Rejection]
    started: float
    claims: list[dict[str, ClaimMatch]] = field(default_factory=list)  # per scored event, by source


class BatchProcessor:
    """Validation → inference (off the event loop) → rules → idempotent writes, for one batch at a time."""

    def __init__(
        self,
        *,
        classifier: TextClassifier,
        executor: Executor,
        alerts: AlertWriter,
        dead_letters: DeadLetterWriter,
        metrics: WorkerMetrics,
        reference: ReferenceCache,
        max_payload_bytes: int,
        excerpt_chars: int,
        retry_max_delay_s: float = 10.0,
        clock: Callable[[], float] = time.time,
        scores: ScoreWriter | None = None,
        claim_hits: ClaimHitWriter | None = None,
        reports: ReportCaseWriter | None = None,
    ) -> None:
        self._reports = reports
        self._scores = scores
        self._claim_hits = claim_hits
        self._classifier = classifier
        self._executor = executor
        self._alerts = alerts
        self._dead_letters = dead_letters
        self._metrics = metrics
        self._reference = reference
        self._max_payload = max_payload_bytes
        self._excerpt_chars = excerpt_chars
        self._retry_max = retry_max_delay_s
        self._clock = clock

    async def process(self, records: Sequence[RawRecord]) -> BatchOutcome:
        """Both stages, one after the other."""
        return await self.finish(await self.score(records))

    async def score(self, records: Sequence[RawRecord]) -> ScoredBatch:
        """Stage 1, CPU-bound: validation and inference. Touches no sink, so it may overlap the previous
        batch's stage 2."""
        started = time.perf_counter()
        self._metrics.batch_size.observe(len(records))
        self._metrics.events_consumed.inc(len(records))
        with self._stage("validate"):
            valid, rejected = self._validate(records)
        scored, failed = await self._score(valid)
        with self._stage("claims"):
            matches = await self._match_claims(scored)
        return ScoredBatch(scored, rejected + failed, started, matches)

    async def finish(self, batch: ScoredBatch) -> BatchOutcome:
        """Stage 2, I/O-bound: rules, alert history, writes, accounting. Batches must pass it in order (a
        person's prior alerts are read here), so a caller runs one finish at a time."""
        rejected = list(batch.rejected)
        thresholds = self._reference.thresholds
        with self._stage("decide"):
            decided = self._decide_all(batch.scored, thresholds, rejected, batch.claims)
        with self._stage("history"):
            prior = await self._prior_alerts(decided)
        with self._stage("build"):
            processed, alerts = self._build_alerts(decided, thresholds, prior, rejected)
        alert_event_ids = {item.event.event_id for _, item in alerts}
        with self._stage("write_alerts"):
            written = await self._write_alerts(alerts)
            await self._record_scores(batch.scored)
            await self._record_claim_hits(alerts, written)
        with self._stage("dead_letters"):
            await self._write_dead_letters(rejected)
        outcome = self._account(processed, rejected, alerts, written, alert_event_ids)
        self._metrics.batch_seconds.observe(time.perf_counter() - batch.started)
        return outcome

    @contextmanager
    def _stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self._metrics.stage_seconds.labels(name).observe(time.perf_counter() - started)

    async def _record_scores(self, scored: list[tuple[_Valid, dict[str, Scores]]]) -> None:
        """Each event's scores (no ids) for the threshold what-if; best effort, never holds a batch up."""
        if self._scores is None or not scored:
            return
        rows = []
        for item, by_source in scored:
            if item.event.action == REPORT:
                continue  # a reported post is no sample of the stream's score distribution
            entry = self._reference.roster_entry(item.event.platform, item.event.account.id)
            best = {label: max(s.get(label, 0.0) for s in by_source.values()) for label in LABELS} if by_source else {}
            rows.append((best, bool(entry and entry.bound)))
        try:
            await self._scores.record(rows)
        except Exception as exc:
            self._metrics.redis_errors.labels("record_scores").inc()
            log.warning("recording scores failed: %s", exc)

    async def _match_claims(self, scored: list[tuple[_Valid, dict[str, Scores]]]) -> list[dict[str, ClaimMatch]]:
        """Known-hoax matching, off the event loop like inference. A failure costs the matches, not the batch."""
        index = self._reference.claims
        if index is None or not len(index) or not scored:
            return []
        lexical, semantic = (
            self._reference.thresholds.get(n, CLAIM_DEFAULTS[n]) for n in (CLAIM_SIMILARITY, CLAIM_SEMANTIC)
        )
        events = [item.view for item, _ in scored]
        loop = asyncio.get_running_loop()
        try:
            matches: list[dict[str, ClaimMatch]] = await loop.run_in_executor(
                self._executor, match_events, index, events, lexical, semantic
            )
        except Exception:
            log.exception("claim matching failed on a batch of %d events", len(events))
            return []
        return matches

    async def _record_claim_hits(self, alerts: list[tuple[dict[str, Any], _Valid]], written: list[str]) -> None:
        """Each post that repeated a claim, for the claim page; best effort, never holds a batch up."""
        if self._claim_hits is None:
            return
        hits = [
            h
            for (alert, _), result in zip(alerts, written, strict=True)
            if result != DUPLICATE
            for h in claim_hits(alert)
        ]
        if not hits:
            return
        try:
            await self._claim_hits.record_hits(hits)
        except Exception as exc:
            self._metrics.redis_errors.labels("record_claim_hits").inc()
            log.warning("recording claim hits failed: %s", exc)

    def _validate(self, records: Sequence[RawRecord]) -> tuple[list[_Valid], list[Rejection]]:
        valid, rejected = [], []
        for record in records:
            try:
                event = parse_event(record.value, self._max_payload)
                valid.append(_Valid(record, event, self._view(event)))
            except InvalidEvent as exc:
                rejected.append(Rejection(record, exc.reason, str(exc)))
            except Exception as exc:  # the validator itself must never take the worker down
                log.exception("validator crashed on %s[%d]@%d", record.topic, record.partition, record.offset)
                rejected.append(Rejection(record, PROCESSING_FAILED, f"validator crashed: {exc!r}"[:500]))
        self._metrics.events_valid.inc(len(valid))
        return valid, rejected

    def _view(self, event: Event) -> Event:
        if event.action != REPORT:
            return event
        return reported_post(event, self._reporter_target(event))

    def _reporter_target(self, event: Event) -> Any:
        return self._reference.entry_by_handle(event.platform, event.target.author if event.target else None)

    async def _score(self, valid: list[_Valid]) -> tuple[list[tuple[_Valid, dict[str, Scores]]], list[Rejection]]:
        """Score every text of the batch in one model call; on failure, isolate the events that cause it."""
        if not valid:
            return [], []
        started = time.perf_counter()
        try:
            scored = await self._score_group(valid)
            self._metrics.inference_seconds.observe(time.perf_counter() - started)
            return scored, []
        except Exception:
            log.warning("batch inference failed; scoring its %d events one by one", len(valid), exc_info=True)
        scored, rejected = [], []
        for item in valid:
            try:
                scored += await self._score_group([item])
            except Exception as exc:
                rejected.append(Rejection(item.record, INFERENCE_FAILED, f"inference failed: {exc!r}"[:500]))
        self._metrics.inference_seconds.observe(time.perf_counter() - started)
        return scored, rejected

    async def _score_group(self, group: list[_Valid]) -> list[tuple[_Valid, dict[str, Scores]]]:
        candidates = self._reference.candidates
        units = [
            (i, source, text)
            for i, item in enumerate(group)
            for source, text in scoring_sources(item.view, candidates).items()
        ]
        loop = asyncio.get_running_loop()
        predictions = await loop.run_in_executor(self._executor, self._classifier.predict, [u[2] for u in units])
        per_event: list[dict[str, Scores]] = [{} for _ in group]
        for (i, source, _), scores in zip(units, predictions, strict=True):
            per_event[i][source] = scores
            for label, score in scores.items():
                self._metrics.score_by_label[label].observe(score)
        return list(zip(group, per_event, strict=True))

    def _decide_all(
        self,
        scored: list[tuple[_Valid, dict[str, Scores]]],
        thresholds: dict[str, float],
        rejected: list[Rejection],
        claims: list[dict[str, ClaimMatch]],
    ) -> list[tuple[_Valid, Decision]]:
        decided = []
        for i, (item, scores) in enumerate(scored):
            try:
                matches = claims[i] if i < len(claims) else {}
                decided.append((item, self._decide(item.view, scores, thresholds, matches)))
            except Exception as exc:  # a bug in one event's rules must not cost the batch
                log.exception("rules failed on %s", item.event.event_id)
                rejected.append(Rejection(item.record, PROCESSING_FAILED, f"rules failed: {exc!r}"[:500]))
        return decided

    def _build_alerts(
        self,
        decided: list[tuple[_Valid, Decision]],
        thresholds: dict[str, float],
        prior: dict[str, int],
        rejected: list[Rejection],
    ) -> tuple[list[_Valid], list[tuple[dict[str, Any], _Valid]]]:
        processed, alerts = [], []
        for item, decision in decided:
            try:
                if item.event.action == REPORT:
                    built = [self._report_alert(item, decision.detections, thresholds)]
                else:
                    built = [self._alert(item, detection, thresholds, prior) for detection in decision.detections]
            except Exception as exc:
                log.exception("building alerts failed on %s", item.event.event_id)
                rejected.append(Rejection(item.record, PROCESSING_FAILED, f"alert building failed: {exc!r}"[:500]))
                continue
            processed.append(item)
            alerts += [(alert, item) for alert in built]
        return processed, alerts

    async def _prior_alerts(self, decided: list[tuple[_Valid, Decision]]) -> dict[str, int]:
        """Each person's alerts in the repeat window, read before severity is decided."""
        people = [d.asn.nip_hash for _, decision in decided for d in decision.detections if d.asn]
        if not people:
            return {}
        result: dict[str, int] = await self._retry(
            lambda: self._alerts.prior_alerts(people), "reading alert history", self._on_redis_error
        )
        return result

    def _decide(
        self, event: Event, scores: dict[str, Scores], thresholds: dict[str, float], claims: dict[str, ClaimMatch]
    ) -> Decision:
        asn = self._reference.roster_entry(event.platform, event.account.id)
        if not scores:  # a report without the post's text: nothing for the rules to read
            return Decision()
        decision = evaluate(event, scores, thresholds, asn=asn, candidates=self._reference.candidates, claims=claims)
        if decision.campaign_stance:
            self._metrics.campaign_activity.labels(decision.campaign_stance, decision.phase or "unknown").inc()
        return decision

    def _alert(
        self, item: _Valid, detection: Detection, thresholds: dict[str, float], prior: dict[str, int]
    ) -> dict[str, Any]:
        record = item.record
        return build_alert(
            item.event,
            detection,
            thresholds=thresholds,
            model_version=self._classifier.version,
            detected_at=datetime.fromtimestamp(self._clock(), UTC),
            provenance=Provenance(record.topic, record.partition, record.offset),
            excerpt_chars=self._excerpt_chars,
            prior_alerts=prior.get(detection.asn.nip_hash, 0) if detection.asn else 0,
        )

    def _report_alert(self, item: _Valid, detections: list[Detection], thresholds: dict[str, float]) -> dict[str, Any]:
        """A citizen's report: one `citizen_report` alert carrying what the rules found in the reported post."""
        record = item.record
        return build_report_alert(
            item.event,
            item.view,
            detections,
            asn=self._reporter_target(item.event),
            thresholds=thresholds,
            model_version=self._classifier.version,
            detected_at=datetime.fromtimestamp(self._clock(), UTC),
            provenance=Provenance(record.topic, record.partition, record.offset),
            excerpt_chars=self._excerpt_chars,
        )

    async def _write_alerts(self, alerts: list[tuple[dict[str, Any], _Valid]]) -> list[str]:
        """Stream alerts through the sink (then indexed by content for reports to join); each report onto its
        case. Results in the order of `alerts`."""
        if not alerts:
            return []
        reports = self._reports
        plain = [i for i, (_, item) in enumerate(alerts) if reports is None or item.event.action != REPORT]
        results = [""] * len(alerts)
        if plain:
            bodies = [alerts[i][0] for i in plain]
            written = await self._retry(
                lambda: self._alerts.write(bodies), "writing alerts to Redis", self._on_redis_error
            )
            for i, result in zip(plain, written, strict=True):
                results[i] = result
        if reports is None:
            return results
        fresh = [alerts[i][0] for i in plain if results[i] == NEW]
        if fresh:
            await self._retry(lambda: reports.index_alerts(fresh), "indexing alerts for reports", self._on_redis_error)
        for i, (alert, item) in enumerate(alerts):
            if item.event.action == REPORT:
                attach = functools.partial(reports.attach, alert, item.event)
                results[i] = await self._retry(attach, "attaching a report", self._on_redis_error)
                self._metrics.report_cases.labels({NEW: "new", REPEAT: "attached"}.get(results[i], "duplicate")).inc()
        return results

    async def _write_dead_letters(self, rejected: list[Rejection]) -> None:
        if rejected:
            await self._retry(lambda: self._dead_letters.write(rejected), "publishing dead letters", self._on_dlq_error)

    async def _retry(self, op: Callable[[], Awaitable[Any]], what: str, on_error: Callable[[Exception], None]) -> Any:
        return await retry_until_done(op, what=what, on_error=on_error, max_delay_s=self._retry_max)

    def _on_redis_error(self, exc: Exception) -> None:
        self._metrics.redis_errors.labels("write_alerts").inc()

    def _on_dlq_error(self, exc: Exception) -> None:
        self._metrics.dlq_errors.inc()

    def _account(
        self,
        processed: list[_Valid],
        rejected: list[Rejection],
        alerts: list[tuple[dict[str, Any], _Valid]],
        written: list[str],
        alert_event_ids: set[str],
    ) -> BatchOutcome:
        now = self._clock()
        new = duplicate = repeated = 0
        for (alert, item), result in zip(alerts, written, strict=True):
            if result == DUPLICATE:
                duplicate += 1
                continue
            if result == REPEAT:
                repeated += 1
                continue
            new += 1
            self._metrics.alerts.labels(alert["type"], alert["severity"]).inc()
            region = self._reference.region_label(alert.get("region"))
            self._metrics.alerts_by_region.labels(alert["type"], region).inc()
            if item.record.timestamp_ms is not None:
                self._metrics.end_to_end_seconds.observe(max(0.0, now - item.record.timestamp_ms / 1000))
            self._metrics.event_age_seconds.observe(max(0.0, now - item.event.created_at.timestamp()))
        self._metrics.alerts_duplicate.inc(duplicate)
        self._metrics.alert_repeats.inc(repeated)
        alert_events = sum(1 for item in processed if item.event.event_id in alert_event_ids)
        benign = len(processed) - alert_events
        self._metrics.events.labels("alert").inc(alert_events)
        self._metrics.events.labels("benign").inc(benign)
        self._metrics.events.labels("rejected").inc(len(rejected))
        for rejection in rejected:
            self._metrics.events_rejected.labels(rejection.reason).inc()
        return BatchOutcome(new, duplicate, repeated, alert_events, benign, rejected)
