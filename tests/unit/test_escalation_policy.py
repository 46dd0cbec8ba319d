"""Escalation policy, sanction ladder, evidence package and triage decisions (pure)."""

from __future__ import annotations

from typing import Any

import pytest

from pantau.domain.alert import Alert
from pantau.domain.triage import TriageError, apply_action
from pantau.escalation.evidence import build_evidence, render_id
from pantau.escalation.policy import (
    CRITICAL_ALERT,
    HOAX_REACH,
    REPEAT_OFFENDER,
    EscalationPolicy,
    alert_escalation_id,
    counts_toward_person,
    immediate_reason,
    ladder_step,
    person_due,
    person_escalation_id,
)
from pantau.runtime.retry import backoff_delay

POLICY = EscalationPolicy(hoax_reach=10_000, person_min_alerts=3, person_min_severity="high")


def alert(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "alert_id": "asn_-1",
        "type": "asn_neutrality",
        "severity": "high",
        "event_id": "e1",
        "platform": "facebook",
        "action": "share",
        "account": {"id": "77", "handle": "@siti"},
        "asn": {
            "nip_hash": "h1",
            "name": "Siti Aminah",
            "opd": "Dinas Pendidikan",
            "status": "PNS",
            "region": "Kota Sukamaju",
        },
        "candidate": {"region": "Kota Sukamaju", "number": 1, "names": ["Budi Santoso", "Rina Wulandari"]},
        "scores": {"endorsement": 0.93},
        "thresholds": {"endorsement": 0.43},
        "model_version": "m1",
        "excerpt": "Ayo coblos nomor 1!",
        "url": "https://fb.example/p/1",
        "region": "Kota Sukamaju",
        "event_time": "2024-11-20T08:15:00+07:00",
        "detected_at": "2024-11-20T01:15:01.000+00:00",
        "explanation": {
            "label": "endorsement",
            "score": 0.93,
            "threshold": 0.43,
            "candidate_span": "nomor 1",
            "reach": 1200,
        },
        "source": {"topic": "pantau.events", "partition": 0, "offset": 5},
        "triage": {"status": "new"},
    }
    return {**base, **over}


def test_critical_alerts_and_wide_hoaxes_escalate_at_once() -> None:
    assert immediate_reason(Alert.from_json(alert(severity="critical")), POLICY) == CRITICAL_ALERT
    wide = alert(type="hoax", asn=None, explanation={"reach": 20_000})
    assert immediate_reason(Alert.from_json(wide), POLICY) == HOAX_REACH
    assert immediate_reason(Alert.from_json(alert(type="hoax", explanation={"reach": 9_999})), POLICY) is None
    assert immediate_reason(Alert.from_json(alert()), POLICY) is None
    quiet = EscalationPolicy(critical_at_once=False)
    assert immediate_reason(Alert.from_json(alert(severity="critical")), quiet) is None


def test_person_rule_counts_serious_or_confirmed_neutrality_alerts_only() -> None:
    assert counts_toward_person(Alert.from_json(alert()), POLICY)
    assert not counts_toward_person(Alert.from_json(alert(severity="medium")), POLICY)
    assert counts_toward_person(Alert.from_json(alert(severity="low", triage={"status": "confirmed"})), POLICY)
    assert not counts_toward_person(Alert.from_json(alert(triage={"status": "dismissed"})), POLICY)
    assert not counts_toward_person(Alert.from_json(alert(type="hoax")), POLICY)
    assert not counts_toward_person(Alert.from_json(alert(asn=None)), POLICY)
    assert person_due(["a", "b", "c"], POLICY) and not person_due(["a", "a", "b"], POLICY)


def test_escalation_ids_are_deterministic() -> None:
    assert alert_escalation_id("x") == alert_escalation_id("x") != alert_escalation_id("y")
    assert person_escalation_id("h", ["b", "a"]) == person_escalation_id("h", ["a", "b", "a"])
    assert person_escalation_id("h", ["a"]) != person_escalation_id("h2", ["a"])


def test_the_ladder_climbs_one_rung_per_escalation_and_stops_at_the_top() -> None:
    assert [ladder_step(n).code for n in (1, 2, 3, 7)] == [
        "teguran_lisan",
        "surat_peringatan",
        "rekomendasi_sanksi",
        "rekomendasi_sanksi",
    ]


def test_policy_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        EscalationPolicy(person_min_severity="urgent")


def test_evidence_package_has_what_a_violation_report_needs() -> None:
    confirmed = alert(triage=apply_action(None, "escalate", by="ana", at="2024-11-20T02:00:00Z", reason="jelas"))
    evidence = build_evidence(
        escalation_id="esc-1",
        reason=REPEAT_OFFENDER,
        created_at="2024-11-20T03:00:00Z",
        alerts=[confirmed],
        prior_alerts=[alert(alert_id="asn_-0", severity="medium")],
        ladder_stage=2,
        previous_escalations=[{"escalation_id": "esc-0", "created_at": "2024-11-01T00:00:00Z"}],
        reporting_body="Diskominfo Sukamaju",
        audit_head=(41, "ab" * 32),
    )
    assert evidence["addressed_to"] == "Bawaslu Kota Sukamaju"
    assert evidence["reported_party"]["name"] == "Siti Aminah"
    assert evidence["reported_party"]["accounts"] == [{"platform": "facebook", "id": "77", "handle": "@siti"}]
    assert evidence["incidents"][0]["scores"] == {"endorsement": 0.93}
    assert evidence["incidents"][0]["model_version"] == "m1"
    assert evidence["staff_decisions"][0]["by"] == "ana"
    assert evidence["sanction_ladder"]["step"] == "surat_peringatan"
    assert evidence["audit"] == {"seq": 41, "hash": "ab" * 32}
    text = render_id(evidence)
    for phrase in (
        "Terlapor",
        "Siti Aminah",
        "membagikan konten kampanye yang mendukung pasangan calon nomor 1",
        "Surat peringatan",
        "ana: teruskan ke Bawaslu — jelas",
        "Peringatan sebelumnya",
    ):
        assert phrase in text


def test_triage_records_who_decided_and_why() -> None:
    t = apply_action(None, "assign", by="ana", at="t1", assignee="budi")
    assert t["status"] == "assigned" and t["assignee"] == "budi"
    t = apply_action(t, "dismiss", by="budi", at="t2", reason="akun parodi")
    assert t["status"] == "dismissed" and [h["action"] for h in t["history"]] == ["assign", "dismiss"]
    with pytest.raises(TriageError, match="reason"):
        apply_action(t, "dismiss", by="budi", at="t3")
    t = apply_action(t, "escalate", by="ana", at="t4")
    assert t["status"] == "confirmed" and t["escalation_requested"]
    with pytest.raises(TriageError, match="already"):
        apply_action(t, "escalate", by="ana", at="t5")
    with pytest.raises(TriageError, match="unknown"):
        apply_action(t, "delete", by="ana", at="t6")


def test_backoff_doubles_up_to_the_cap_with_jitter_in_the_upper_half() -> None:
    assert backoff_delay(1, base_s=2, max_s=60, rand=0.0) == 1.0
    assert backoff_delay(3, base_s=2, max_s=60, rand=1.0) == 8.0
    assert backoff_delay(20, base_s=2, max_s=60, rand=0.5) == 45.0
