"""One micro-batch from raw messages to written alerts and dead letters.

The agent hands a batch of RawRecords to `BatchProcessor.process` and acknowledges them when it returns.
`process` never raises for a bad event (it becomes a dead letter) and returns only after every alert and
dead letter of the batch is durably written, retrying outages for as long as they last. The pure steps
are in pantau.runtime.stages; what happens is reported to a PipelineObserver (pantau.runtime.observer).
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from pantau.claims.model import CLAIM_DEFAULTS, CLAIM_SEMANTIC, CLAIM_SIMILARITY, ClaimMatch
from pantau.claims.step import match_events
from pantau.domain.deadletter import INFERENCE_FAILED, RawRecord, Rejection
from pantau.domain.events import REPORT, Event
from pantau.domain.labels import Scores
from pantau.domain.reference import ReferenceCache
from pantau.runtime import stages
from pantau.runtime.observer import (
    READ_HISTORY,
    RECORD_CLAIM_HITS,
    RECORD_SCORES,
    WRITE_ALERTS,
    AlertWritten,
    PipelineObserver,
)
from pantau.runtime.retry import retry_until_done
from pantau.runtime.stages import AlertContext, BatchOutcome, Decided, Drafted, Scored, ScoredBatch, Validated, Written
from pantau.stores.alerts import NEW

log = logging.getLogger(__name__)
T = TypeVar("T")


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
class Sinks:
    """Where a batch's results go. Alerts and dead letters are retried until written; the optional rest are
    best effort (scores, claim hits) or only there when citizen reports are (report cases)."""

    alerts: AlertWriter
    dead_letters: DeadLetterWriter
    scores: ScoreWriter | None = None
    claim_hits: ClaimHitWriter | None = None
    reports: ReportCaseWriter | None = None


@dataclass(frozen=True, slots=True)
class Model:
    """The classifier and the thread it runs on: inference and claim matching stay off the event loop."""

    classifier: TextClassifier
    executor: Executor

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    max_payload_bytes: int
    excerpt_chars: int
    retry_max_delay_s: float = 10.0


class BatchProcessor:
    """Validation → inference (off the event loop) → rules → idempotent writes, for one batch at a time."""

    def __init__(
        self,
        *,
        model: Model,
        sinks: Sinks,
        reference: ReferenceCache,
        observer: PipelineObserver,
        config: PipelineConfig,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._model = model
        self._sinks = sinks
        self._reference = reference
        self._observer = observer
        self._config = config
        self._clock = clock

    async def process(self, records: Sequence[RawRecord]) -> BatchOutcome:
        """Both stages, one after the other."""
        return await self.finish(await self.score(records))

    async def score(self, records: Sequence[RawRecord]) -> ScoredBatch:
        """Stage 1, CPU-bound: validation and inference. Touches no sink, so it may overlap the previous
        batch's stage 2."""
        started = time.perf_counter()
        self._observer.batch_started(len(records))
        with self._stage("validate"):
            valid, rejected = stages.validate(records, self._config.max_payload_bytes, self._reference)
            self._observer.events_validated(len(valid))
        scored, failed = await self._score(valid)
        with self._stage("claims"):
            scored = await self._match_claims(scored)
        return ScoredBatch(scored, rejected + failed, started)

    async def finish(self, batch: ScoredBatch) -> BatchOutcome:
        """Stage 2, I/O-bound: rules, alert history, writes, accounting. Batches must pass it in order (a
        person's prior alerts are read here), so a caller runs one finish at a time."""
        thresholds = self._reference.thresholds
        with self._stage("decide"):
            decided, unruly = stages.decide(batch.scored, thresholds, self._reference)
            self._report_campaign_acts(decided)
        with self._stage("history"):
            prior = await self._prior_alerts(decided)
        with self._stage("build"):
            context = AlertContext(
                self._reference, thresholds, self._model.classifier.version, self._config.excerpt_chars, self._clock
            )
            processed, drafts, unbuilt = stages.draft_alerts(decided, prior, context)
        rejected = batch.rejected + unruly + unbuilt
        with self._stage("write_alerts"):
            written = await self._write_alerts(drafts)
            await self._record_scores(batch.scored)
            await self._record_claim_hits(written)
        with self._stage("dead_letters"):
            await self._write_dead_letters(rejected)
        self._report_written(written)
        outcome = stages.account(processed, rejected, written)
        self._observer.batch_finished(outcome, time.perf_counter() - batch.started)
        return outcome

    @contextmanager
    def _stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self._observer.stage_finished(name, time.perf_counter() - started)

    async def _score(self, valid: list[Validated]) -> tuple[list[Scored], list[Rejection]]:
        """Score every text of the batch in one model call; on failure, isolate the events that cause it."""
        if not valid:
            return [], []
        started = time.perf_counter()
        try:
            scored = await self._score_group(valid)
            self._observer.inference_finished(time.perf_counter() - started)
            return scored, []
        except Exception:
            log.warning("batch inference failed; scoring its %d events one by one", len(valid), exc_info=True)
        scored, rejected = [], []
        for item in valid:
            try:
                scored += await self._score_group([item])
            except Exception as exc:
                rejected.append(Rejection(item.record, INFERENCE_FAILED, f"inference failed: {exc!r}"[:500]))
        self._observer.inference_finished(time.perf_counter() - started)
        return scored, rejected

    async def _score_group(self, group: list[Validated]) -> list[Scored]:
        units = stages.scoring_units(group, self._reference)
        predictions = await self._model.run(self._model.classifier.predict, [text for _, _, text in units])
        per_event: list[dict[str, Scores]] = [{} for _ in group]
        for (i, source, _), scores in zip(units, predictions, strict=True):
            per_event[i][source] = scores
        self._observer.texts_scored(predictions)
        return [Scored(item, scores) for item, scores in zip(group, per_event, strict=True)]

    async def _match_claims(self, scored: list[Scored]) -> list[Scored]:
        """Known-hoax matching, off the event loop like inference. A failure costs the matches, not the batch."""
        index = self._reference.claims
        if index is None or not len(index) or not scored:
            return scored
        lexical, semantic = (
            self._reference.thresholds.get(n, CLAIM_DEFAULTS[n]) for n in (CLAIM_SIMILARITY, CLAIM_SEMANTIC)
        )
        events = [one.item.view for one in scored]
        try:
            matches: list[dict[str, ClaimMatch]] = await self._model.run(match_events, index, events, lexical, semantic)
        except Exception:
            log.exception("claim matching failed on a batch of %d events", len(events))
            return scored
        matched = [dataclasses.replace(one, claims=claims) for one, claims in zip(scored, matches, strict=False)]
        return matched + scored[len(matched) :]

    def _report_campaign_acts(self, decided: list[Decided]) -> None:
        for one in decided:
            if one.decision.campaign_stance:
                self._observer.campaign_act(one.decision.campaign_stance, one.decision.phase)

    async def _prior_alerts(self, decided: list[Decided]) -> dict[str, int]:
        """Each person's alerts in the repeat window, read before severity is decided."""
        people = stages.people_alerted(decided)
        if not people:
            return {}
        alerts = self._sinks.alerts
        return await self._retry_redis(lambda: alerts.prior_alerts(people), "reading alert history", READ_HISTORY)

    async def _write_alerts(self, drafts: list[Drafted]) -> list[Written]:
        """Stream alerts through the sink (then indexed by content for reports to join); each report onto its
        case. Results in the order of `drafts`."""
        if not drafts:
            return []
        alerts, reports = self._sinks.alerts, self._sinks.reports
        plain = [i for i, one in enumerate(drafts) if reports is None or one.item.event.action != REPORT]
        results = [""] * len(drafts)
        if plain:
            bodies = [drafts[i].alert for i in plain]
            written = await self._retry_redis(lambda: alerts.write(bodies), "writing alerts to Redis", WRITE_ALERTS)
            for i, result in zip(plain, written, strict=True):
                results[i] = result
        if reports is not None:
            fresh = [drafts[i].alert for i in plain if results[i] == NEW]
            if fresh:
                await self._retry_redis(
                    lambda: reports.index_alerts(fresh), "indexing alerts for reports", WRITE_ALERTS
                )
            for i, one in enumerate(drafts):
                if one.item.event.action == REPORT:
                    attach = functools.partial(reports.attach, one.alert, one.item.event)
                    results[i] = await self._retry_redis(attach, "attaching a report", WRITE_ALERTS)
                    self._observer.report_case(results[i])
        return [Written(one.alert, one.item, result) for one, result in zip(drafts, results, strict=True)]

    async def _record_scores(self, scored: list[Scored]) -> None:
        """Each event's scores (no ids) for the threshold what-if; best effort, never holds a batch up."""
        if self._sinks.scores is None or not scored:
            return
        try:
            await self._sinks.scores.record(stages.score_rows(scored, self._reference))
        except Exception as exc:
            self._observer.redis_error(RECORD_SCORES)
            log.warning("recording scores failed: %s", exc)

    async def _record_claim_hits(self, written: list[Written]) -> None:
        """Each post that repeated a claim, for the claim page; best effort, never holds a batch up."""
        if self._sinks.claim_hits is None:
            return
        hits = stages.claim_hit_rows(written)
        if not hits:
            return
        try:
            await self._sinks.claim_hits.record_hits(hits)
        except Exception as exc:
            self._observer.redis_error(RECORD_CLAIM_HITS)
            log.warning("recording claim hits failed: %s", exc)

    async def _write_dead_letters(self, rejected: list[Rejection]) -> None:
        if not rejected:
            return
        dead_letters = self._sinks.dead_letters
        await retry_until_done(
            lambda: dead_letters.write(rejected),
            what="publishing dead letters",
            on_error=lambda _exc: self._observer.dead_letter_error(),
            max_delay_s=self._config.retry_max_delay_s,
        )

    async def _retry_redis(self, op: Callable[[], Awaitable[T]], what: str, operation: str) -> T:
        return await retry_until_done(
            op,
            what=what,
            on_error=lambda _exc: self._observer.redis_error(operation),
            max_delay_s=self._config.retry_max_delay_s,
        )

    def _report_written(self, written: list[Written]) -> None:
        now = self._clock()
        for one in written:
            record, event = one.item.record, one.item.event
            self._observer.alert_written(
                AlertWritten(
                    result=one.result,
                    type=one.alert["type"],
                    severity=one.alert["severity"],
                    region=self._reference.region_label(one.alert.get("region")),
                    end_to_end_s=None if record.timestamp_ms is None else max(0.0, now - record.timestamp_ms / 1000),
                    event_age_s=max(0.0, now - event.created_at.timestamp()),
                )
            )
