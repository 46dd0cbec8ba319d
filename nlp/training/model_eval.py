"""Which systems `pantau model eval` compares, where each comes from, and at which thresholds."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nlp.serving.sparse import FILE as SPARSE_FILE
from nlp.training.crosseval import Scores, cross_source_sets, evaluate_systems
from nlp.training.evaluate import baseline_scores
from nlp.training.sources import everyday_eval_texts, everyday_other_texts
from nlp.training.teacher import teacher_corpus
from pantau.domain.labels import LABELS

PREVIOUS_MODEL_DIR = Path(__file__).resolve().parents[1] / "previous_model"
DEFAULT_TEACHER_DIR = Path(".pantau/teacher")


def model_thresholds(model_dir: Path) -> dict[str, float] | None:
    """The thresholds a model directory records for itself (thresholds.json), if any."""
    path = model_dir / "thresholds.json"
    if not path.is_file():
        return None
    recorded: dict[str, float] = json.loads(path.read_text())
    return recorded


def _scorer(model_dir: Path, ngrams: bool = True) -> Callable[[list[str]], Scores]:
    from nlp.serving.engine import Classifier

    classifier = Classifier(model_dir, max_length=128, batch_size=64, ngrams=ngrams)

    def score(texts: list[str]) -> Scores:
        return [[row[label] for label in LABELS] for row in classifier.predict(texts)]

    return score


def run_evaluation(settings: Any, data_dir: Path, previous_dir: Path | None = None) -> dict[str, Any]:
    corpus = teacher_corpus(data_dir)
    split = {name: [ex for ex in corpus if ex.split == name] for name in ("train", "val", "test")}
    scorers: dict[str, Callable[[list[str]], Scores]] = {}
    # The scorer in force is measured at the thresholds in force; the others at their own, chosen on validation.
    served = "hybrid" if (settings.model_dir / SPARSE_FILE).is_file() else "student"
    fixed: dict[str, dict[str, float]] = {served: dict(settings.thresholds)}
    previous = previous_dir or PREVIOUS_MODEL_DIR
    if (previous / "config.json").is_file():
        scorers["previous"] = _scorer(previous)
        recorded = model_thresholds(previous)
        if recorded:
            fixed["previous"] = recorded
    scorers["student"] = _scorer(settings.model_dir, ngrams=False)
    if served == "hybrid":  # the student blended with its n-gram scorer (nlp/serving/sparse.py): what the worker serves
        scorers["hybrid"] = _scorer(settings.model_dir)
    teacher = settings.teacher_dir or DEFAULT_TEACHER_DIR
    if (teacher / "config.json").is_file():
        scorers["teacher"] = _scorer(teacher)
    report = evaluate_systems(
        scorers,
        fixed,
        train=split["train"],
        val=split["val"],
        test=split["test"],
        cross=cross_source_sets(data_dir),
        everyday=everyday_eval_texts(data_dir),
        everyday_other=everyday_other_texts(data_dir),
        baseline=baseline_scores,
        cascade=("student", "teacher", settings.cascade_band) if "teacher" in scorers else None,
        served=served,
    )
    report["served"] = served
    report["model_dir"] = str(settings.model_dir)
    report["teacher_dir"] = str(teacher) if "teacher" in scorers else None
    return report
