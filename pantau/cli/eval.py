"""`pantau eval scenario DIR`: precision and recall per alert type on a replayed scenario."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.group(name="eval")
def eval_() -> None:
    """Measure Pantau on annotated scenarios."""


@eval_.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object on stdout (progress goes to stderr).")
@click.option("--misses", is_flag=True, help="List every event with a miss or a false alarm.")
@click.option("--limit", type=int, default=None, help="Replay only the first N events.")
@click.option("--timeout", "timeout_s", type=float, default=900, show_default=True, help="Seconds to wait.")
@click.option("--redis-db", type=int, default=15, show_default=True, help="Redis database the run empties and uses.")
def scenario(directory: Path, as_json: bool, misses: bool, limit: int | None, timeout_s: float, redis_db: int) -> None:
    """Replay DIR/events.jsonl through the broker and a worker; score alerts against DIR/expected.jsonl."""
    from pantau.eval.scenario import load_scenario, run_scenario
    from pantau.eval.score import format_report

    loaded = load_scenario(directory, limit)
    report = run_scenario(
        loaded, say=lambda line: click.echo(line, err=as_json), redis_db=redis_db, timeout_s=timeout_s
    )
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        click.echo(format_report(report, misses=misses, describe=loaded.describe))
