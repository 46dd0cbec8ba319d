"""`pantau model train|eval|thresholds|bench|score|tiny`: the classifier from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO

import click

from pantau.errors import PantauError
from pantau.settings import load_settings

data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Data sets folder (default: ../shared/datasets).",
)


@click.group()
def model() -> None:
    """The classifier: scoring, placeholder models."""


@model.command()
@click.argument("file", type=click.File("rb"))
@click.option("--batch-size", type=int, default=64, show_default=True)
def score(file: IO[bytes], batch_size: int) -> None:
    """Score lines {"id", "text"} of FILE (- for stdin); one {"id", "scores"} line each to stdout."""
    from nlp.serving.engine import Classifier

    settings = load_settings()
    classifier = Classifier(
        settings.model_dir,
        device=settings.device,
        max_length=settings.max_length,
        batch_size=settings.inference_batch_size,
        torch_threads=settings.torch_threads,
        quantize=settings.quantize,
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
    from nlp.training.tiny import build_tiny_model

    click.echo(f"wrote {build_tiny_model(out_dir, seed=seed)}")


@model.command()
@data_option
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("nlp/model"), show_default=True
)
@click.option(
    "--from",
    "from_checkpoint",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Fine-tune this local Hugging Face checkpoint instead of training from scratch.",
)
@click.option("--pretrain-epochs", type=int, default=1, show_default=True, help="Masked-LM epochs; 0 skips it.")
@click.option("--epochs", type=int, default=3, show_default=True)
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--threads", type=int, default=0, help="torch threads (0: torch's default).")
@click.option("--limit", type=int, default=0, help="Train on a seeded sample of this many rows (quick runs).")
@click.option(
    "--synthetic/--no-synthetic",
    default=True,
    show_default=True,
    help="Add synthetic regional-election posts (nlp/training/synthetic.py) to the training split.",
)
@click.option("--synthetic-count", type=int, default=600, show_default=True, help="How many synthetic posts.")
@click.option(
    "--pos-weight-cap",
    type=float,
    default=1.0,
    show_default=True,
    help="Weight rare labels' positives by sqrt(neg/pos), capped here; 1 turns it off.",
)
@click.option(
    "--feedback",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Staff decisions from `pantau feedback export`, added to the training split.",
)
def train(
    data_dir: Path | None,
    out_dir: Path,
    from_checkpoint: Path | None,
    pretrain_epochs: int,
    epochs: int,
    seed: int,
    threads: int,
    limit: int,
    synthetic: bool,
    synthetic_count: int,
    pos_weight_cap: float,
    feedback: Path | None,
) -> None:
    """Train the classifier from ../shared/datasets and save it (Hugging Face format) to OUT."""
    from nlp.training.data import DEFAULT_DATA_DIR
    from nlp.training.train import TrainConfig
    from nlp.training.train import train as run_training

    cfg = TrainConfig(
        data_dir=data_dir or DEFAULT_DATA_DIR,
        out_dir=out_dir,
        from_checkpoint=from_checkpoint,
        pretrain_epochs=pretrain_epochs,
        epochs=epochs,
        seed=seed,
        threads=threads,
        limit=limit,
        pos_weight_cap=pos_weight_cap,
        synthetic=synthetic,
        synthetic_count=synthetic_count,
        feedback=feedback,
    )
    report = run_training(cfg)
    click.echo(
        f"saved {report['version']} to {out_dir} in {report['seconds']:.0f}s; "
        f"best validation macro PR-AUC {report['finetune']['best_val_macro_pr_auc']}"
    )


@model.command(name="eval")
@data_option
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the full report as JSON.",
)
@click.option(
    "--previous",
    "previous_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The previous model to compare with (default: nlp/previous_model when present).",
)
@click.option(
    "--update-card", is_flag=True, help="Record the report as eval.json and rewrite MODEL_CARD.md in the model dir."
)
def evaluate_command(
    data_dir: Path | None, json_out: Path | None, previous_dir: Path | None, update_card: bool
) -> None:
    """Baseline, previous model, student, cascade and teacher side by side, in-domain and cross-source."""
    from nlp.training.data import DEFAULT_DATA_DIR
    from nlp.training.evaluate import write_report
    from nlp.training.model_eval import run_evaluation

    settings = load_settings()
    report = run_evaluation(settings, data_dir or DEFAULT_DATA_DIR, previous_dir)
    from nlp.training.crosseval import render

    click.echo(render(report))
    if json_out:
        write_report(report, json_out)
    if update_card:
        from nlp.training.model_card import write_model_card

        write_report(report, settings.model_dir / "eval.json")
        click.echo(f"wrote {write_model_card(settings.model_dir)}")


@model.command()
@click.option("--texts", type=int, default=512, show_default=True, help="How many sample texts to score.")
@click.option("--quantize", is_flag=True)
@click.option(
    "--teacher",
    "teacher_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Also measure this teacher alone and the cascade (student, teacher for the doubtful) at batch 64.",
)
def bench(texts: int, quantize: bool, teacher_dir: Path | None) -> None:
    """Sequences per second of the model in force at batch sizes 1, 8, 32, 64."""
    from nlp.serving.bench import run_benchmark, run_cascade_benchmark

    settings = load_settings()
    for line in run_benchmark(settings.model_dir, texts=texts, quantize=quantize, threads=settings.torch_threads):
        click.echo(line)
    if teacher_dir:
        thresholds = dict(settings.thresholds)
        for line in run_cascade_benchmark(settings.model_dir, teacher_dir, thresholds, band=settings.cascade_band):
            click.echo(line)


@model.command(name="thresholds")
def recommend_thresholds() -> None:
    """Recommend per-label thresholds for the model in force (best F0.5 on the validation split)."""
    from nlp.training.thresholds import choose_thresholds

    click.echo(json.dumps(choose_thresholds(load_settings().model_dir)))
