"""What the alert and thresholds pages say around an alert: local time by region (WIB/WITA/WIT), what a like,
share or comment acted on, why the severity, whether it was escalated, who may still act; the what-if curve;
the escalation report's section numbers."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from dashboard.context import acted_on, alert_time, can_act, escalation, feed_zone, severity_why
from dashboard.curve import curve_svg
from dashboard.i18n import TEXT, translator
from dashboard.thresholds import in_force, may_change
from pantau.domain.alerts import Provenance, build_alert
from pantau.domain.events import Account, Event, Target
from pantau.domain.roster import RosterEntry
from pantau.domain.rules import Detection, Evidence
from pantau.domain.timezones import local_time, zone_of
from pantau.domain.whatif import WhatIfRow
from pantau.escalation.evidence import render_id
from tests.unit.fixtures import THRESHOLDS


@pytest.mark.parametrize(
    ("region", "zone"),
    [
        ("Kota Bengkulu", "WIB"),
        ("Jawa Barat", "WIB"),
        ("Kota Pontianak", "WIB"),  # Kalimantan Barat is WIB, unlike the rest of Kalimantan but Tengah
        ("Kota Banjarmasin", "WITA"),
        ("Kabupaten Banjar", "WITA"),
        ("Kota Makassar", "WITA"),
        ("Kota Denpasar", "WITA"),
        ("Kalsel", "WITA"),
        ("Sulawesi Selatan", "WITA"),
        ("Kota Jayapura", "WIT"),
        ("Kabupaten Merauke", "WIT"),
        ("Maluku Utara", "WIT"),
        ("Papua Barat Daya", "WIT"),
        ("Kota Ambon", "WIT"),
    ],
)
def test_the_region_sets_the_time_zone(region: str, zone: str) -> None:
    found = zone_of(region)
    assert found.zone == zone and found.known, region


def test_an_unknown_region_is_wib_and_says_so() -> None:
    assert zone_of("Kota Sukamaju").zone == "WIB" and not zone_of("Kota Sukamaju").known
    assert zone_of(None).zone == "WIB" and not zone_of(None).known
    assert zone_of("Pulau Sulawesi bagian tengah").zone == "WITA", "the island decides when nothing else does"
    assert zone_of("Kabupaten Bogor").zone == "WIB", "regencies of Java and Sumatra are not listed: WIB anyway"


def test_times_are_local_with_their_zone_in_either_language() -> None:
    utc = "2024-11-27T01:15:00+00:00"
    assert local_time(utc, "Kota Bengkulu").text == "27 Nov 2024 08:15 WIB"
    assert local_time(utc, "Kota Makassar").text == "27 Nov 2024 09:15 WITA"
    assert local_time(utc, "Kota Jayapura", "en").text == "27 Nov 2024 10:15 WIT"
    assert local_time("2024-08-17T10:00:00+07:00", "Kota Ambon").text == "17 Agu 2024 12:00 WIT"
    assert local_time("2024-08-17T10:00:00", "Kota Ambon").text == "17 Agu 2024 19:00 WIT", "naive is UTC"
    assert local_time("bukan waktu", "Kota Ambon").text == "bukan waktu"
    alert = {"region": None, "asn": {"region": "Kota Makassar"}}
    assert alert_time(utc, alert) == "27 Nov 2024 09:15 WITA", "the roster's region when the event has none"


def test_the_feed_chart_uses_the_zone_of_most_alerts() -> None:
    alerts = [{"region": "Kota Makassar"}, {"region": "Kota Denpasar"}, {"region": "Kota Bengkulu"}]
    assert feed_zone(alerts).zone == "WITA"
    assert feed_zone([]).zone == "WIB"


def test_every_phase_act_and_label_is_translated() -> None:
    from pantau.domain.candidates import PHASES
    from pantau.domain.labels import LABELS

    for key in [f"phase_{p}" for p in PHASES] + [f"label_{label}" for label in LABELS]:
        assert key in TEXT, key
    for key in ("act_post", "act_comment", "act_share", "act_like"):
        assert key in TEXT, key
    t = translator("id")
    assert t("phase_campaign") == "masa kampanye" and translator("en")("phase_campaign") == "campaign period"
    assert t("phase_unheard_of", "unheard_of") == "unheard_of", "an unknown value shows itself, not the key"


ROSTER = RosterEntry("x", "1", "@ana", "f" * 32, "Ana", "Dinas Pendidikan", "PNS", "Kota Makassar")


def _alert(rule: str, action: str, reach: int, phase: str | None, prior: int, score: float, claim: bool) -> dict:
    target = Target("t-1", "@paslon2_official", "Dukung paslon 2 untuk Makassar maju") if action != "post" else None
    event = Event(
        event_id="e-1",
        platform="x",
        action=action,
        account=Account("1", "@ana"),
        created_at=datetime(2024, 11, 20, 1, 0, tzinfo=UTC),
        text="teks sendiri" if action in ("post", "comment", "share") else "",
        target=target,
        region="Kota Makassar",
        metrics={"followers": reach},
    )
    label = {"asn_neutrality": "endorsement", "hoax": "hoax", "hate_sara": "hate_sara"}[rule]
    evidence = (Evidence("claim", {"title": "Klaim", "framing": "assertion"}),) if claim else ()
    detection = Detection(
        rule=rule,
        label=label,
        score=score,
        threshold=THRESHOLDS[label],
        source="target" if action in ("like", "share") else "text",
        scores={**THRESHOLDS, label: score},
        asn=ROSTER if rule == "asn_neutrality" else None,
        phase=phase,
        evidence=evidence,
    )
    return build_alert(
        event,
        detection,
        thresholds=THRESHOLDS,
        model_version="uji",
        detected_at=datetime(2024, 11, 20, 1, 0, 5, tzinfo=UTC),
        provenance=Provenance("pantau.events", 0, 1),
        excerpt_chars=280,
        prior_alerts=prior,
    )


CASES = list(
    itertools.product(
        ["asn_neutrality", "hoax", "hate_sara"],
        ["post", "share", "comment", "like"],
        [100, 12_000, 150_000],
        [None, "campaign", "quiet_period", "voting_day"],
        [0, 1, 4],
        [0.81, 0.9, 0.99],
        [False, True],
    )
)


def test_the_severity_explanation_adds_up_to_the_severity_the_worker_gave() -> None:
    """The page rebuilds pantau.domain.severity's points from the alert: if either changes alone, this fails."""
    for case in CASES:
        alert = _alert(*case)
        why = severity_why(alert)
        assert why is not None and why.matches, (case, alert["severity"], why)
        assert why.computed == alert["severity"]
    assert severity_why({"type": "mobilisation", "severity": "high"}) is None


