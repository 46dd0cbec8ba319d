"""When an alert goes to Bawaslu, and which rung of the sanction ladder a person is on. Pure.

Three ways in: an alert serious enough on its own (critical, or a hoax reaching many people); a person
bound to neutrality with N or more serious or staff-confirmed alerts within D days; a staff member's
explicit request. An alert is escalated individually at most once, and an alert that went to Bawaslu
does not count again towards its person's next escalation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pantau.domain.alert import Alert
from pantau.domain.kinds import AlertType, Severity, TriageStatus
from pantau.domain.severity import SEVERITIES

CRITICAL_ALERT = "critical_alert"
HOAX_REACH = "hoax_reach"
REPEAT_OFFENDER = "repeat_offender"
STAFF_REQUEST = "staff_request"
CLAIM_SPREAD = "claim_spread"
REASONS = (CRITICAL_ALERT, HOAX_REACH, REPEAT_OFFENDER, STAFF_REQUEST, CLAIM_SPREAD)

REASON_TEXT_ID = {
    CRITICAL_ALERT: "Peringatan berstatus kritis",
    HOAX_REACH: "Hoaks dengan jangkauan luas",
    REPEAT_OFFENDER: "Pelanggaran berulang oleh ASN yang sama",
    STAFF_REQUEST: "Dikonfirmasi dan diteruskan oleh petugas pemantau",
    CLAIM_SPREAD: "Hoaks yang sudah dicek diulang banyak akun di satu wilayah",
}


@dataclass(frozen=True, slots=True)
class LadderStep:
    code: str
    label_id: str
    label_en: str


# teguran lisan → surat peringatan → rekomendasi sanksi: each further escalation of one person climbs a rung.
LADDER = (
    LadderStep("teguran_lisan", "Teguran lisan", "Verbal warning"),
    LadderStep("surat_peringatan", "Surat peringatan", "Warning letter"),
    LadderStep("rekomendasi_sanksi", "Rekomendasi sanksi", "Sanction recommendation"),
)


def ladder_step(stage: int) -> LadderStep:
    """The rung for a person's `stage`-th escalation (1-based); past the top it stays at the top."""
    return LADDER[max(1, min(stage, len(LADDER))) - 1]


@dataclass(frozen=True, slots=True)
class EscalationPolicy:
    critical_at_once: bool = True
    hoax_reach: int = 50_000
    person_min_alerts: int = 3
    person_window_days: int = 30
    person_min_severity: str = "high"
    claim_accounts: int = 5  # a known hoax repeated by this many accounts in one region ... (0: off)
    claim_window_hours: int = 24  # ... within this many hours

    def __post_init__(self) -> None:
        if self.person_min_severity not in SEVERITIES:
            raise ValueError(f"person_min_severity must be one of {SEVERITIES}")
        if self.person_min_alerts < 1 or self.person_window_days < 1:
            raise ValueError("person_min_alerts and person_window_days must be at least 1")

    @property
    def window_s(self) -> int:
        return self.person_window_days * 86400


def immediate_reason(alert: Alert, policy: EscalationPolicy) -> str | None:
    """Why this alert alone goes to Bawaslu now, or None."""
    if policy.critical_at_once and alert.severity == Severity.CRITICAL:
        return CRITICAL_ALERT
    reach = (alert.explanation.reach if alert.explanation else None) or 0
    if alert.type == AlertType.HOAX and policy.hoax_reach > 0 and reach >= policy.hoax_reach:
        return HOAX_REACH
    return None


def counts_toward_person(alert: Alert, policy: EscalationPolicy) -> bool:
    """A neutrality alert about a roster person that is serious, or confirmed by staff, and not dismissed."""
    if alert.type != AlertType.ASN_NEUTRALITY or not (alert.asn and alert.asn.nip_hash):
        return False
    status = alert.triage_status
    if status == TriageStatus.DISMISSED:
        return False
    serious = SEVERITIES.index(alert.severity) >= SEVERITIES.index(policy.person_min_severity)
    return serious or status == TriageStatus.CONFIRMED


def person_due(pending_alert_ids: Iterable[str], policy: EscalationPolicy) -> bool:
    return len(set(pending_alert_ids)) >= policy.person_min_alerts


def alert_escalation_id(alert_id: str) -> str:
    """One id per alert, whatever the reason: an alert is escalated individually at most once."""
    return "esc-" + hashlib.sha256(f"alert\x1f{alert_id}".encode()).hexdigest()[:24]


def person_escalation_id(nip_hash: str, alert_ids: Iterable[str]) -> str:
    """The same person and the same alerts give the same id, so re-evaluation after a crash adds nothing."""
    basis = "\x1f".join(("person", nip_hash, *sorted(set(alert_ids))))
    return "esc-" + hashlib.sha256(basis.encode()).hexdigest()[:24]


def known_claim_id(alert: Alert) -> str | None:
    """The fact-checked claim a hoax alert repeats (asserted, not asked about), if any."""
    if alert.type != AlertType.HOAX:
        return None
    for item in alert.evidence:
        if item.kind == "claim" and item.detail.get("framing") != "question":
            return str(item.detail.get("claim_id"))
    return None


def claim_spread_due(alert: Alert, earlier: Iterable[Mapping[str, Any]], policy: EscalationPolicy) -> bool:
    """This alert's account is the one that makes `claim_accounts` distinct accounts repeating the same known
    hoax in the alert's region within the window (`earlier`: the claim's hits up to this alert). Exactly one
    alert crosses the line, so the claim's spread in a region is escalated once per window."""
    if policy.claim_accounts <= 0 or known_claim_id(alert) is None:
        return False
    region = alert.region
    me = (alert.platform, (alert.account.handle or alert.account.id) if alert.account else None)
    others = {(h.get("platform"), h.get("handle")) for h in earlier if h.get("region") == region} - {me}
    return len(others) + 1 == policy.claim_accounts
