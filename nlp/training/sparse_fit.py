"""`pantau model fit-ngrams`: fit the n-gram scorer on the training split, choose its blend with the model on
the validation split, and save it beside the model (see nlp/serving/sparse.py)."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from nlp.serving.sparse import choose_blend, fit
from nlp.training.metrics import macro_pr_auc
from pantau.domain.labels import LABELS


def fit_ngrams(model_dir: Path, data_dir: Path, student_share: float | None = 0.5, seed: int = 13) -> dict[str, Any]:
    """`student_share` None: per label, the share with the best validation PR-AUC. Measured: that choice
    leans on the n-grams (0.2-0.4), which are strongest on text like their training sources, and it cost
    regional-election SARA posts on pilkada_dev (scored 0.83 by the student, 0.47 blended); an even blend
    keeps what each part does best."""
    from nlp.serving.engine import Classifier
    from nlp.training.teacher import teacher_corpus

    started = time.time()
    corpus = teacher_corpus(data_dir, seed)
    train = [ex for ex in corpus if ex.split == "train"]
    val = [ex for ex in corpus if ex.split == "val"]
    scorer = fit([ex.text for ex in train], [ex.labels for ex in train], seed)
    student_rows = Classifier(model_dir, batch_size=64, ngrams=False).predict([ex.text for ex in val])
    student = np.array([[row[label] for label in LABELS] for row in student_rows], dtype=np.float32)
    val_texts, val_labels = [ex.text for ex in val], [ex.labels for ex in val]
    if student_share is None:
        scorer = choose_blend(scorer, val_texts, val_labels, student)
    else:
        scorer = replace(scorer, blend=np.full(len(LABELS), student_share, np.float32))
    scorer.save(model_dir)
    blended = scorer.blend_rows(val_texts, student)
    return {
        "model_dir": str(model_dir),
        "train_rows": len(train),
        "blend_student_share": {label: float(w) for label, w in zip(LABELS, scorer.blend, strict=True)},
        "val_macro_pr_auc": {
            "model": round(macro_pr_auc(val, student.tolist()), 4),
            "ngrams": round(macro_pr_auc(val, scorer.probabilities(val_texts).tolist()), 4),
            "blend": round(macro_pr_auc(val, blended.tolist()), 4),
        },
        "seconds": round(time.time() - started, 1),
    }
