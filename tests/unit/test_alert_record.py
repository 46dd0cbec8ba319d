"""The typed Alert and its JSON: to_json is the wire format as the producers built it, key for key and in order."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pantau.domain.alert import Alert, TriageRecord
from pantau.domain.alerts import Provenance, build_alert
from pantau.domain.events import parse_event
from pantau.domain.kinds import AlertType, Severity, TriageStatus
from pantau.domain.rules import Detection, Evidence
from pantau.reports.case import add_report, build_report_alert, reported_post

AT = datetime(2024, 11, 20, 2, 0, tzinfo=UTC)
SCORES = {"endorsement": 0.1, "attack": 0.0, "political": 0.9, "hoax": 0.93, "hate_sara": 0.0}


def _event(**over: Any) -> Any:
    raw = {
        "event_id": "x-1",
        "platform": "x",
        "action": "share",
        "account": {"id": "42", "handle": "@budi"},
        "text": "lihat ini",
        "target": {"id": "t-9", "author": "@akun", "text": "Beredar kabar surat suara sudah dicoblos"},
        "url": "https://x.example/1",
        "created_at": "2024-11-20T08:15:00+07:00",
        "region": "Kota Bengkulu",
        **over,
    }
    import json

    return parse_event(json.dumps(raw).encode())


def _hoax() -> dict[str, Any]:
    claim = Evidence("claim", {"claim_id": "c-1", "title": "Surat suara", "similarity": 0.91, "framing": "assert"})
    detection = Detection("hoax", "claim", 0.91, 0.8, "target", SCORES, evidence=(claim,))
    return build_alert(
        _event(),
        detection,
        thresholds={"hoax": 0.8},
        model_version="m1",
        detected_at=AT,
        provenance=Provenance("pantau.events", 3, 99),
        excerpt_chars=100,
    )


def test_hoax_alert_to_json_is_the_wire_format_in_order() -> None:
    built = _hoax()
    alert = Alert.from_json(built)
    assert alert.type is AlertType.HOAX and alert.severity in tuple(Severity)
    assert alert.to_json() == built and list(alert.to_json()) == list(built)
    assert Alert.from_json(alert.to_json()) == alert
    assert alert.evidence_of("claim") is not None and alert.target is not None
    assert list(built) == [
        "alert_id", "type", "severity", "event_id", "platform", "action", "account", "asn", "candidate",
        "scores", "thresholds", "model_version", "excerpt", "url", "region", "phase", "event_time",
        "detected_at", "occurrences", "prior_alerts", "explanation", "evidence", "target", "source",
    ]  # fmt: skip


def test_citizen_report_alert_and_its_state_round_trip() -> None:
    report = _event(action="report", account={"id": "r-1"}, report={"tracking_code": "LPR-ABCD-EFGH"})
    view = reported_post(report, None)
    built = build_report_alert(
        report,
        view,
        [],
        asn=None,
        thresholds={"hoax": 0.8},
        model_version="m1",
        detected_at=AT,
        provenance=Provenance("pantau.events", 0, 1),
        excerpt_chars=100,
    )
    alert = Alert.from_json(built)
    assert alert.is_report and alert.to_json() == built and list(alert.to_json()) == list(built)
    state = {**built, "last_event_id": built["event_id"], "triage": {"status": "new"}, "stream_id": "1-0"}
    typed = Alert.from_json(state)
    assert typed.triage_status is TriageStatus.NEW and typed.extra == {"stream_id": "1-0"}
    assert list(typed.to_json()) == list(state) and typed.to_json() == state


def test_a_report_joining_a_hoax_state_keeps_its_keys() -> None:
    state = {**_hoax(), "last_event_id": "x-1", "triage": {"status": "new"}}
    report = _event(action="report", account={"id": "r-1"}, report={"tracking_code": "LPR-ABCD-EFGH"})
    joined = add_report(state, report, 100)
    assert Alert.from_json(joined).to_json() == joined and list(Alert.from_json(joined).to_json()) == list(joined)


def test_triage_record_kept_as_decided() -> None:
    raw = {"status": "confirmed", "decided_by": "ana", "decided_at": "t", "history": [{"action": "confirm"}]}
    record = TriageRecord.from_json({**raw, "escalation_requested": True})
    assert record.status is TriageStatus.CONFIRMED and record.escalation_requested and len(record.history) == 1


def test_old_stored_alert_without_optional_fields() -> None:
    old = {"alert_id": "hoax-1", "type": "hoax", "severity": "low", "event_id": "x-1", "platform": "x"}
    alert = Alert.from_json(old)
    assert alert.explanation is None and alert.evidence == () and alert.source is None and alert.occurrences == 1
    assert alert.triage is None and alert.target is None and alert.extra == {}
    assert Alert.from_json(alert.to_json()) == alert
