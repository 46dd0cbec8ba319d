"""Scoring a scenario run: the alerts raised per event against the alerts expected per event. Pure.

Each (event, alert type) is one decision: expected and raised is a true positive, raised only a false alarm,
expected only a miss. Precision, recall and F1 per alert type, plus the events behind every error.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pantau.errors import PantauError

ALERT_TYPES = ("asn_neutrality", "hoax", "hate_sara", "citizen_report", "mobilisation")


class ScenarioError(PantauError):
    """A scenario directory or one of its files is unusable."""


@dataclass(frozen=True, slots=True)
class TypeScore:
    type: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def expected(self) -> int:
        return self.true_positives + self.false_negatives

    @property
    def raised(self) -> int:
        return self.true_positives + self.false_positives

    @property
    def precision(self) -> float:
        # nothing raised and nothing expected is perfect; nothing raised when something was expected is not
        return self.true_positives / self.raised if self.raised else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "expected": self.expected,
            "raised": self.raised,
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class EventError:
    event_id: str
    missed: tuple[str, ...]  # expected, not raised
    false_alarms: tuple[str, ...]  # raised, not expected

    def as_dict(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "missed": list(self.missed), "false_alarms": list(self.false_alarms)}


@dataclass(frozen=True, slots=True)
class Report:
    events: int
    scores: tuple[TypeScore, ...]
    errors: tuple[EventError, ...]

    def score(self, alert_type: str) -> TypeScore:
        for item in self.scores:
            if item.type == alert_type:
                return item
        return TypeScore(alert_type, 0, 0, 0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "events": self.events,
            "per_type": {s.type: s.as_dict() for s in self.scores},
            "errors": [e.as_dict() for e in self.errors],
        }


def read_expected(lines: Iterable[str], where: str = "expected.jsonl") -> dict[str, frozenset[str]]:
    """`{"event_id": ..., "expect": [types]}` per line; blank lines are skipped."""
    expected: dict[str, frozenset[str]] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            event_id, types = row["event_id"], row.get("expect", [])
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
            raise ScenarioError(f"{where} line {number}: need {{'event_id': ..., 'expect': [...]}}") from None
        if not isinstance(event_id, str) or not isinstance(types, list) or not all(isinstance(t, str) for t in types):
            raise ScenarioError(f"{where} line {number}: event_id must be a string and expect a list of types")
        expected[event_id] = frozenset(types)
    return expected


def score(
    event_ids: Iterable[str],
    expected: Mapping[str, frozenset[str]],
    raised: Mapping[str, frozenset[str]],
    types: Iterable[str] = ALERT_TYPES,
) -> Report:
    """Every event of the scenario scored; an event without an expected line expects no alert, and alerts
    on events outside the scenario are ignored (they belong to something else on the same services)."""
    ids = list(dict.fromkeys(event_ids))
    known = set(ids)
    every_type = list(dict.fromkeys([*types, *(t for v in expected.values() for t in v)]))
    every_type += sorted({t for e, v in raised.items() if e in known for t in v} - set(every_type))
    counts = {t: [0, 0, 0] for t in every_type}
    errors = []
    for event_id in ids:
        want, got = expected.get(event_id, frozenset()), raised.get(event_id, frozenset())
        for alert_type in want | got:
            slot = 0 if alert_type in want and alert_type in got else 1 if alert_type in got else 2
            counts[alert_type][slot] += 1
        if want != got:
            errors.append(EventError(event_id, tuple(sorted(want - got)), tuple(sorted(got - want))))
    scores = tuple(TypeScore(t, *counts[t]) for t in every_type if any(counts[t]) or t in ALERT_TYPES[:3])
    return Report(len(ids), scores, tuple(errors))


def format_report(report: Report, *, misses: bool = False, describe: Mapping[str, str] | None = None) -> str:
    """A table per alert type, then (with `misses`) one line per event that was missed or falsely alarmed."""
    lines = [
        f"{report.events} events",
        f"{'type':16} {'expected':>8} {'raised':>7} {'precision':>9} {'recall':>7} {'F1':>6}",
    ]
    for s in report.scores:
        lines.append(
            f"{s.type:16} {s.expected:8d} {s.raised:7d} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f}"
            + f"   (tp {s.true_positives}, fp {s.false_positives}, fn {s.false_negatives})"
        )
    if misses:
        lines.append(f"\n{len(report.errors)} event(s) with a miss or a false alarm:")
        for error in report.errors:
            what = ", ".join([*(f"missed {t}" for t in error.missed), *(f"false {t}" for t in error.false_alarms)])
            detail = f"  {describe[error.event_id]}" if describe and error.event_id in describe else ""
            lines.append(f"  {error.event_id}: {what}{detail}")
    return "\n".join(lines)
