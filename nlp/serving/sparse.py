"""Character and word n-grams beside the transformer: a hashed TF-IDF logistic regression per label, blended
with the student's scores per label (mean log-odds) (`sparse.npz` in the model directory; the engine blends whenever
the file is there).

Why: the TF-IDF baseline stays ahead of the distilled student on text close to one training source, where
exact spellings (slang, leetspeak, hashtags) carry the label, while the student is ahead across sources. The
blend takes both. Hashing (no vocabulary to ship) keeps the file a few MB; the blend weight of each label is
chosen on the validation split, never on a test or cross-source set.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from nlp.serving.normalize import normalize
from pantau.domain.labels import LABELS

FILE = "sparse.npz"
BITS = 18  # buckets per analyser: 262,144 word and 262,144 character features
WEIGHTS = [w / 10 for w in range(11)]  # the student's share in the blend, tried on validation
BLEND_RULE = "mean-log-odds"  # part of the version: the same files blended another way score differently


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1.0 - 1e-6)
    return np.asarray(np.log(p / (1.0 - p)))


def mix(student: np.ndarray, ngrams: np.ndarray, share: np.ndarray | float) -> np.ndarray:
    """The weighted mean of the two log-odds (a product of experts): a confident part is not averaged away
    by a hesitant one as a mean of probabilities would (validation macro PR-AUC 0.768 against 0.757 at 0.5)."""
    z = share * _logit(student) + (1.0 - share) * _logit(ngrams)
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float32)


def _vectorizers() -> tuple[Any, Any]:
    from sklearn.feature_extraction.text import HashingVectorizer

    common = {"preprocessor": normalize, "n_features": 1 << BITS, "alternate_sign": False, "norm": None}
    return (
        HashingVectorizer(analyzer="word", ngram_range=(1, 2), **common),
        HashingVectorizer(analyzer="char_wb", ngram_range=(2, 5), **common),
    )


def _tfidf(counts: Any, idf: np.ndarray) -> Any:
    """Sublinear term frequency times IDF, L2-normalised per row (as the baseline's TfidfVectorizer does)."""
    from sklearn.preprocessing import normalize as l2

    x = counts.tocsr().astype(np.float32)
    x.data = (1.0 + np.log(x.data)) * idf[x.indices]
    return l2(x)


def _features(texts: Sequence[str], idf: tuple[np.ndarray, np.ndarray]) -> Any:
    from scipy.sparse import hstack

    words, chars = _vectorizers()
    return hstack([_tfidf(words.transform(texts), idf[0]), _tfidf(chars.transform(texts), idf[1])]).tocsr()


def _idf(counts: Any) -> np.ndarray:
    df = np.bincount(counts.tocsr().indices, minlength=counts.shape[1]).astype(np.float32)
    n = counts.shape[0]
    return (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)


@dataclass(frozen=True)
class SparseScorer:
    idf_words: np.ndarray
    idf_chars: np.ndarray
    coef: np.ndarray  # (labels, features)
    intercept: np.ndarray  # (labels,)
    blend: np.ndarray  # (labels,): the student's share; 1.0 leaves a label to the student

    @cached_property
    def _columns(self) -> np.ndarray:
        """The coefficients feature-major and contiguous: a sparse row times them touches only its features."""
        return np.ascontiguousarray(self.coef.T)

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        x = _features(texts, (self.idf_words, self.idf_chars))
        logits = np.asarray(x @ self._columns) + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-logits)), dtype=np.float32)

    def blend_rows(self, texts: Sequence[str], student: np.ndarray) -> np.ndarray:
        return mix(student, self.probabilities(texts), self.blend)

    def save(self, model_dir: Path) -> None:
        np.savez_compressed(
            model_dir / FILE,
            idf_words=self.idf_words.astype(np.float16),
            idf_chars=self.idf_chars.astype(np.float16),
            coef=self.coef.astype(np.float16),
            intercept=self.intercept,
            blend=self.blend,
            labels=np.array(LABELS),
        )

    @classmethod
    def load(cls, model_dir: Path) -> SparseScorer | None:
        path = model_dir / FILE
        if not path.is_file():
            return None
        with np.load(path) as f:
            if tuple(str(x) for x in f["labels"]) != LABELS:
                raise ValueError(f"{path} was fitted for labels {list(f['labels'])}, not {list(LABELS)}")
            return cls(
                f["idf_words"].astype(np.float32),
                f["idf_chars"].astype(np.float32),
                f["coef"].astype(np.float32),
                f["intercept"].astype(np.float32),
                f["blend"].astype(np.float32),
            )

    def digest(self) -> str:
        return hashlib.sha256(BLEND_RULE.encode() + self.coef.tobytes() + self.blend.tobytes()).hexdigest()[:8]


def fit(train_texts: Sequence[str], train_labels: Sequence[dict[str, int | None]], seed: int = 13) -> SparseScorer:
    """One balanced logistic regression per label on the rows that label is annotated on (blend 0: n-grams
    only, until `choose_blend`)."""
    from sklearn.linear_model import LogisticRegression

    words, chars = _vectorizers()
    idf = (_idf(words.transform(train_texts)), _idf(chars.transform(train_texts)))
    x = _features(train_texts, idf)
    coef = np.zeros((len(LABELS), x.shape[1]), np.float32)
    intercept = np.zeros(len(LABELS), np.float32)
    for j, label in enumerate(LABELS):
        rows = [i for i, labels in enumerate(train_labels) if labels[label] is not None]
        y = [train_labels[i][label] for i in rows]
        clf = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced", random_state=seed)
        clf.fit(x[rows], y)
        coef[j], intercept[j] = clf.coef_[0], clf.intercept_[0]
    return SparseScorer(idf[0], idf[1], coef, intercept, np.zeros(len(LABELS), np.float32))


def choose_blend(
    scorer: SparseScorer,
    val_texts: Sequence[str],
    val_labels: Sequence[dict[str, int | None]],
    student: np.ndarray,
) -> SparseScorer:
    """Per label, the student's share with the best validation PR-AUC (ties go to the student)."""
    from sklearn.metrics import average_precision_score

    sparse = scorer.probabilities(val_texts)
    blend = np.ones(len(LABELS), np.float32)
    for j, label in enumerate(LABELS):
        rows = [i for i, labels in enumerate(val_labels) if labels[label] is not None]
        y = [val_labels[i][label] for i in rows]
        if len(set(y)) < 2:
            continue
        best = max(
            reversed(WEIGHTS),
            key=lambda w: average_precision_score(y, mix(student[rows, j], sparse[rows, j], w)),
        )
        blend[j] = best
    return SparseScorer(scorer.idf_words, scorer.idf_chars, scorer.coef, scorer.intercept, blend)
