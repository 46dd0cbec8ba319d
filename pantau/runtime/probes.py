"""A running worker seen from outside: its /metrics scraped into sums, histogram quantiles, and waits until
it serves metrics or holds partitions (the demo, the scenario runner, the benchmark and the tests use them)."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from pathlib import Path

from pantau.errors import PantauError


def metric_sums(url: str) -> dict[str, float]:
    """`name{labels}` → value for every pantau_* sample at a /metrics URL."""
    from prometheus_client.parser import text_string_to_metric_families

    with urllib.request.urlopen(url, timeout=2) as response:
        text = response.read().decode()
    sums: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name.startswith("pantau_"):
                labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
                sums[f"{sample.name}{{{labels}}}"] = sample.value
    return sums


def histogram_quantile(metrics: dict[str, float], name: str, q: float) -> float | None:
    """Prometheus-style quantile estimate (linear within the bucket) from a scraped histogram."""
    buckets = sorted(
        (float(key.split("le=")[1].rstrip("}")), value)
        for key, value in metrics.items()
        if key.startswith(f"{name}_bucket{{") and "le=" in key
    )
    if not buckets or buckets[-1][1] == 0:
        return None
    rank, previous_bound, previous_count = q * buckets[-1][1], 0.0, 0.0
    for bound, count in buckets:
        if count >= rank:
            if bound == float("inf"):
                return previous_bound
            share = (rank - previous_count) / (count - previous_count) if count > previous_count else 1.0
            return previous_bound + (bound - previous_bound) * share
        previous_bound, previous_count = bound, count
    return None


def wait_for_metrics(url: str, worker: subprocess.Popen[bytes], log_path: Path, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise PantauError(f"the worker exited during start-up; see {log_path}")
        try:
            metric_sums(url)
            return
        except OSError:
            time.sleep(0.3)
    raise PantauError(f"the worker did not serve metrics within {timeout_s:.0f}s; see {log_path}")


def wait_for_partitions(url: str, worker: subprocess.Popen[bytes], log_path: Path, timeout_s: float = 90) -> None:
    """Replay only once the worker consumes: latency figures then measure processing, not the group join."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise PantauError(f"the worker exited while joining its consumer group; see {log_path}")
        if metric_sums(url).get("pantau_assigned_partitions{}", 0) > 0:
            return
        time.sleep(0.3)
    raise PantauError(f"the worker was assigned no partition within {timeout_s:.0f}s; see {log_path}")