def test_a_like_shows_whose_post_it_was_its_words_and_the_reach() -> None:
    like = acted_on(_alert("asn_neutrality", "like", 12_000, "campaign", 0, 0.9, False))
    assert like is not None
    assert (like.author, like.text, like.reach) == ("@paslon2_official", "Dukung paslon 2 untuk Makassar maju", 12_000)
    comment = acted_on(_alert("hate_sara", "comment", 100, None, 0, 0.9, False))
    assert comment is not None and comment.text == "Dukung paslon 2 untuk Makassar maju", "the post it answers"
    assert acted_on(_alert("hoax", "post", 100, None, 0, 0.9, True)) is None
    older = {"action": "like", "excerpt": "isi", "explanation": {"source": "target", "target_author": "@b"}}
    assert acted_on(older) == acted_on({**older, "target": None}), "alerts from before `target` still say it"


def test_escalation_says_by_whom_to_whom_and_how_far_it_got() -> None:
    triage = {"status": "confirmed", "history": [{"action": "escalate", "by": "ana", "at": "2024-11-20T02:00:00Z"}]}
    state = {
        "escalation_id": "esc-1",
        "status": "delivered",
        "reason": "staff_request",
        "addressed_to": "Bawaslu Kota Makassar",
        "delivered_at": "2024-11-20T02:00:03Z",
    }
    found = escalation(triage, [state])
    assert found is not None
    assert (found.requested_by, found.status, found.addressed_to, found.reason) == (
        "ana",
        "delivered",
        "Bawaslu Kota Makassar",
        "staff_request",
    )
    by_policy = escalation({"status": "new"}, [{"escalation_id": "esc-2", "status": "pending", "reason": "critical"}])
    assert by_policy is not None and by_policy.requested_by is None
    assert escalation({"status": "new", "history": []}, []) is None


def test_no_actions_on_a_dismissed_alert_and_none_for_the_read_role() -> None:
    triage_user, reader = {"role": "triage"}, {"role": "read"}
    assert can_act(triage_user, {"triage": {"status": "new"}})
    assert can_act(triage_user, {"triage": {"status": "confirmed"}})
    assert not can_act(triage_user, {"triage": {"status": "dismissed"}})
    assert not can_act(reader, {"triage": {"status": "new"}}) and not can_act(None, {})
    assert may_change(triage_user) and not may_change(reader) and not may_change(None)


def test_thresholds_in_force_name_their_source_and_last_change() -> None:
    changes = [
        {"name": "hoax", "new": "0.7", "old": "0.76", "by": "ana", "reason": "terlalu banyak"},
        {"name": "hoax", "new": "0.76", "old": "", "by": "budi", "reason": "awal"},
    ]
    rows = {r.name: r for r in in_force({"hoax": 0.76, "attack": 0.5}, {"hoax": 0.7}, changes)}
    assert rows["hoax"].value == 0.7 and rows["hoax"].live and rows["hoax"].last_change == changes[0]
    assert rows["attack"].value == 0.5 and not rows["attack"].live and rows["attack"].last_change is None


def test_the_what_if_curve_draws_both_series_and_marks_the_threshold_in_force() -> None:
    rows = [WhatIfRow(0.1 * i, 100.0 / i, i, 0.5 + 0.04 * i if i > 2 else None) for i in range(1, 10)]
    svg = str(curve_svg(rows, 0.7, per_day="alerts/day", precision="precision", in_force="in force", title="x<y"))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'class="volume"' in svg and 'class="precision"' in svg and svg.count("<circle") == 7
    assert 'class="current"' in svg and "in force 0.7" in svg
    assert "x&lt;y" in svg, "labels are escaped"
    empty = str(curve_svg([], None, per_day="a", precision="p", in_force="f", title="t"))
    assert "<path" not in empty


def test_the_escalation_report_numbers_its_sections_without_gaps() -> None:
    evidence = {
        "escalation_id": "esc-1",
        "addressed_to": "Bawaslu Kota Makassar",
        "reporting_body": {"name": "Diskominfo", "system": "Pantau"},
        "created_at": "2024-11-20T02:00:00Z",
        "reason": {"text": "permintaan petugas"},
        "reported_party": {"kind": "account", "accounts": []},
        "time_and_place": {"first_event_time": "t", "last_event_time": "t", "regions": [], "platforms": ["x"]},
        "incidents": [],
        "prior_alerts": [],
        "staff_decisions": [{"at": "t", "by": "ana", "action": "confirm"}],
        "sanction_ladder": {"stage": 1, "label": "teguran lisan", "previous_escalations": []},
    }
    text = render_id(evidence)
    numbers = [int(line[3]) for line in text.splitlines() if line.startswith("## ")]
    assert numbers == [1, 2, 3, 4, 5], text
