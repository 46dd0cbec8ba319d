"""Student first, teacher for the doubtful: the cascade the worker serves when a teacher is configured.

The student scores every text. A text whose score for any label lies within `band` of that label's threshold
in force is re-scored by the teacher, on the teacher's own thread, at most `max_per_batch` texts a batch
(a burst of doubtful texts keeps the student's scores for the rest rather than stalling the stream); the
teacher's scores then replace the student's for that text.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

from pantau.domain.labels import Scores


class Scorer(Protocol):
    version: str

    def predict(self, texts: Sequence[str]) -> list[Scores]: ...


class CascadeObserver(Protocol):
    def cascade(self, scored: int, escalated: int, skipped: int, seconds: float) -> None: ...


@dataclass(frozen=True, slots=True)
class CascadePolicy:
    band: float = 0.1
    max_per_batch: int = 64


def doubtful(scores: Sequence[Scores], thresholds: Mapping[str, float], band: float) -> list[int]:
    """Indices of texts with some label's score within `band` of its threshold."""
    return [
        i
        for i, row in enumerate(scores)
        if any(label in thresholds and abs(score - thresholds[label]) <= band for label, score in row.items())
    ]


class Cascade:
    def __init__(
        self,
        student: Scorer,
        teacher: Scorer,
        thresholds: Callable[[], Mapping[str, float]],
        policy: CascadePolicy = CascadePolicy(),
        observer: CascadeObserver | None = None,
    ) -> None:
        self._student = student
        self._teacher = teacher
        self._thresholds = thresholds
        self._policy = policy
        self._observer = observer
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pantau-teacher")
        self.version = f"{student.version}+teacher:{teacher.version}"

    def predict(self, texts: Sequence[str]) -> list[Scores]:
        scores = self._student.predict(texts)
        uncertain = doubtful(scores, self._thresholds(), self._policy.band)
        chosen = uncertain[: self._policy.max_per_batch]
        started = time.perf_counter()
        if chosen:
            future = self._executor.submit(self._teacher.predict, [texts[i] for i in chosen])
            for i, row in zip(chosen, future.result(), strict=True):
                scores[i] = row
        if self._observer is not None:
            seconds = time.perf_counter() - started if chosen else 0.0
            self._observer.cascade(len(texts), len(chosen), len(uncertain) - len(chosen), seconds)
        return scores
