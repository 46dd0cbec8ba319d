"""The cascade: the teacher re-scores exactly the texts near a threshold, within the per-batch cap."""

from __future__ import annotations

from collections.abc import Sequence

from nlp.serving.cascade import Cascade, CascadePolicy, doubtful
from nlp.training.crosseval import cascade_scores, choose_thresholds, flag_rates
from nlp.training.data import Example
from pantau.domain.labels import LABELS, Scores


class Fixed:
    """A scorer with fixed scores; as a student it is unsure (hoax 0.52) of texts with a question mark."""

    def __init__(self, version: str, value: dict[str, float], unsure: bool = False) -> None:
        self.version = version
        self.value = value
        self.unsure = unsure
        self.calls: list[list[str]] = []

    def predict(self, texts: Sequence[str]) -> list[Scores]:
        self.calls.append(list(texts))
        return [{**self.value, "hoax": 0.52} if self.unsure and "?" in t else dict(self.value) for t in texts]


class Recorder:
    def __init__(self) -> None:
        self.seen: list[tuple[int, int, int]] = []

    def cascade(self, scored: int, escalated: int, skipped: int, seconds: float) -> None:
        self.seen.append((scored, escalated, skipped))


THRESHOLDS = {"endorsement": 0.5, "attack": 0.5, "political": 0.5, "hoax": 0.5, "hate_sara": 0.5}
CLEAR = {"endorsement": 0.05, "attack": 0.02, "political": 0.9, "hoax": 0.1, "hate_sara": 0.01}


def test_only_doubtful_texts_reach_the_teacher() -> None:
    student, teacher = Fixed("s", CLEAR, unsure=True), Fixed("t", {**CLEAR, "hoax": 0.99})
    observer = Recorder()
    cascade = Cascade(student, teacher, lambda: THRESHOLDS, CascadePolicy(band=0.05), observer)
    scores = cascade.predict(["plain", "doubtful?", "plain too"])
    assert teacher.calls == [["doubtful?"]]
    assert [round(s["hoax"], 2) for s in scores] == [0.1, 0.99, 0.1]
    assert observer.seen == [(3, 1, 0)]
    assert cascade.version == "s+teacher:t"


def test_the_cap_keeps_student_scores_for_the_rest() -> None:
    student, teacher = Fixed("s", CLEAR, unsure=True), Fixed("t", {**CLEAR, "hoax": 0.99})
    observer = Recorder()
    cascade = Cascade(student, teacher, lambda: THRESHOLDS, CascadePolicy(band=0.05, max_per_batch=2), observer)
    scores = cascade.predict(["a?", "b?", "c?"])
    assert teacher.calls == [["a?", "b?"]] and scores[2]["hoax"] == 0.52
    assert observer.seen == [(3, 2, 1)]


def test_doubtful_follows_live_thresholds() -> None:
    rows = [{**CLEAR, "hoax": 0.3}]
    assert doubtful(rows, THRESHOLDS, 0.1) == []
    assert doubtful(rows, {**THRESHOLDS, "hoax": 0.35}, 0.1) == [0]


def test_offline_cascade_and_flag_rates() -> None:
    student = [[0.1, 0.1, 0.1, 0.48, 0.1], [0.1, 0.1, 0.1, 0.9, 0.1]]
    teacher = [[0.2, 0.2, 0.2, 0.95, 0.2], [0.0, 0.0, 0.0, 0.0, 0.0]]
    merged, share = cascade_scores(student, teacher, THRESHOLDS, 0.05)
    assert merged == [teacher[0], student[1]] and share == 0.5
    assert flag_rates(merged, THRESHOLDS)["hoax"] == 1.0


def test_thresholds_chosen_on_validation_favour_precision() -> None:
    val = [Example(str(i), {label: None for label in LABELS} | {"hoax": int(i < 40)}, "x") for i in range(100)]
    scores = [[0.0, 0.0, 0.0, 0.8 if i < 40 else (0.6 if i < 50 else 0.1), 0.0] for i in range(100)]
    chosen = choose_thresholds(val, scores)
    assert 0.6 < chosen["hoax"] <= 0.8
    assert chosen["attack"] == 0.5  # too few positives: the neutral fallback
