"""Staff decisions as training data: a confirmed alert is a positive for the label that raised it, a
dismissed one a negative; every other label is unknown (masked), as in the research data sets. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pantau.domain.labels import LABELS, POLITICAL

SOURCE = "pantau-feedback"


def training_row(alert: Mapping[str, Any]) -> dict[str, Any] | None:
    """The alert's excerpt with its label, or None when staff have not confirmed or dismissed it."""
    triage = alert.get("triage") or {}
    status = triage.get("status")
    label = (alert.get("explanation") or {}).get("label")
    if status not in ("confirmed", "dismissed") or label not in LABELS or not alert.get("excerpt"):
        return None
    labels: dict[str, int | None] = dict.fromkeys(LABELS)
    labels[label] = 1 if status == "confirmed" else 0
    if status == "confirmed" and label in ("endorsement", "attack"):
        labels[POLITICAL] = 1  # campaigning for or against a contestant is about the election
    return {
        "text": alert["excerpt"],
        "labels": labels,
        "source": SOURCE,
        "alert_id": alert.get("alert_id"),
        "verdict": status,
        "decided_by": triage.get("decided_by"),
        "decided_at": triage.get("decided_at"),
        "model_version": alert.get("model_version"),
    }
