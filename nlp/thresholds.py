"""Default thresholds for a model, chosen on the validation split: per label, the threshold with the best
F-beta (beta 0.5 weighs precision twice as much as recall: an alert is evidence about a person). A label
with too few validation positives keeps its conservative fallback: an optimum over a dozen examples is noise."""

from __future__ import annotations

from pathlib import Path

from nlp.data import DEFAULT_DATA_DIR, load_corpus
from pantau.labels import LABELS


def choose_thresholds(
    model_dir: Path,
    fallback: dict[str, float],
    data_dir: Path = DEFAULT_DATA_DIR,
    beta: float = 0.5,
    min_positives: int = 30,
) -> dict[str, float]:
    from nlp.engine import Classifier

    val = [ex for ex in load_corpus(data_dir) if ex.split == "val"]
    scores = Classifier(model_dir, batch_size=64).predict([ex.text for ex in val])
    chosen = {}
    for label in LABELS:
        pairs = [
            (s[label], ex.labels[label]) for ex, s in zip(val, scores, strict=True) if ex.labels[label] is not None
        ]
        if sum(1 for _, y in pairs if y == 1) < min_positives:
            chosen[label] = fallback[label]
            continue
        best, best_f = fallback[label], -1.0
        for step in range(5, 96):
            threshold = step / 100
            tp = sum(1 for p, y in pairs if p >= threshold and y == 1)
            fp = sum(1 for p, y in pairs if p >= threshold and y == 0)
            fn = sum(1 for p, y in pairs if p < threshold and y == 1)
            if tp == 0:
                continue
            precision, recall = tp / (tp + fp), tp / (tp + fn)
            f = (1 + beta**2) * precision * recall / (beta**2 * precision + recall)
            if f > best_f:
                best, best_f = threshold, f
        chosen[label] = best
    return chosen
