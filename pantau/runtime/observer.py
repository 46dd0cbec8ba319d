"""What the batch pipeline reports as it goes, and the observer that turns it into Prometheus series.

The pipeline keeps no books: it calls a PipelineObserver (Faust's sensors are the model), so the counting
rules live in one place and unit tests can watch a batch without a registry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from pantau.domain.labels import Scores
from pantau.runtime.metrics import WorkerMetrics
from pantau.runtime.stages import BatchOutcome
from pantau.stores.alerts import DUPLICATE, NEW, REPEAT

# The Redis operations the pipeline names when one fails: the `operation` label of pantau_redis_errors_total.
READ_HISTORY = "read_history"  # a person's alerts in the repeat window, read before severity is decided
WRITE_ALERTS = "write_alerts"  # the alert stream, the report index and report cases: every alert write
RECORD_SCORES = "record_scores"
RECORD_CLAIM_HITS = "record_claim_hits"


@dataclass(frozen=True, slots=True)
class AlertWritten:
    """One alert after its write, with what the series need of it (never an id)."""

    result: str  # NEW, REPEAT or DUPLICATE (pantau.stores.alerts)
    type: str
    severity: str
    region: str  # a configured contest's region, or 'other' (ReferenceCache.region_label)
    end_to_end_s: float | None  # Kafka message timestamp to now; None without a timestamp
    event_age_s: float  # the event's created_at to now


class PipelineObserver(Protocol):
    def batch_started(self, events: int) -> None: ...

    def events_validated(self, count: int) -> None: ...

    def stage_finished(self, stage: str, seconds: float) -> None: ...

    def inference_finished(self, seconds: float) -> None:
        """Model time for a whole batch, the one-by-one retry of a failed batch call included."""

    def texts_scored(self, scores: Sequence[Scores]) -> None:
        """One entry per text the model scored."""

    def campaign_act(self, stance: str, phase: str | None) -> None:
        """A partisan act by an account not bound to neutrality: counted, never alerted."""

    def alert_written(self, alert: AlertWritten) -> None: ...

    def report_case(self, result: str) -> None:
        """A citizen report put on its case: NEW, REPEAT (attached to an existing case) or DUPLICATE."""

    def redis_error(self, operation: str) -> None:
        """A failed Redis operation (READ_HISTORY, WRITE_ALERTS, ...): retried, or for a best-effort write dropped."""

    def dead_letter_error(self) -> None:
        """A failed dead-letter publish, about to be retried."""

    def batch_finished(self, outcome: BatchOutcome, seconds: float) -> None:
        """Every event of the batch accounted for, `seconds` after it started."""


_REPORT_CASE_OUTCOMES = {NEW: "new", REPEAT: "attached", DUPLICATE: "duplicate"}


class MetricsObserver:
    """The pipeline's (and the cascade's) reports as the worker's Prometheus series."""

    def __init__(self, metrics: WorkerMetrics) -> None:
        self._metrics = metrics

    def batch_started(self, events: int) -> None:
        self._metrics.batch_size.observe(events)
        self._metrics.events_consumed.inc(events)

    def events_validated(self, count: int) -> None:
        self._metrics.events_valid.inc(count)

    def stage_finished(self, stage: str, seconds: float) -> None:
        self._metrics.stage_seconds.labels(stage).observe(seconds)

    def inference_finished(self, seconds: float) -> None:
        self._metrics.inference_seconds.observe(seconds)

    def texts_scored(self, scores: Sequence[Scores]) -> None:
        by_label = self._metrics.score_by_label
        for text_scores in scores:
            for label, score in text_scores.items():
                by_label[label].observe(score)

    def campaign_act(self, stance: str, phase: str | None) -> None:
        self._metrics.campaign_activity.labels(stance, phase or "unknown").inc()

    def alert_written(self, alert: AlertWritten) -> None:
        metrics = self._metrics
        if alert.result == DUPLICATE:
            metrics.alerts_duplicate.inc()
        elif alert.result == REPEAT:
            metrics.alert_repeats.inc()
        else:
            metrics.alerts.labels(alert.type, alert.severity).inc()
            metrics.alerts_by_region.labels(alert.type, alert.region).inc()
            if alert.end_to_end_s is not None:
                metrics.end_to_end_seconds.observe(alert.end_to_end_s)
            metrics.event_age_seconds.observe(alert.event_age_s)

    def report_case(self, result: str) -> None:
        self._metrics.report_cases.labels(_REPORT_CASE_OUTCOMES.get(result, "duplicate")).inc()

    def redis_error(self, operation: str) -> None:
        self._metrics.redis_errors.labels(operation).inc()

    def dead_letter_error(self) -> None:
        self._metrics.dlq_errors.inc()

    def batch_finished(self, outcome: BatchOutcome, seconds: float) -> None:
        metrics = self._metrics
        metrics.events.labels("alert").inc(outcome.alert_events)
        metrics.events.labels("benign").inc(outcome.benign_events)
        metrics.events.labels("rejected").inc(len(outcome.rejected))
        for rejection in outcome.rejected:
            metrics.events_rejected.labels(rejection.reason).inc()
        metrics.batch_seconds.observe(seconds)

    def cascade(self, scored: int, escalated: int, skipped: int, seconds: float) -> None:
        """The cascade's observer (nlp/serving/cascade.py): the share escalated and the teacher's latency."""
        self._metrics.cascade_texts.labels("kept").inc(scored - escalated - skipped)
        self._metrics.cascade_texts.labels("escalated").inc(escalated)
        self._metrics.cascade_texts.labels("skipped").inc(skipped)
        if escalated:
            self._metrics.cascade_seconds.observe(seconds)
