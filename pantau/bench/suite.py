"""`pantau bench` end to end: every phase in order, then the report."""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path
from typing import Any

from pantau.bench.report import check_targets, write
from pantau.bench.run import BenchOptions, Say, bare_model, join_and_leave, pipeline

NAIVE = {"PANTAU_BATCH_SIZE": "1", "PANTAU_INFERENCE_BATCH_SIZE": "1"}
ONE_THREAD = {"PANTAU_TORCH_THREADS": "1"}


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def run_bench(options: BenchOptions, out: Path, *, say: Say = print, gpu_note: str | None = None) -> dict[str, Any]:
    from nlp.serving.bench import sample_texts

    texts = sample_texts(options.events)
    report: dict[str, Any] = {
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        "model_dir": str(options.model_dir),
        "options": {
            "events": options.events,
            "naive_events": options.naive_events,
            "partitions": options.partitions,
            "batch_size": options.batch_size,
            "inference_batch_size": options.inference_batch_size,
        },
    }
    say("bare model (the ceiling):")
    model = bare_model(options, texts, batch=options.batch_size)
    variants = [
        model,
        bare_model(options, texts[:256], batch=1),
        bare_model(options, texts, batch=options.batch_size, threads=1),
        bare_model(options, texts, batch=options.batch_size, quantize=True),
    ]
    for v in variants:
        say(
            f"  batch {v['batch']}, threads {v['threads']}{', int8' if v['quantize'] else ''}: "
            f"{v['sequences_per_s']:.1f} sequences/s"
        )
    report.update(model=model, model_variants=variants)

    say("pipeline (broker → worker → Redis):")
    report["pipeline"] = pipeline(options, texts, name="pipeline", rate=None, say=say)
    rate70 = 0.7 * model["sequences_per_s"]
    report["latency_at_70pct"] = pipeline(
        options, texts[: max(200, min(len(texts), int(rate70 * 20)))], name="latency_at_70pct", rate=rate70, say=say
    )
    rate70p = 0.7 * report["pipeline"]["events_per_s"]
    report["latency_at_70pct_pipeline"] = pipeline(
        options,
        texts[: max(200, min(len(texts), int(rate70p * 20)))],
        name="latency_at_70pct_pipeline",
        rate=rate70p,
        say=say,
    )
    report["naive"] = pipeline(options, texts[: options.naive_events], name="naive", rate=None, env=NAIVE, say=say)

    if options.scale_out:
        say("scale-out (one torch thread per worker):")
        single = pipeline(options, texts, name="scale_single", rate=None, env=ONE_THREAD, say=say)
        pair = pipeline(options, texts, name="scale_pair", rate=None, workers=2, env=ONE_THREAD, say=say)
        report.update(scale_single=single, scale_pair=pair)
        jl = join_and_leave(
            options, lambda n: sample_texts(n), rate=0.5 * single["events_per_s"], env=ONE_THREAD, say=say
        )
        report["scale"] = {
            "single_events_per_s": single["events_per_s"],
            "pair_events_per_s": pair["events_per_s"],
            "ratio": round(pair["events_per_s"] / single["events_per_s"], 3),
            "join_leave": jl,
        }
    report["gpu"] = gpu_note
    report["targets"] = check_targets(report)
    paths = write(report, out)
    for t in report["targets"]:
        say(
            f"{'MET ' if t['met'] else 'MISS'} {t['target']}: measured {t['measured']} (limit {t['limit']}, "
            f"margin {t['by']:+})"
        )
    say(f"report: {paths['markdown']}  {paths['json']}  {paths['png']}")
    return report
