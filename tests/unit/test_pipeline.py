"""The batch processor with in-memory fakes: the accounting and failure rules, without any I/O."""

import asyncio
import json
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from prometheus_client import CollectorRegistry

from pantau.domain.deadletter import RawRecord, Rejection
from pantau.domain.labels import LABELS, Scores
from pantau.domain.reference import ReferenceCache
from pantau.domain.roster import RosterEntry
from pantau.runtime.metrics import WorkerMetrics
from pantau.runtime.observer import AlertWritten, MetricsObserver
from pantau.runtime.pipeline import BatchProcessor, Model, PipelineConfig, ReportCaseWriter, Sinks
from pantau.runtime.stages import BatchOutcome
from tests.unit.fixtures import THRESHOLDS


class KeywordClassifier:
    """Scores `hoax` high when the text says so, endorsement of a pair when it says `coblos`, and explodes on
    the word `boom`."""

    version = "fake-1"

    def predict(self, texts: Sequence[str]) -> list[Scores]:
        if any("boom" in t for t in texts):
            raise RuntimeError("model exploded")
        return [{label: self._score(label, t) for label in LABELS} for t in texts]

    @staticmethod
    def _score(label: str, text: str) -> float:
        if label == "hoax" and "hoaks" in text:
            return 0.97
        if label in ("endorsement", "political") and "coblos" in text:
            return 0.95
        return 0.05


class MemoryAlerts:
    def __init__(self, failures: int = 0, history_failures: int = 0) -> None:
        self.stored: dict[str, dict[str, Any]] = {}
        self.failures = failures
        self.history_failures = history_failures

    async def prior_alerts(self, nip_hashes: Sequence[str]) -> dict[str, int]:
        if self.history_failures:
            self.history_failures -= 1
            raise ConnectionError("redis down")
        return {}

    async def write(self, alerts: Sequence[dict[str, Any]]) -> list[str]:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("redis down")
        results = []
        for alert in alerts:
            results.append("duplicate" if alert["alert_id"] in self.stored else "new")
            self.stored.setdefault(alert["alert_id"], alert)
        return results


class MemoryDeadLetters:
    def __init__(self) -> None:
        self.records: list[Rejection] = []

    async def write(self, rejections: Sequence[Rejection]) -> None:
        self.records += rejections


