"""The n-gram scorer blended with the model: fitted on a toy corpus, saved, loaded by the engine."""

import shutil
from pathlib import Path

import numpy as np
import pytest

from nlp.serving.engine import Classifier
from nlp.serving.sparse import FILE, SparseScorer, choose_blend, fit, mix
from nlp.training.tiny import build_tiny_model
from pantau.domain.labels import HOAX, LABELS

HOAXES = ["server kpu diretas hacker", "surat suara sudah dicoblos duluan", "vaksin mengandung chip pelacak"]
CHATTER = ["macet parah pagi ini", "alhamdulillah panen cabai", "ada yang tahu bakso enak"]


def labelled(texts: list[str], hoax: int) -> list[dict[str, int | None]]:
    return [{label: (hoax if label == HOAX else None) for label in LABELS} for _ in texts]


@pytest.fixture(scope="module")
def scorer() -> SparseScorer:
    texts = HOAXES * 3 + CHATTER * 3
    labels = labelled(HOAXES * 3, 1) + labelled(CHATTER * 3, 0)
    for label in LABELS:  # every label needs both classes somewhere
        if label != HOAX:
            labels[0] = {**labels[0], label: 1}
            labels[-1] = {**labels[-1], label: 0}
    return fit(texts, labels)


def test_ngrams_rank_a_typo_of_a_hoax_above_chatter(scorer: SparseScorer) -> None:
    p = scorer.probabilities(["server kpu sudah diretas hackr", "macet pagi ini parah"])
    j = LABELS.index(HOAX)
    assert p[0, j] > p[1, j]


def test_blend_weight_is_chosen_per_label_and_ties_go_to_the_model(scorer: SparseScorer) -> None:
    texts, labels = HOAXES + CHATTER, labelled(HOAXES, 1) + labelled(CHATTER, 0)
    perfect = np.tile(np.array([[0.5] * len(LABELS)], np.float32), (6, 1))
    perfect[:3, LABELS.index(HOAX)] = 0.9
    chosen = choose_blend(scorer, texts, labels, perfect)
    assert chosen.blend[LABELS.index(HOAX)] == 1.0  # the model alone already ranks perfectly
    assert all(chosen.blend[j] == 1.0 for j, label in enumerate(LABELS) if label != HOAX)  # no validation rows


def test_engine_blends_when_the_file_is_there(scorer: SparseScorer, tmp_path: Path) -> None:
    model = build_tiny_model(tmp_path / "tiny")
    plain = Classifier(model).predict(HOAXES)
    blended_dir = tmp_path / "blended"
    shutil.copytree(model, blended_dir)
    half = SparseScorer(scorer.idf_words, scorer.idf_chars, scorer.coef, scorer.intercept, np.full(5, 0.5))
    half.save(blended_dir)
    assert (blended_dir / FILE).is_file()
    classifier = Classifier(blended_dir)
    assert "+ngrams-" in classifier.version
    blended = classifier.predict(HOAXES)
    ngrams = half.probabilities(HOAXES)
    for row, base, ng in zip(blended, plain, ngrams, strict=True):
        for j, label in enumerate(LABELS):
            expected = mix(np.array(base[label]), np.array(ng[j]), 0.5)
            assert abs(row[label] - float(expected)) < 2e-3  # float16 on disk
            assert min(base[label], ng[j]) - 1e-3 <= row[label] <= max(base[label], ng[j]) + 1e-3
    assert Classifier(blended_dir, ngrams=False).predict(HOAXES) == plain
