"""Default thresholds for a model, chosen on the validation split: per label, the threshold with the best
F-beta (beta 0.5 weighs precision twice as much as recall: an alert is evidence about a person). A label
with too few validation positives keeps a neutral 0.5: an optimum over a dozen examples is noise."""

from __future__ import annotations

from pathlib import Path

from nlp.training.data import DEFAULT_DATA_DIR
from pantau.domain.labels import LABELS


def choose_thresholds(model_dir: Path, data_dir: Path = DEFAULT_DATA_DIR, beta: float = 0.5) -> dict[str, float]:
    from nlp.serving.engine import Classifier
    from nlp.training.crosseval import choose_thresholds as best_on
    from nlp.training.teacher import teacher_corpus

    val = [ex for ex in teacher_corpus(data_dir) if ex.split == "val"]
    scores = Classifier(model_dir, batch_size=64).predict([ex.text for ex in val])
    return best_on(val, [[row[label] for label in LABELS] for row in scores], beta=beta)
