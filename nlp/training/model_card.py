"""Writes MODEL_CARD.md for a trained model from its training.json and eval.json, so that the card's numbers
are exactly what `pantau model eval` reproduces."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from nlp.training.evaluate import render_markdown

TEMPLATE = Path(__file__).with_name("MODEL_CARD.template.md")


EVAL_START, EVAL_END = "<!-- eval:start -->", "<!-- eval:end -->"


def write_model_card(model_dir: Path) -> Path:
    """A hand-written card keeps its text and gets the evaluation between its markers rewritten from eval.json;
    a card without markers is written from the scratch model's template."""
    path = model_dir / "MODEL_CARD.md"
    if path.is_file() and EVAL_START in path.read_text():
        return _refresh_evaluation(path, json.loads((model_dir / "eval.json").read_text()))
    training: dict[str, Any] = json.loads((model_dir / "training.json").read_text())
    report: dict[str, Any] = json.loads((model_dir / "eval.json").read_text())
    config: dict[str, Any] = json.loads((model_dir / "config.json").read_text())
    cfg = training["config"]
    params = _parameters(model_dir)
    card = TEMPLATE.read_text().format(
        version=training["version"],
        params=params / 1e6,
        layers=config["num_hidden_layers"],
        hidden=config["hidden_size"],
        vocab=config["vocab_size"],
        examples_train=training["examples"]["train"],
        examples_val=training["examples"]["val"],
        examples_test=training["examples"]["test"],
        pretrain=cfg["pretrain_epochs"],
        epochs=cfg["epochs"],
        seed=cfg["seed"],
        minutes=training["seconds"] / 60,
        history=", ".join(f"{h['val_macro_pr_auc']:.4f}" for h in training["finetune"]["history"]),
        table=render_markdown(report),
    )
    path = model_dir / "MODEL_CARD.md"
    path.write_text(card)
    return path


def _parameters(model_dir: Path) -> int:
    from safetensors import safe_open

    with safe_open(str(model_dir / "model.safetensors"), framework="pt") as weights:
        return sum(_product(weights.get_slice(name).get_shape()) for name in weights.keys())  # noqa: SIM118


def _product(shape: list[int]) -> int:
    result = 1
    for size in shape:
        result *= size
    return result


def _refresh_evaluation(path: Path, report: dict[str, Any]) -> Path:
    from nlp.training.crosseval import render

    text = path.read_text()
    head, rest = text.split(EVAL_START, 1)
    _, tail = rest.split(EVAL_END, 1)
    path.write_text(f"{head}{EVAL_START}\n{render(report)}\n{EVAL_END}{tail}")
    return path
