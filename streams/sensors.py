"""Faust's own sensor figures (its Monitor) as Prometheus series, read at scrape time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from statistics import fmean
from typing import Any

from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

# (series, help, monitor attribute): counters get `_total` from the client library.
COUNTERS = (
    ("pantau_faust_messages_received", "Messages Faust received from the broker.", "messages_received_total"),
    ("pantau_faust_events", "Events Faust delivered to streams.", "events_total"),
    ("pantau_faust_messages_sent", "Messages Faust produced (dead letters).", "messages_sent"),
    ("pantau_faust_send_errors", "Produce requests that failed.", "send_errors"),
    ("pantau_faust_rebalances", "Consumer-group rebalances this worker went through.", "rebalances"),
    ("pantau_faust_assignments_completed", "Partition assignments completed.", "assignments_completed"),
    ("pantau_faust_assignments_failed", "Partition assignments that failed.", "assignments_failed"),
)
GAUGES = (
    ("pantau_faust_messages_active", "Messages received and not yet acknowledged.", "messages_active"),
    ("pantau_faust_events_active", "Events being processed.", "events_active"),
    ("pantau_faust_events_runtime_avg_seconds", "Average time an event spends in a stream.", "events_runtime_avg"),
    ("pantau_faust_rebalance_end_avg_seconds", "Average duration of a rebalance.", "rebalance_end_avg"),
)
AVERAGES = (
    ("pantau_faust_commit_latency_avg_seconds", "Average offset-commit latency (recent).", "commit_latency"),
    ("pantau_faust_send_latency_avg_seconds", "Average produce latency (recent).", "send_latency"),
)


def _mean(values: Iterable[float] | None) -> float:
    items = list(values or ())
    return fmean(items) if items else 0.0


class FaustMonitorCollector(Collector):
    def __init__(self, monitor: Callable[[], Any]) -> None:
        self._monitor = monitor

    def collect(self) -> Iterator[Metric]:
        monitor = self._monitor()
        for name, doc, attr in COUNTERS:
            yield CounterMetricFamily(name, doc, value=float(getattr(monitor, attr, 0) or 0))
        for name, doc, attr in GAUGES:
            yield GaugeMetricFamily(name, doc, value=float(getattr(monitor, attr, 0) or 0))
        for name, doc, attr in AVERAGES:
            yield GaugeMetricFamily(name, doc, value=_mean(getattr(monitor, attr, None)))
