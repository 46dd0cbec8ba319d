from dataclasses import replace
from datetime import UTC, datetime

from pantau.domain.alerts import Provenance, alert_id, build_alert, excerpt
from pantau.domain.events import Account, Event, Target
from pantau.domain.rules import Detection, Evidence, evaluate, scoring_sources
from pantau.domain.severity import severity
from tests.unit.fixtures import THRESHOLDS

LOW = {"endorsement": 0.1, "attack": 0.1, "political": 0.1, "hoax": 0.1, "hate_sara": 0.1}


def event(action: str = "post", text: str = "teks", target: str = "", followers: int = 10) -> Event:
    return Event(
        event_id="e-1",
        platform="x",
        action=action,
        account=Account("1", "@a"),
        created_at=datetime(2024, 11, 20, 1, 0, tzinfo=UTC),
        text=text,
        target=Target("t", "@b", target) if target else None,
        metrics={"followers": followers},
    )


def test_alert_id_is_deterministic_and_rule_specific() -> None:
    assert alert_id(event(), "hoax") == alert_id(event(), "hoax")
    assert alert_id(event(), "hoax") != alert_id(event(), "hate_sara")
    assert alert_id(event(), "hoax") != alert_id(replace(event(), event_id="e-2"), "hoax")
    assert alert_id(event(), "hoax").startswith("hoax-")
    full = alert_id(event(), "asn_neutrality")
    assert full.startswith("asn_neutrality-") and len(full.split("-")[1]) == 24, "the rule's whole name, then the hash"


def test_same_account_acting_on_the_same_content_shares_one_alert_id() -> None:
    first = event("like", text="", target="coblos 2")
    again = replace(first, event_id="e-99")
    other_account = replace(first, account=Account("2", "@b"))
    assert alert_id(first, "asn_neutrality") == alert_id(again, "asn_neutrality")
    assert alert_id(first, "asn_neutrality") != alert_id(other_account, "asn_neutrality")


def test_post_scoring_own_text() -> None:
    found = evaluate(event(), {"text": {**LOW, "hoax": 0.95}}, THRESHOLDS).detections
    assert [(d.rule, d.source, d.score) for d in found] == [("hoax", "text", 0.95)]


def test_share_answers_for_the_shared_text() -> None:
    ev = event("share", text="", target="hoaks")
    found = evaluate(ev, {"target": {**LOW, "hate_sara": 0.9}}, THRESHOLDS).detections
    assert [(d.rule, d.source) for d in found] == [("hate_sara", "target")]


def test_like_and_comment_target_raise_no_content_alert() -> None:
    scores = {"target": {**LOW, "hoax": 0.99}}
    assert evaluate(event("like", text="", target="x"), scores, THRESHOLDS).detections == []
    comment = evaluate(event("comment", text="ok", target="x"), {**scores, "text": LOW}, THRESHOLDS)
    assert comment.detections == []


def test_threshold_is_inclusive() -> None:
    assert evaluate(event(), {"text": {**LOW, "hoax": 0.8}}, {**THRESHOLDS, "hoax": 0.8}).detections
    assert not evaluate(event(), {"text": {**LOW, "hoax": 0.79}}, {**THRESHOLDS, "hoax": 0.8}).detections


def test_scoring_sources_skip_blank_texts() -> None:
    assert scoring_sources(event("share", text="  ", target="isi")) == {"target": "isi"}


def test_severity_rises_with_margin_and_reach() -> None:
    def sev(score: float, followers: int = 10) -> str:
        return severity(Detection("hate_sara", "hate_sara", score, 0.8, "text", {}), event(followers=followers))

    assert sev(0.81) == "low"
    assert sev(0.9) == "medium"
    assert sev(0.99) == "high"
    assert sev(0.99, followers=50_000) == "critical"
    assert sev(0.81, followers=50_000) == "medium"
    style_only = Detection("hoax", "hoax", 0.99, 0.8, "text", {})  # no known claim behind it: stays low
    assert severity(style_only, event(followers=500_000), 5) == "low"
    claim = (Evidence("claim", {"claim_id": "c-1", "similarity": 1.0, "framing": "assert"}),)
    known = Detection("hoax", "claim", 1.0, 0.7, "text", {}, evidence=claim)  # reach ranks a known hoax
    assert [severity(known, event(followers=f)) for f in (10, 20_000, 200_000)] == ["medium", "high", "critical"]


def test_build_alert_has_every_contract_field() -> None:
    ev = event(text="Beredar kabar " * 40)
    detection = Detection("hoax", "hoax", 0.93, 0.8, "text", {**LOW, "hoax": 0.93})
    alert = build_alert(
        ev,
        detection,
        thresholds=THRESHOLDS,
        model_version="m1",
        detected_at=datetime(2024, 11, 20, 2, 0, tzinfo=UTC),
        provenance=Provenance("pantau.events", 3, 99),
        excerpt_chars=100,
    )
    contract = {
        "alert_id",
        "type",
        "severity",
        "event_id",
        "platform",
        "action",
        "account",
        "asn",
        "candidate",
        "scores",
        "thresholds",
        "model_version",
        "excerpt",
        "url",
        "event_time",
        "detected_at",
    }
    assert contract <= alert.keys()
    assert alert["type"] == "hoax" and alert["asn"] is None
    assert len(alert["excerpt"]) <= 101 and alert["excerpt"].endswith("…")
    assert alert["source"] == {"topic": "pantau.events", "partition": 3, "offset": 99}
    assert alert["explanation"]["threshold"] == 0.8


def test_excerpt_collapses_whitespace_and_keeps_short_text() -> None:
    assert excerpt("a\n\n b", 10) == "a b"
