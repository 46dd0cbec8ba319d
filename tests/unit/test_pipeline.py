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
from pantau.runtime.metrics import WorkerMetrics
from pantau.runtime.pipeline import BatchProcessor
from tests.unit.fixtures import THRESHOLDS


class KeywordClassifier:
    """Scores `hoax` high when the text says so, and explodes on the word `boom`."""

    version = "fake-1"

    def predict(self, texts: Sequence[str]) -> list[Scores]:
        if any("boom" in t for t in texts):
            raise RuntimeError("model exploded")
        return [{label: (0.97 if label == "hoax" and "hoaks" in t else 0.05) for label in LABELS} for t in texts]


class MemoryAlerts:
    def __init__(self, failures: int = 0) -> None:
        self.stored: dict[str, dict[str, Any]] = {}
        self.failures = failures

    async def prior_alerts(self, nip_hashes: Sequence[str]) -> dict[str, int]:
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
) -> tuple[BatchProcessor, MemoryAlerts, MemoryDeadLetters, CollectorRegistry]:
    registry = CollectorRegistry()
    sink, dlq = alerts or MemoryAlerts(), MemoryDeadLetters()
    processor = BatchProcessor(
        classifier=KeywordClassifier(),
        executor=ThreadPoolExecutor(1),
        alerts=sink,
        dead_letters=dlq,
        metrics=WorkerMetrics(registry),
        reference=ReferenceCache(THRESHOLDS),
        max_payload_bytes=4096,
        excerpt_chars=100,
        retry_max_delay_s=0.01,
    )
    return processor, sink, dlq, registry


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
