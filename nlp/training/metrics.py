"""Per-label evaluation on the rows that annotate the label: P/R/F1 at a threshold, ROC-AUC, PR-AUC,
calibration (expected calibration error and Brier score)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from pantau.domain.labels import LABELS


class Labelled(Protocol):
    @property
    def labels(self) -> Mapping[str, int | None]: ...


@dataclass(frozen=True)
class LabelReport:
    label: str
    n: int
    positives: int
    threshold: float
    precision: float
    recall: float
    f1: float
    roc_auc: float
    pr_auc: float
    ece: float
    brier: float

    def as_dict(self) -> dict[str, Any]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def _known(
    examples: Sequence[Labelled], scores: Sequence[Sequence[float]], label: str
) -> tuple[list[int], list[float]]:
    j = LABELS.index(label)
    pairs = [(ex.labels[label], s[j]) for ex, s in zip(examples, scores, strict=True) if ex.labels[label] is not None]
    return [int(y) for y, _ in pairs if y is not None], [p for _, p in pairs]


def expected_calibration_error(y: Sequence[int], p: Sequence[float], bins: int = 10) -> float:
    total, error = len(y), 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, v in enumerate(p) if lo <= v < hi or (b == bins - 1 and v == 1.0)]
        if idx:
            error += len(idx) / total * abs(sum(p[i] for i in idx) / len(idx) - sum(y[i] for i in idx) / len(idx))
    return error


def label_report(
    examples: Sequence[Labelled], scores: Sequence[Sequence[float]], label: str, threshold: float
) -> LabelReport:
    from sklearn.metrics import average_precision_score, precision_recall_fscore_support, roc_auc_score

    y, p = _known(examples, scores, label)
    predicted = [int(v >= threshold) for v in p]
    precision, recall, f1, _ = precision_recall_fscore_support(y, predicted, average="binary", zero_division=0)
    both = len(set(y)) == 2
    return LabelReport(
        label=label,
        n=len(y),
        positives=sum(y),
        threshold=threshold,
        precision=float(precision),
        recall=float(recall),
        f1=float(f1),
        roc_auc=float(roc_auc_score(y, p)) if both else float("nan"),
        pr_auc=float(average_precision_score(y, p)) if both else float("nan"),
        ece=expected_calibration_error(y, p),
        brier=sum((a - b) ** 2 for a, b in zip(y, p, strict=True)) / len(y),
    )


def macro_pr_auc(examples: Sequence[Labelled], scores: Sequence[Sequence[float]]) -> float:
    from sklearn.metrics import average_precision_score

    values = []
    for label in LABELS:
        y, p = _known(examples, scores, label)
        if len(set(y)) == 2:
            values.append(float(average_precision_score(y, p)))
    return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True)
class Difference:
    """System A's PR-AUC minus system B's on one set, with a paired-bootstrap 95% interval: the same resampled
    examples score both systems, so the interval is about the difference, not about either system alone."""

    label: str  # a label, or "macro" (the mean over the set's labels)
    observed: float
    low: float
    high: float

    @property
    def verdict(self) -> str:
        if self.low > 0:
            return "ahead"
        if self.high < 0:
            return "behind"
        return "level (within noise)"

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "observed": round(self.observed, 4),
            "low": round(self.low, 4),
            "high": round(self.high, 4),
            "verdict": self.verdict,
        }


def paired_bootstrap(
    examples: Sequence[Labelled],
    a: Sequence[Sequence[float]],
    b: Sequence[Sequence[float]],
    labels: Sequence[str],
    rounds: int = 1000,
    seed: int = 13,
) -> list[Difference]:
    """PR-AUC(a) - PR-AUC(b) per label and for their mean, each with the 2.5th-97.5th percentile of the
    difference over `rounds` resamples of the examples (with replacement). A label whose resample has one
    class only is skipped in that round."""
    import numpy as np
    from sklearn.metrics import average_precision_score

    columns: dict[str, tuple[Any, Any, Any]] = {}
    for label in labels:
        known_y, known_a = _known(examples, a, label)
        _, known_b = _known(examples, b, label)
        columns[label] = (np.array(known_y), np.array(known_a), np.array(known_b))
    rng = np.random.default_rng(seed)
    samples: dict[str, list[float]] = {label: [] for label in [*labels, "macro"]}
    observed: dict[str, float] = {}
    for label, (truth, pa, pb) in columns.items():
        observed[label] = float(average_precision_score(truth, pa) - average_precision_score(truth, pb))
    observed["macro"] = sum(observed[label] for label in labels) / len(labels)
    for _ in range(rounds):
        diffs = []
        for label, (truth, pa, pb) in columns.items():
            idx = rng.integers(0, len(truth), len(truth))
            if truth[idx].min() == truth[idx].max():
                continue
            d = float(average_precision_score(truth[idx], pa[idx]) - average_precision_score(truth[idx], pb[idx]))
            samples[label].append(d)
            diffs.append(d)
        if len(diffs) == len(labels):
            samples["macro"].append(sum(diffs) / len(diffs))
    out = []
    for label in [*labels, "macro"]:
        values = np.array(samples[label]) if samples[label] else np.array([observed[label]])
        low, high = np.percentile(values, [2.5, 97.5])
        out.append(Difference(label, observed[label], float(low), float(high)))
    return out
