"""Threshold names and values. Pure. A name is a label (`hoax`) or a rule-specific override
(`asn_neutrality.endorsement`)."""

from __future__ import annotations

from pantau.claims.model import CLAIM_DEFAULTS
from pantau.domain.labels import LABELS
from pantau.domain.rules import RULES
from pantau.errors import PantauError


class ThresholdError(PantauError):
    """An unknown threshold name or a value outside 0..1."""


def threshold_names() -> list[str]:
    return [*LABELS, *(f"{rule}.{label}" for rule in RULES for label in LABELS), *CLAIM_DEFAULTS]


def validate(name: str, value: float) -> tuple[str, float]:
    if name not in threshold_names():
        raise ThresholdError(f"unknown threshold {name!r}; use a label {list(LABELS)} or RULE.LABEL")
    if not 0.0 <= value <= 1.0:
        raise ThresholdError(f"a threshold is a probability within 0..1, got {value}")
    return name, float(value)
