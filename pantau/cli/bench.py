"""`pantau bench`."""

from __future__ import annotations

from pathlib import Path

import click

from pantau.settings import load_settings, state_dir


@click.command()
@click.option("--events", type=int, default=2000, show_default=True, help="Events per throughput run.")
@click.option("--naive-events", type=int, default=300, show_default=True, help="Events for the one-at-a-time run.")
@click.option("--no-scale-out", is_flag=True, help="Skip the two-worker and join/leave runs.")
@click.option("--scale-seconds", type=float, default=45.0, show_default=True, help="Length of the join/leave run.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Report folder [default: .pantau/bench].",
)
@click.option("--gpu-note", default="no GPU was lent to this run; CPU figures only", show_default=True)
def bench(
    events: int, naive_events: int, no_scale_out: bool, scale_seconds: float, out: Path | None, gpu_note: str
) -> None:
    """Throughput and latency of the real pipeline on fresh embedded services, against the bare model (the
    ceiling) and a one-event-at-a-time pipeline (the floor); JSON, markdown and a PNG plot."""
    from pantau.bench.run import BenchOptions
    from pantau.bench.suite import run_bench
    from pantau.runtime.children import ensure_model

    settings = load_settings()
    options = BenchOptions(
        model_dir=ensure_model(settings.model_dir),
        events=events,
        naive_events=naive_events,
        scale_out=not no_scale_out,
        scale_seconds=scale_seconds,
        partitions=settings.topic_partitions,
        batch_size=settings.batch_size,
        inference_batch_size=settings.inference_batch_size,
        max_length=settings.max_length,
    )
    run_bench(options, out or state_dir() / "bench", say=click.echo, gpu_note=gpu_note)
