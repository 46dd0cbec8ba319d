"""`pantau model score` (and helpers for model directories)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO

import click

from pantau.errors import PantauError
from pantau.settings import load_settings


@click.group()
def model() -> None:
    """The classifier: scoring, placeholder models."""


@model.command()
@click.argument("file", type=click.File("rb"))
@click.option("--batch-size", type=int, default=64, show_default=True)
def score(file: IO[bytes], batch_size: int) -> None:
    """Score lines {"id", "text"} of FILE (- for stdin); one {"id", "scores"} line each to stdout."""
    from nlp.engine import Classifier

    settings = load_settings()
    classifier = Classifier(
        settings.model_dir,
        device=settings.device,
        max_length=settings.max_length,
        batch_size=settings.inference_batch_size,
        torch_threads=settings.torch_threads,
    )
    pending: list[tuple[object, str]] = []

    def flush() -> None:
        for (item_id, _), scores in zip(pending, classifier.predict([t for _, t in pending]), strict=True):
            line = {"id": item_id, "scores": {k: round(v, 4) for k, v in scores.items()}}
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        pending.clear()

    for number, raw in enumerate(file, start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
            text = item["text"]
            if not isinstance(text, str):
                raise TypeError("text must be a string")
        except (ValueError, KeyError, TypeError) as exc:
            raise PantauError(f'line {number}: expected {{"id": ..., "text": "..."}} ({exc})') from None
        pending.append((item.get("id"), text))
        if len(pending) >= batch_size:
            flush()
    flush()


@model.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", type=int, default=0, show_default=True)
def tiny(out_dir: Path, seed: int) -> None:
    """Write a tiny RANDOM model (right format, meaningless scores) for tests and plumbing checks."""
    from nlp.tiny import build_tiny_model

    click.echo(f"wrote {build_tiny_model(out_dir, seed=seed)}")
