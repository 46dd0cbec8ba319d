"""Threshold what-if (pure), Faust monitor series, lag positions."""

from __future__ import annotations

from collections import deque
from types import SimpleNamespace

import pytest
from prometheus_client import CollectorRegistry, generate_latest

from agents.lag import Positions
from pantau.domain.deadletter import RawRecord
from pantau.domain.whatif import ScoreSample, Triaged, grid, what_if
from streams.sensors import FaustMonitorCollector


def sample(hoax: float, endorsement: float = 0.0, bound: bool = False) -> ScoreSample:
    return ScoreSample(
        {"endorsement": endorsement, "attack": 0.0, "political": 0.0, "hoax": hoax, "hate_sara": 0.0}, bound
    )


def test_what_if_counts_alerts_per_day_and_precision_from_triage() -> None:
    samples = [sample(0.1), sample(0.5), sample(0.9), sample(0.95)]
    triaged = [Triaged(0.5, False), Triaged(0.9, True), Triaged(0.95, True)]
    rows = what_if("hoax", samples, triaged, days=2, thresholds=[0.3, 0.8, 0.99])
    assert [(r.threshold, r.alerts_per_day, r.triaged, r.precision) for r in rows] == [
        (0.3, 1.5, 3, 0.667),
        (0.8, 1.0, 2, 1.0),
        (0.99, 0.0, 0, None),
    ]


def test_stance_labels_only_count_neutrality_bound_accounts() -> None:
    samples = [sample(0.0, endorsement=0.9, bound=True), sample(0.0, endorsement=0.9, bound=False)]
    assert what_if("endorsement", samples, [], days=1, thresholds=[0.5])[0].alerts_per_day == 1.0
    with pytest.raises(ValueError):
        what_if("political", samples, [], days=1, thresholds=[0.5])


def test_grid_is_inclusive_and_rounded() -> None:
    assert grid(0.1, 0.3, 0.1) == [0.1, 0.2, 0.3] and len(grid()) == 19


def test_faust_monitor_figures_become_pantau_series() -> None:
    monitor = SimpleNamespace(
        messages_received_total=12,
        events_total=10,
        rebalances=2,
        messages_active=1,
        commit_latency=deque([0.1, 0.3]),
        send_latency=None,
    )
    registry = CollectorRegistry()
    registry.register(FaustMonitorCollector(lambda: monitor))
    text = generate_latest(registry).decode()
    assert "pantau_faust_messages_received_total 12.0" in text
    assert "pantau_faust_rebalances_total 2.0" in text
    assert "pantau_faust_commit_latency_avg_seconds 0.2" in text
    assert "pantau_faust_send_latency_avg_seconds 0.0" in text


def test_positions_keep_the_next_offset_per_partition() -> None:
    positions = Positions()
    positions.advance(
        [RawRecord("t", 0, 5, None, b""), RawRecord("t", 1, 2, None, b""), RawRecord("t", 0, 3, None, b"")]
    )
    assert positions.next_offset == {0: 6, 1: 3}
