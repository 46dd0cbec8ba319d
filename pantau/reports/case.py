"""A report's way through Pantau, as pure functions: the event on `pantau.events`, the reported post the
rules judge, the `citizen_report` alert, a report attached to a case, and the status the reporter sees."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from pantau.domain.alerts import Provenance, excerpt
from pantau.domain.events import Account, Event
from pantau.domain.kinds import AlertType
from pantau.domain.roster import RosterEntry
from pantau.domain.rules import Detection
from pantau.domain.severity import SEVERITIES, severity
from pantau.reports.codes import event_id_for
from pantau.reports.intake import Report, content_key

CITIZEN_REPORT = AlertType.CITIZEN_REPORT
LATEST_CODES = 20  # on the alert itself; the store keeps every code of a case
RECEIVED, IN_REVIEW, FORWARDED, CLOSED = "received", "in_review", "forwarded", "closed"
STATUSES = (RECEIVED, IN_REVIEW, FORWARDED, CLOSED)


def report_event(report: Report, code: str, *, reporter: str, received_at: datetime, channel: str) -> dict[str, Any]:
    """The report as an input event (CONTRACT.md `action: report`). `reporter` is a pseudonym; the contact
    stays in the store and never travels on the topic."""
    return {
        "event_id": event_id_for(code),
        "platform": report.platform,
        "action": "report",
        "account": {"id": reporter},
        "text": report.text,
        "target": {"id": report.url, "author": report.handle, "text": report.content_text},
        "url": report.url,
        "created_at": received_at.isoformat(timespec="seconds"),
        "report": {"tracking_code": code, "channel": channel},
    }


def reported_post(event: Event, entry: RosterEntry | None) -> Event:
    """What the rules judge for a report: the reported account posting the pasted content. With a roster
    match by handle it is that account, so the neutrality rule sees a civil servant."""
    target = event.target
    handle = target.author if target else None
    return Event(
        event_id=event.event_id,
        platform=event.platform,
        action="post",
        account=Account(id=entry.account_id if entry else f"handle:{handle}", handle=handle),
        created_at=event.created_at,
        text=target.text if target else "",
        url=event.url,
        region=event.region or (entry.region if entry else None),
    )


def report_alert_id(platform: str, handle: str, url: str) -> str:
    """One case per reported account and content, however many report it."""
    basis = f"{CITIZEN_REPORT}\x1f{content_key(platform, handle, url)}"
    return f"{CITIZEN_REPORT}-" + hashlib.sha256(basis.encode()).hexdigest()[:24]


def report_evidence(event: Event, reports: int, codes: Sequence[str], excerpt_chars: int) -> dict[str, Any]:
    return {
        "kind": CITIZEN_REPORT,
        "reports": reports,
        "tracking_codes": ", ".join(codes),
        "latest_words": excerpt(event.text, excerpt_chars),
    }


def build_report_alert(
    event: Event,
    view: Event,
    detections: Sequence[Detection],
    *,
    asn: RosterEntry | None,
    thresholds: Mapping[str, float],
    model_version: str,
    detected_at: datetime,
    provenance: Provenance,
    excerpt_chars: int,
) -> dict[str, Any]:
    """The `citizen_report` alert: the reported account and content, what the rules found in the pasted
    content (their evidence and severity), the report count and tracking codes."""
    code = event.tracking_code or ""
    best = max(detections, key=lambda d: SEVERITIES.index(severity(d, view)), default=None)
    level = severity(best, view) if best else "low"
    if asn is not None and asn.bound:
        level = SEVERITIES[max(SEVERITIES.index(level), 1)]  # a bound civil servant reported: at least medium
    attribution = next((d.attribution for d in detections if d.attribution), None)
    rules = [{"kind": "rule", "rule": d.rule, "label": d.label, "score": round(d.score, 4)} for d in detections]
    handle = view.account.handle or ""
    return {
        "alert_id": report_alert_id(event.platform, handle, event.url or ""),
        "type": CITIZEN_REPORT,
        "severity": level,
        "event_id": event.event_id,
        "platform": event.platform,
        "action": event.action,
        "account": {"id": view.account.id, "handle": handle},
        "asn": {"nip_hash": asn.nip_hash, "name": asn.name, "opd": asn.opd, "status": asn.status, "region": asn.region}
        if asn
        else None,
        "candidate": attribution.as_dict() if attribution else None,
        "scores": {label: round(score, 4) for label, score in (best.scores if best else {}).items()},
        "thresholds": dict(thresholds),
        "model_version": model_version,
        "excerpt": excerpt(view.text or event.text, excerpt_chars),
        "url": event.url,
        "region": view.region,
        "phase": best.phase if best else None,
        "event_time": event.created_at.isoformat(),
        "detected_at": detected_at.isoformat(timespec="milliseconds"),
        "occurrences": 1,
        "prior_alerts": 0,
        "reports": 1,
        "tracking_codes": [code],
        "explanation": {"rule": CITIZEN_REPORT, "source": "target", "fired": [d.rule for d in detections]},
        "evidence": [
            report_evidence(event, 1, [code], excerpt_chars),
            *rules,
            *(item.as_dict() for d in detections for item in d.evidence),
        ],
        "source": {"topic": provenance.topic, "partition": provenance.partition, "offset": provenance.offset},
    }


def add_report(state: Mapping[str, Any], event: Event, excerpt_chars: int) -> dict[str, Any]:
    """An alert's state with one more report on it (any alert type: a report on content already alerted
    joins that case). The caller makes sure a tracking code is added once."""
    updated = dict(state)
    reports = int(updated.get("reports") or 0) + 1
    codes = [*(updated.get("tracking_codes") or []), event.tracking_code or ""][-LATEST_CODES:]
    updated.update(reports=reports, tracking_codes=codes, last_report_at=event.created_at.isoformat())
    item = report_evidence(event, reports, codes, excerpt_chars)
    evidence = [e for e in updated.get("evidence") or [] if e.get("kind") != CITIZEN_REPORT]
    updated["evidence"] = [item, *evidence]
    return updated


def public_status(triage: Mapping[str, Any] | None, *, attached: bool) -> str:
    """What a reporter may know of the case: received, in review, forwarded to Bawaslu, or closed. Nothing
    about who decided or why, unless staff publish an outcome (kept apart by the store)."""
    if not attached or not triage:
        return RECEIVED
    if triage.get("escalation_requested"):
        return FORWARDED
    status = triage.get("status")
    if status == "dismissed":
        return CLOSED
    if status in ("assigned", "confirmed"):
        return IN_REVIEW
    return RECEIVED
