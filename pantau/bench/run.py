"""The benchmark's phases: bare model (ceiling), pipeline open loop, pipeline at 70% of the ceiling, naive
one-event-at-a-time pipeline (floor), and scale-out (1 vs 2 workers; a worker joining and leaving under load)."""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pantau.bench.harness import BenchWorker, Stack, fresh_stack, warm_up
from pantau.bench.stats import run_stats, windowed_max

Say = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class BenchOptions:
    model_dir: Path
    events: int = 2000
    naive_events: int = 300
    scale_out: bool = True
    scale_seconds: float = 45.0
    partitions: int = 4
    batch_size: int = 64
    inference_batch_size: int = 32
    max_length: int = 128


def bare_model(
    options: BenchOptions, texts: Sequence[str], *, batch: int, quantize: bool = False, threads: int = 0
) -> dict[str, Any]:
    """Sequences/s of the model alone on the same texts, fed in the worker's micro-batch size."""
    from nlp.serving.engine import Classifier

    classifier = Classifier(
        options.model_dir,
        batch_size=min(batch, options.inference_batch_size),
        max_length=options.max_length,
        quantize=quantize,
        torch_threads=threads,
    )
    classifier.predict(list(texts[:batch]))
    started = time.perf_counter()
    for start in range(0, len(texts), batch):
        classifier.predict(list(texts[start : start + batch]))
    seconds = time.perf_counter() - started
    return {
        "batch": batch,
        "quantize": quantize,
        "threads": threads or "default",
        "texts": len(texts),
        "seconds": round(seconds, 3),
        "sequences_per_s": round(len(texts) / seconds, 1),
        "version": classifier.version,
    }


def _counter(metrics: dict[str, float], name: str) -> float:
    return metrics.get(f"{name}{{}}", 0.0)


def _profile(before: dict[str, float], after: dict[str, float], wall_s: float) -> dict[str, Any]:
    """Where a worker's time went during the run, from its own histograms."""

    def delta(name: str) -> float:
        return _counter(after, name) - _counter(before, name)

    inference, batches = delta("pantau_inference_seconds_sum"), delta("pantau_batch_seconds_sum")
    count = delta("pantau_batch_seconds_count")
    return {
        "wall_s": round(wall_s, 3),
        "inference_s": round(inference, 3),
        "batch_other_s": round(batches - inference, 3),
        "outside_batches_s": round(max(0.0, wall_s - batches), 3),
        "batches": int(count),
        "mean_batch_events": round(delta("pantau_batch_size_sum") / count, 1) if count else 0.0,
    }


def _duplicates(stack: Stack, sent: dict[str, float]) -> int:
    from pantau.stores.alerts import AlertStore
    from pantau.stores.client import Blocking

    with Blocking(stack.redis_url) as redis:
        entries = redis(AlertStore(redis.client).entries())
    # The same alert twice is a duplicate; one event raising two rules (hoax and a SARA structure) is not.
    counts = Counter((e.fields["event_id"], e.fields["type"]) for e in entries)
    return sum(n - 1 for (event, _type), n in counts.items() if event in sent and n > 1)


