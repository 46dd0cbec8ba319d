"""The paired bootstrap that says whether a PR-AUC gap between two systems is real or noise."""

from __future__ import annotations

import random

from nlp.training.data import Example
from nlp.training.metrics import paired_bootstrap
from pantau.domain.labels import HOAX, LABELS


def _examples(n: int, seed: int = 1) -> list[Example]:
    rng = random.Random(seed)
    return [
        Example(f"t{i}", {label: None for label in LABELS} | {HOAX: int(rng.random() < 0.3)}, "s") for i in range(n)
    ]


def _scores(examples: list[Example], noise: float, seed: int) -> list[list[float]]:
    rng = random.Random(seed)
    j = LABELS.index(HOAX)
    rows = []
    for ex in examples:
        row = [0.0] * len(LABELS)
        row[j] = (1 - noise) * float(ex.labels[HOAX] or 0) + noise * rng.random()
        rows.append(row)
    return rows


def test_a_system_against_itself_is_level() -> None:
    examples = _examples(300)
    scores = _scores(examples, 0.8, 2)
    label, macro = paired_bootstrap(examples, scores, scores, (HOAX,), rounds=200)
    assert label.observed == 0.0 and macro.observed == 0.0
    assert label.low <= 0.0 <= label.high and label.verdict == "level (within noise)"


def test_a_clearly_better_system_is_ahead_and_the_worse_one_behind() -> None:
    examples = _examples(400)
    good, poor = _scores(examples, 0.5, 3), _scores(examples, 0.99, 4)
    ahead = paired_bootstrap(examples, good, poor, (HOAX,), rounds=200)[-1]
    behind = paired_bootstrap(examples, poor, good, (HOAX,), rounds=200)[-1]
    assert ahead.label == "macro" and ahead.low > 0 and ahead.verdict == "ahead"
    assert behind.high < 0 and behind.verdict == "behind"
    assert ahead.low <= ahead.observed <= ahead.high


def test_few_positives_give_a_wide_interval() -> None:
    """Six positives (the in-domain `attack` label) cannot separate two decent systems."""
    examples = [Example(f"t{i}", {label: None for label in LABELS} | {HOAX: int(i < 6)}, "s") for i in range(600)]
    a = _scores(examples, 0.9, 6)
    b = _scores(examples, 0.9, 7)
    d = paired_bootstrap(examples, a, b, (HOAX,), rounds=300)[0]
    assert d.high - d.low > 0.05