class RecordingObserver:
    """What the pipeline reported, in order, as (hook, arguments)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def named(self, hook: str) -> list[tuple[Any, ...]]:
        return [args for name, args in self.calls if name == hook]

    def _record(self, hook: str, *args: Any) -> None:
        self.calls.append((hook, args))

    def batch_started(self, events: int) -> None:
        self._record("batch_started", events)

    def events_validated(self, count: int) -> None:
        self._record("events_validated", count)

    def stage_finished(self, stage: str, seconds: float) -> None:
        self._record("stage_finished", stage)

    def inference_finished(self, seconds: float) -> None:
        self._record("inference_finished")

    def texts_scored(self, scores: Sequence[Scores]) -> None:
        self._record("texts_scored", len(scores))

    def campaign_act(self, stance: str, phase: str | None) -> None:
        self._record("campaign_act", stance, phase)

    def alert_written(self, alert: AlertWritten) -> None:
        self._record("alert_written", alert)

    def report_case(self, result: str) -> None:
        self._record("report_case", result)

    def redis_error(self, operation: str) -> None:
        self._record("redis_error", operation)

    def dead_letter_error(self) -> None:
        self._record("dead_letter_error")

    def batch_finished(self, outcome: BatchOutcome, seconds: float) -> None:
        self._record("batch_finished", outcome)


def record(offset: int, value: bytes | dict[str, Any]) -> RawRecord:
    body = value if isinstance(value, bytes) else json.dumps(value).encode()
    return RawRecord("pantau.events", 0, offset, None, body, 1_700_000_000_000)


def event(event_id: str, text: str, action: str = "post") -> dict[str, Any]:
    return {
        "event_id": event_id,
        "platform": "x",
        "action": action,
        "account": {"id": "1"},
        "created_at": "2024-11-20T08:00:00+07:00",
        "text": text,
    }


def make(
    alerts: MemoryAlerts | None = None,
    *,
    reports: ReportCaseWriter | None = None,
    reference: ReferenceCache | None = None,
) -> tuple[BatchProcessor, MemoryAlerts, MemoryDeadLetters, CollectorRegistry]:
    """A processor reporting to real metrics on a fresh registry, to check the series themselves."""
    registry = CollectorRegistry()
    processor, sink, dlq = build(MetricsObserver(WorkerMetrics(registry)), alerts, reports=reports, reference=reference)
    return processor, sink, dlq, registry


def build(
    observer: Any,
    alerts: MemoryAlerts | None = None,
    *,
    reports: ReportCaseWriter | None = None,
    reference: ReferenceCache | None = None,
) -> tuple[BatchProcessor, MemoryAlerts, MemoryDeadLetters]:
    sink, dlq = alerts or MemoryAlerts(), MemoryDeadLetters()
    processor = BatchProcessor(
        model=Model(KeywordClassifier(), ThreadPoolExecutor(1)),
        sinks=Sinks(alerts=sink, dead_letters=dlq, reports=reports),
        reference=reference or ReferenceCache(THRESHOLDS),
        observer=observer,
        config=PipelineConfig(max_payload_bytes=4096, excerpt_chars=100, retry_max_delay_s=0.01),
    )
    return processor, sink, dlq


def outcome_count(registry: CollectorRegistry, outcome: str) -> float:
    return registry.get_sample_value("pantau_events_total", {"outcome": outcome}) or 0.0


def test_every_event_ends_in_exactly_one_outcome() -> None:
    processor, sink, dlq, registry = make()
    batch = [record(0, event("a", "ini hoaks")), record(1, event("b", "selamat pagi")), record(2, b"{bad")]
    outcome = asyncio.run(processor.process(batch))
    assert (outcome.alert_events, outcome.benign_events, len(outcome.rejected)) == (1, 1, 1)
    assert [r.reason for r in dlq.records] == ["invalid_json"]
    assert [a["event_id"] for a in sink.stored.values()] == ["a"]
    assert [outcome_count(registry, o) for o in ("alert", "benign", "rejected")] == [1, 1, 1]
    assert registry.get_sample_value("pantau_events_rejected_total", {"reason": "invalid_json"}) == 1


def test_redelivered_batch_adds_no_alert() -> None:
    processor, sink, _, registry = make()
    batch = [record(0, event("a", "ini hoaks"))]
    asyncio.run(processor.process(batch))
    again = asyncio.run(processor.process(batch))
    assert (again.alerts_written, again.alerts_duplicate) == (0, 1)
    assert len(sink.stored) == 1
    # a style-score hoax with no known claim behind it stays low
    assert registry.get_sample_value("pantau_alerts_total", {"type": "hoax", "severity": "low"}) == 1
    assert registry.get_sample_value("pantau_alerts_duplicate_total") == 1


def test_inference_failure_is_isolated_to_the_event_that_causes_it() -> None:
    processor, _, dlq, _ = make()
    batch = [record(0, event("a", "ini hoaks")), record(1, event("b", "boom")), record(2, event("c", "halo"))]
    outcome = asyncio.run(processor.process(batch))
    assert [(r.record.offset, r.reason) for r in dlq.records] == [(1, "inference_failed")]
    assert (outcome.alert_events, outcome.benign_events) == (1, 1)
    assert "model exploded" in dlq.records[0].error


def test_sink_outage_is_retried_until_it_succeeds() -> None:
    processor, sink, _, registry = make(MemoryAlerts(failures=3))
    outcome = asyncio.run(processor.process([record(0, event("a", "ini hoaks"))]))
    assert outcome.alerts_written == 1 and len(sink.stored) == 1
    assert registry.get_sample_value("pantau_redis_errors_total", {"operation": "write_alerts"}) == 3


def test_sink_outage_blocks_until_cancelled_without_losing_anything() -> None:
    processor, sink, _, _ = make(MemoryAlerts(failures=10**6))

    async def run() -> None:
        await asyncio.wait_for(processor.process([record(0, event("a", "ini hoaks"))]), timeout=0.3)

    with pytest.raises(TimeoutError):
        asyncio.run(run())
    assert sink.stored == {}  # nothing written, and process() never returned: the batch stays unacknowledged


def test_batch_metrics_are_observed() -> None:
    processor, _, _, registry = make()
    asyncio.run(processor.process([record(i, event(f"e{i}", "halo")) for i in range(5)]))
    assert registry.get_sample_value("pantau_batch_size_sum") == 5
    assert registry.get_sample_value("pantau_events_consumed_total") == 5
    assert registry.get_sample_value("pantau_inference_seconds_count") == 1
    assert registry.get_sample_value("pantau_score_count", {"label": "hoax"}) == 5


def bound_reference() -> ReferenceCache:
    """Account x/1 is a civil servant on the roster: its alerts name a person, whose history is read."""
    reference = ReferenceCache(THRESHOLDS)
    entry = RosterEntry("x", "1", "@asn", "h" * 32, "Budi", "Dinas", "PNS", "Kota Uji")
    reference.roster = {entry.key: entry}
    return reference


def test_a_history_read_failure_is_counted_as_one_not_as_a_write() -> None:
    processor, sink, _, registry = make(MemoryAlerts(history_failures=2), reference=bound_reference())
    outcome = asyncio.run(processor.process([record(0, event("a", "ayo coblos nomor dua"))]))
    assert outcome.alerts_written == 1 and len(sink.stored) == 1
    assert registry.get_sample_value("pantau_redis_errors_total", {"operation": "read_history"}) == 2
    assert registry.get_sample_value("pantau_redis_errors_total", {"operation": "write_alerts"}) is None


def test_the_observer_hears_each_stage_and_each_failure_under_its_operation() -> None:
    observer = RecordingObserver()
    processor, _, _ = build(observer, MemoryAlerts(failures=1, history_failures=1), reference=bound_reference())
    batch = [record(0, event("a", "ayo coblos nomor dua")), record(1, event("b", "halo")), record(2, b"{bad")]
    outcome = asyncio.run(processor.process(batch))
    assert observer.named("batch_started") == [(3,)] and observer.named("events_validated") == [(2,)]
    stages = [stage for (stage,) in observer.named("stage_finished")]
    assert stages == ["validate", "claims", "decide", "history", "build", "write_alerts", "dead_letters"]
    assert observer.named("redis_error") == [("read_history",), ("write_alerts",)]
    ((written,),) = observer.named("alert_written")
    assert (written.result, written.type, written.end_to_end_s is not None) == ("new", "asn_neutrality", True)
    assert observer.named("batch_finished") == [(outcome,)]
    assert (outcome.alert_events, outcome.benign_events, [r.reason for r in outcome.rejected]) == (
        1,
        1,
        ["invalid_json"],
    )


def test_a_redelivered_alert_is_reported_as_a_duplicate() -> None:
    observer = RecordingObserver()
    processor, _, _ = build(observer)
    batch = [record(0, event("a", "ini hoaks"))]
    asyncio.run(processor.process(batch))
    asyncio.run(processor.process(batch))
    assert [alert.result for (alert,) in observer.named("alert_written")] == ["new", "duplicate"]


def test_the_cascade_is_counted_per_outcome() -> None:
    registry = CollectorRegistry()
    observer = MetricsObserver(WorkerMetrics(registry))
    observer.cascade(10, 3, 2, 0.5)
    observer.cascade(4, 0, 0, 9.0)  # nothing escalated: no teacher latency
    counts = {
        o: registry.get_sample_value("pantau_cascade_texts_total", {"outcome": o})
        for o in ("kept", "escalated", "skipped")
    }
    assert counts == {"kept": 9.0, "escalated": 3.0, "skipped": 2.0}
    assert registry.get_sample_value("pantau_cascade_teacher_seconds_count") == 1