def pipeline(
    options: BenchOptions,
    texts: Sequence[str],
    *,
    name: str,
    rate: float | None,
    workers: int = 1,
    env: dict[str, str] | None = None,
    say: Say = print,
) -> dict[str, Any]:
    """Send every text as an event through `workers` real workers; figures per event and per worker."""
    with fresh_stack(options.model_dir, options.partitions) as stack:
        started = [stack.start_worker(**(env or {})) for _ in range(workers)]
        warm_up(stack, texts[: options.batch_size * workers])
        cpu0 = stack.cpu_split()
        before = [w.metrics() for w in started]
        say(f"  {name}: sending {len(texts)} events " + (f"at {rate:.0f}/s" if rate else "as fast as possible"))
        t0 = time.time()
        sent = stack.send(texts, rate=rate)
        done = stack.results(sent, timeout_s=max(120.0, len(texts) / 5))
        wall = time.time() - t0
        cpu1 = stack.cpu_split()
        cpu_split = {k: round(cpu1[k] - cpu0[k], 2) for k in cpu0}
        cpu = cpu_split["workers"]
        profile = [_profile(b, w.metrics(), wall) for b, w in zip(before, started, strict=True)]
        stats = run_stats(sent, done, cpu)
        duplicates = _duplicates(stack, sent)
    points = sorted((sent[e] - t0, done[e] - sent[e]) for e in done)
    say(
        f"  {name}: {stats.events_per_s:.1f} events/s, p50 {stats.p50_s:.3f}s p95 {stats.p95_s:.3f}s "
        f"p99 {stats.p99_s:.3f}s, {stats.cpu_s_per_event * 1000:.1f} ms CPU/event, "
        f"lost {stats.events - stats.accounted}"
    )
    return {
        "name": name,
        "rate": rate,
        "workers": workers,
        "env": env or {},
        **asdict(stats),
        "events_per_s": round(stats.events_per_s, 1),
        "lost": stats.events - stats.accounted,
        "duplicates": duplicates,
        "profile": profile,
        "cpu_seconds": cpu_split,
        "points": points,
    }


def join_and_leave(
    options: BenchOptions, texts_for: Callable[[int], list[str]], *, rate: float, env: dict[str, str], say: Say = print
) -> dict[str, Any]:
    """Load at a fixed rate on one worker; a second joins a third of the way in and leaves at two thirds."""
    seconds = options.scale_seconds
    texts = texts_for(int(rate * seconds))
    with fresh_stack(options.model_dir, options.partitions) as stack:
        first = stack.start_worker(**env)
        warm_up(stack, texts[: options.batch_size])
        result: dict[str, dict[str, float]] = {}
        t0 = time.time()
        sender = threading.Thread(target=lambda: result.update(sent=stack.send(texts, rate=rate)))
        sender.start()
        say(f"  join/leave: {len(texts)} events at {rate:.0f}/s over {seconds:.0f}s")
        time.sleep(seconds / 3)
        join_started = time.time() - t0
        second: BenchWorker = stack.start_worker(**env)
        join_done = time.time() - t0
        time.sleep(max(5.0, 2 * seconds / 3 - (time.time() - t0)))  # leave once the join has settled
        leave_started = time.time() - t0
        stack.stop_worker(second)
        leave_done = time.time() - t0
        sender.join()
        sent = result["sent"]
        done = stack.results(sent, timeout_s=120)
        duplicates = _duplicates(stack, sent)
        del first
    points = sorted((sent[e] - t0, done[e] - sent[e]) for e in done)
    baseline = [lat for t, lat in points if t < join_started]
    stats = run_stats(sent, done, 0.0)
    figures = {
        "name": "join_leave",
        "rate": rate,
        "events": len(sent),
        "accounted": len(done),
        "lost": len(sent) - len(done),
        "duplicates": duplicates,
        "join_started_s": round(join_started, 2),
        "join_done_s": round(join_done, 2),
        "leave_started_s": round(leave_started, 2),
        "leave_done_s": round(leave_done, 2),
        "p99_before_join_s": round(sorted(baseline)[int(0.99 * (len(baseline) - 1))], 3) if baseline else math.nan,
        "max_after_join_s": round(windowed_max(points, join_started, join_done + 10), 3),
        "max_after_leave_s": round(windowed_max(points, leave_started, leave_done + 10), 3),
        "p99_s": round(stats.p99_s, 3),
        "points": points,
    }
    say(
        f"  join/leave: lost {figures['lost']}, duplicates {duplicates}, p99 before {figures['p99_before_join_s']}s, "
        f"max after join {figures['max_after_join_s']}s, after leave {figures['max_after_leave_s']}s"
    )
    return figures
