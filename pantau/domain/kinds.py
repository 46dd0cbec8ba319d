"""The closed vocabularies of Pantau's records (CONTRACT.md). StrEnums: each member is its string, so what is
stored and sent stays the same text, and a stored value compares equal to its member."""

from __future__ import annotations

from enum import StrEnum


class AlertType(StrEnum):
    """An alert's `type`; a detection's rule carries the same name."""

    ASN_NEUTRALITY = "asn_neutrality"
    HOAX = "hoax"
    HATE_SARA = "hate_sara"
    CITIZEN_REPORT = "citizen_report"
    MOBILISATION = "mobilisation"  # in CONTRACT.md; no producer yet


class Severity(StrEnum):
    """Low → critical, in this order (their index ranks them)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class TriageStatus(StrEnum):
    NEW = "new"
    ASSIGNED = "assigned"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


class TriageAction(StrEnum):
    CONFIRM = "confirm"
    DISMISS = "dismiss"
    ASSIGN = "assign"
    ESCALATE = "escalate"


class EventAction(StrEnum):
    """An input event's `action`; `report` is a citizen's report."""

    POST = "post"
    COMMENT = "comment"
    SHARE = "share"
    LIKE = "like"
    REPORT = "report"


SEVERITIES: tuple[Severity, ...] = tuple(Severity)
