"""The benchmark's outputs: targets checked, JSON, a markdown table and a PNG of latency over time."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

TARGETS = {
    "pipeline_vs_model": 0.85,  # pipeline events/s ÷ bare model sequences/s
    "p99_at_70pct_s": 1.0,
    "pipeline_vs_naive": 5.0,
}


def check_targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    model = report["model"]["sequences_per_s"]
    pipe, lat, naive = report["pipeline"], report["latency_at_70pct"], report["naive"]
    rows = [
        (
            "pipeline ≥ 85% of the bare model's throughput",
            pipe["events_per_s"] / model,
            TARGETS["pipeline_vs_model"],
            True,
        ),
        ("p99 end-to-end ≤ 1 s at 70% of that rate", lat["p99_s"], TARGETS["p99_at_70pct_s"], False),
        (
            "pipeline ≥ 5× the naive one-at-a-time pipeline",
            pipe["events_per_s"] / naive["events_per_s"],
            TARGETS["pipeline_vs_naive"],
            True,
        ),
    ]
    return [
        {
            "target": name,
            "measured": round(value, 3),
            "limit": limit,
            "met": value >= limit if higher else value <= limit,
            "by": round(value - limit if higher else limit - value, 3),
        }
        for name, value, limit, higher in rows
    ]


def markdown(report: dict[str, Any]) -> str:
    model = report["model"]
    lines = [
        f"# pantau bench — {report['started_at']}",
        "",
        f"Machine: {report['machine']}. Model: {model['version']} ({report['model_dir']}).",
        "",
        "| run | events | events/s | p50 s | p95 s | p99 s | max s | CPU ms/event | lost | duplicates |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    runs = [
        r for r in (report.get(k) for k in ("pipeline", "latency_at_70pct", "naive", "scale_single", "scale_pair")) if r
    ]
    for r in runs:
        rate = f" @ {r['rate']:.0f}/s" if r.get("rate") else ""
        lines.append(
            f"| {r['name']}{rate} ({r['workers']} worker{'s' if r['workers'] > 1 else ''}) | {r['events']} | "
            f"{r['events_per_s']:.1f} | {r['p50_s']:.3f} | {r['p95_s']:.3f} | {r['p99_s']:.3f} | {r['max_s']:.3f} | "
            f"{r['cpu_s_per_event'] * 1000:.1f} | {r['lost']} | {r['duplicates']} |"
        )
    lines += ["", "Bare model (the ceiling), same texts:", "", "| configuration | sequences/s |", "|---|---:|"]
    for m in report["model_variants"]:
        lines.append(
            f"| batch {m['batch']}, threads {m['threads']}{', int8' if m['quantize'] else ''} | "
            f"{m['sequences_per_s']:.1f} |"
        )
    lines += ["", "Targets:", "", "| target | measured | limit | met |", "|---|---:|---:|---|"]
    for t in report["targets"]:
        lines.append(f"| {t['target']} | {t['measured']} | {t['limit']} | {'yes' if t['met'] else 'NO'} |")
    pipe = report["pipeline"]["profile"][0]
    lines += [
        "",
        f"Where the worker's time went (open-loop run, {pipe['wall_s']} s wall): model {pipe['inference_s']} s, "
        f"rest of each batch (validation, rules, Redis) {pipe['batch_other_s']} s, outside batches (Kafka fetch, "
        f"Faust, idle) {pipe['outside_batches_s']} s; {pipe['batches']} batches of {pipe['mean_batch_events']} events.",
    ]
    cpu = report["pipeline"].get("cpu_seconds")
    if cpu:
        cores = os.cpu_count() or 1
        lines += [
            "",
            f"CPU during that run: the machine was busy {cpu['machine']} CPU-s of {pipe['wall_s'] * cores:.1f} "
            f"available ({cores} cores); the worker used {cpu['workers']}, the broker {cpu['broker']}, Redis "
            f"{cpu['redis']}, the load generator and collector {cpu['load_generator']}. The bare model had every "
            "core to itself.",
        ]
    lat2 = report.get("latency_at_70pct_pipeline")
    if lat2:
        lines += ["", f"At 70% of the pipeline's own sustained rate ({lat2['rate']:.0f}/s): p99 {lat2['p99_s']:.3f} s."]
    scale = report.get("scale")
    if scale:
        jl = scale["join_leave"]
        lines += [
            "",
            f"Scale-out (1 torch thread per worker): 2 workers {scale['pair_events_per_s']:.1f} events/s vs 1 worker "
            f"{scale['single_events_per_s']:.1f} (ratio {scale['ratio']:.2f}).",
            f"Join/leave at {jl['rate']:.0f}/s: {jl['events']} events, lost {jl['lost']}, duplicates "
            f"{jl['duplicates']}; p99 before the join {jl['p99_before_join_s']} s, worst latency within 10 s of the "
            f"join {jl['max_after_join_s']} s (join {jl['join_started_s']}→{jl['join_done_s']} s), of the leave "
            f"{jl['max_after_leave_s']} s.",
        ]
    if report.get("gpu"):
        lines += ["", f"GPU: {report['gpu']}"]
    return "\n".join(lines) + "\n"


def plot(report: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = [report[k] for k in ("pipeline", "latency_at_70pct", "latency_at_70pct_pipeline", "naive") if report.get(k)]
    if report.get("scale"):
        runs.append(report["scale"]["join_leave"])
    fig, axes = plt.subplots(len(runs), 1, figsize=(10, 2.6 * len(runs)), squeeze=False)
    for ax, run in zip(axes[:, 0], runs, strict=True):
        xs = [p[0] for p in run["points"]]
        ys = [p[1] for p in run["points"]]
        ax.plot(xs, ys, ".", markersize=2)
        ax.set_title(
            f"{run['name']}" + (f" @ {run['rate']:.0f} events/s" if run.get("rate") else " (open loop)"), fontsize=10
        )
        ax.set_ylabel("latency s")
        if run["name"] == "join_leave":
            for key, colour in (("join_started_s", "green"), ("join_done_s", "green"), ("leave_started_s", "red")):
                ax.axvline(run[key], color=colour, linestyle="--", linewidth=1)
    axes[-1, 0].set_xlabel("seconds since the first event was sent")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _without_points(value: Any) -> Any:
    """The report minus per-event latency points (thousands of them; the PNG shows them)."""
    if isinstance(value, dict):
        return {k: _without_points(v) for k, v in value.items() if k != "points"}
    return value


def write(report: dict[str, Any], out: Path) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "bench.json", "markdown": out / "bench.md", "png": out / "latency.png"}
    paths["markdown"].write_text(markdown(report))
    plot(report, paths["png"])
    paths["json"].write_text(json.dumps(_without_points(report), indent=1, default=str))
    return paths
