"""What the teacher's fine-tuning and the student's distillation share: seeding, the rows they learn from,
the batch plan, one optimiser step, and how a finished model is measured and saved."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nlp.serving.normalize import normalize
from nlp.training.data import Example
from nlp.training.metrics import macro_pr_auc
from nlp.training.train import _batches


def seed_and_threads(seed: int, threads: int) -> None:
    import torch

    random.seed(seed)
    torch.manual_seed(seed)
    if threads:
        torch.set_num_threads(threads)


def rows_and_validation(data_dir: Path, seed: int, limit: int) -> tuple[list[Example], list[Example]]:
    """Training rows (augmented, repeated per source) and the validation split; `limit` samples both."""
    from nlp.training.teacher import teacher_corpus, training_rows

    corpus = teacher_corpus(data_dir, seed)
    rows = training_rows(corpus, seed)
    val = [ex for ex in corpus if ex.split == "val"]
    if limit:
        sampler = random.Random(seed)
        rows, val = sampler.sample(rows, min(limit, len(rows))), sampler.sample(val, min(limit, len(val)))
    return rows, val


def batch_plan(encoded: Sequence[Sequence[int]], batch_size: int, epochs: int, seed: int) -> list[list[int]]:
    """Every epoch's length-bucketed batches, in a seeded order (the same on a resumed run)."""
    rng = random.Random(seed)
    lengths = [len(e) for e in encoded]
    return [b for _ in range(epochs) for b in _batches(list(range(len(encoded))), lengths, batch_size, rng)]


def step(loss: Any, parameters: list[Any], optimizer: Any, scheduler: Any) -> None:
    import torch

    loss.backward()
    torch.nn.utils.clip_grad_norm_(parameters, 1.0)
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad()


def finish(
    model: Any,
    tokenizer: Any,
    val: list[Example],
    *,
    out_dir: Path,
    kind: str,
    seed: int,
    max_length: int,
    started: float,
    report: dict[str, Any],
) -> dict[str, Any]:
    """Validation macro PR-AUC, then the model, tokenizer and training.json in `out_dir`."""
    from nlp.training.teacher import _predict

    scores = _predict(model, tokenizer, [normalize(ex.text) for ex in val], max_length)
    report = {
        **report,
        "val_macro_pr_auc": round(macro_pr_auc(val, scores), 4),
        "seconds": round(time.time() - started, 1),
    }
    model.config.pantau_model_version = f"pantau-e5-{kind}-{time.strftime('%Y%m%d')}-s{seed}"
    model.config.pantau_max_length = max_length
    out_dir.mkdir(parents=True, exist_ok=True)
    model.to("cpu").save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    (out_dir / "training.json").write_text(json.dumps(report, indent=2) + "\n")
    return report
