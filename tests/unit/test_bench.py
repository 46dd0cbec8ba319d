"""Benchmark arithmetic and report (pure parts)."""

from __future__ import annotations

import math
from typing import Any

from pantau.bench.report import check_targets, markdown
from pantau.bench.stats import percentile, run_stats, windowed_max


def test_nearest_rank_percentiles() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50 and percentile(values, 99) == 99 and percentile(values, 100) == 100
    assert percentile([3.0], 99) == 3.0 and math.isnan(percentile([], 50))


def test_run_stats_counts_what_came_back() -> None:
    sent = {"a": 0.0, "b": 1.0, "c": 2.0}
    done = {"a": 0.5, "b": 1.25}
    stats = run_stats(sent, done, cpu_s=0.5)
    assert stats.events == 3 and stats.accounted == 2
    assert stats.seconds == 1.25 and stats.events_per_s == 1.6
    assert stats.max_s == 0.5 and stats.cpu_s_per_event == 0.25


def test_windowed_max_only_looks_inside_the_window() -> None:
    points = [(0.0, 0.1), (5.0, 3.0), (9.0, 0.2)]
    assert windowed_max(points, 4, 6) == 3.0 and math.isnan(windowed_max(points, 20, 30))


def run(name: str, eps: float, p99: float) -> dict[str, Any]:
    return {
        "name": name,
        "rate": None,
        "workers": 1,
        "events": 100,
        "events_per_s": eps,
        "p50_s": 0.1,
        "p95_s": 0.2,
        "p99_s": p99,
        "max_s": p99,
        "cpu_s_per_event": 0.002,
        "lost": 0,
        "duplicates": 0,
        "profile": [
            {
                "wall_s": 1,
                "inference_s": 0.5,
                "batch_other_s": 0.2,
                "outside_batches_s": 0.3,
                "batches": 2,
                "mean_batch_events": 50,
            }
        ],
    }


def test_targets_say_by_how_much_they_are_missed() -> None:
    report = {
        "started_at": "t",
        "machine": "m",
        "model_dir": "d",
        "model": {"sequences_per_s": 1000.0, "version": "v"},
        "model_variants": [{"batch": 64, "threads": 1, "quantize": False, "sequences_per_s": 1000.0}],
        "pipeline": run("pipeline", 900.0, 0.5),
        "latency_at_70pct": run("latency", 700.0, 1.5),
        "naive": run("naive", 100.0, 0.1),
    }
    targets = check_targets(report)
    assert [t["met"] for t in targets] == [True, False, True]
    assert targets[1]["by"] == -0.5 and targets[0]["measured"] == 0.9
    report["targets"] = targets
    text = markdown(report)
    assert "| pipeline ≥ 85% of the bare model's throughput | 0.9 | 0.85 | yes |" in text
    assert "| p99 end-to-end ≤ 1 s at 70% of that rate | 1.5 | 1.0 | NO |" in text
