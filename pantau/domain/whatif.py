"""Threshold what-if: for a range of thresholds on one label, the alerts per day that label would have
raised and the precision staff triage implies, from recorded scores. Pure.

An estimate, and an upper bound on volume: it re-applies one threshold, not the whole rule (candidate
attribution, the political score and roster checks stay as they were when the events were scored); for
endorsement and attack only events of neutrality-bound roster accounts count, since nobody else can raise
a neutrality alert.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pantau.domain.labels import LABELS

RULE_OF_LABEL = {"endorsement": "asn_neutrality", "attack": "asn_neutrality", "hoax": "hoax", "hate_sara": "hate_sara"}


@dataclass(frozen=True, slots=True)
class ScoreSample:
    scores: dict[str, float]
    bound: bool


@dataclass(frozen=True, slots=True)
class Triaged:
    """An alert staff decided on: its score on the label, and whether they confirmed it."""

    score: float
    confirmed: bool


@dataclass(frozen=True, slots=True)
class WhatIfRow:
    threshold: float
    alerts_per_day: float
    triaged: int
    precision: float | None  # None: no triaged alert at or above this threshold


def grid(start: float = 0.05, stop: float = 0.95, step: float = 0.05) -> list[float]:
    count = round((stop - start) / step) + 1
    return [round(start + i * step, 4) for i in range(count)]


def what_if(
    label: str,
    samples: Sequence[ScoreSample],
    triaged: Sequence[Triaged],
    *,
    days: float,
    thresholds: Sequence[float],
) -> list[WhatIfRow]:
    if label not in RULE_OF_LABEL:
        raise ValueError(f"no alert rule uses {label!r} directly; one of {sorted(RULE_OF_LABEL)}")
    if label not in LABELS or days <= 0:
        raise ValueError("unknown label or empty window")
    needs_roster = RULE_OF_LABEL[label] == "asn_neutrality"
    scores = [s.scores.get(label, 0.0) for s in samples if s.bound or not needs_roster]
    rows = []
    for threshold in thresholds:
        above = [t for t in triaged if t.score >= threshold]
        confirmed = sum(1 for t in above if t.confirmed)
        rows.append(
            WhatIfRow(
                threshold=threshold,
                alerts_per_day=round(sum(1 for s in scores if s >= threshold) / days, 2),
                triaged=len(above),
                precision=round(confirmed / len(above), 3) if above else None,
            )
        )
    return rows
