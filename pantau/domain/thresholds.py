"""Threshold names and values. Pure. A name is a label (`hoax`) or a rule-specific override
(`asn_neutrality.endorsement`)."""

from __future__ import annotations

from collections.abc import Mapping

from pantau.claims.model import CLAIM_DEFAULTS, threshold_defaults
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


def thresholds_in_force(
    labels: Mapping[str, float],
    overrides: Mapping[str, float] | None = None,
    *,
    labels_configured: bool | None = None,
) -> dict[str, float]:
    """The one merge of thresholds, lowest layer first: the hoax rule's and claim matching's defaults
    (`threshold_defaults`, left out where labels_configured is None: GET /api/thresholds shows the labels
    only, and a worker's cache holds them in its defaults already), the label thresholds of the settings
    (DEFAULT_THRESHOLDS beneath PANTAU_THRESHOLDS), then the live overrides of the threshold store."""
    beneath = {} if labels_configured is None else threshold_defaults(labels_configured)
    return {**beneath, **labels, **(overrides or {})}
