"""Latency and throughput arithmetic for the benchmark. Pure."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sample."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(frozen=True, slots=True)
class RunStats:
    events: int
    accounted: int
    seconds: float
    p50_s: float
    p95_s: float
    p99_s: float
    max_s: float
    cpu_s_per_event: float

    @property
    def events_per_s(self) -> float:
        return self.accounted / self.seconds if self.seconds > 0 else 0.0


def run_stats(sent_at: dict[str, float], done_at: dict[str, float], cpu_s: float) -> RunStats:
    """From each event's send time and the time its result was written (epoch seconds)."""
    latencies = [done_at[e] - sent_at[e] for e in sent_at if e in done_at]
    span = (max(done_at.values()) - min(sent_at.values())) if done_at and sent_at else 0.0
    return RunStats(
        events=len(sent_at),
        accounted=len(latencies),
        seconds=span,
        p50_s=percentile(latencies, 50),
        p95_s=percentile(latencies, 95),
        p99_s=percentile(latencies, 99),
        max_s=max(latencies, default=math.nan),
        cpu_s_per_event=cpu_s / len(latencies) if latencies else math.nan,
    )


def windowed_max(points: Sequence[tuple[float, float]], start: float, end: float) -> float:
    """The largest latency among (send time, latency) points sent within [start, end)."""
    inside = [lat for t, lat in points if start <= t < end]
    return max(inside, default=math.nan)
