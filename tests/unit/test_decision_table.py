"""The decision layer as a table of cases: status × action × phase × scores × candidate match."""

from datetime import date, datetime, timedelta, timezone

import pytest

from pantau.domain.alerts import Provenance, build_alert
from pantau.domain.candidates import CandidateMatcher, Contest, Pair, parse_contests
from pantau.domain.events import Account, Event, Target
from pantau.domain.roster import RosterEntry
from pantau.domain.rules import ASN_RULE, evaluate
from pantau.domain.severity import severity
from tests.unit.fixtures import THRESHOLDS

WIB = timezone(timedelta(hours=7))
CONTEST = Contest(
    region="Kota Sukamaju",
    office="walikota",
    voting_day=date(2024, 11, 27),
    campaign_start=date(2024, 9, 25),
    campaign_end=date(2024, 11, 23),
    pairs=(
        Pair(1, ("Budi Santoso", "Rina Wulandari"), ("Bang Budi", "#BudiRina", "@budirina_official")),
        Pair(2, ("Hendra Gunawan", "Siti Rahma"), ("Kang Hendra", "#Sukamaju2Menang", "@hendrasiti")),
    ),
)
MATCHER = CandidateMatcher([CONTEST])
DAYS = {
    "before_campaign": date(2024, 9, 1),
    "campaign": date(2024, 11, 10),
    "quiet_period": date(2024, 11, 25),
    "voting_day": date(2024, 11, 27),
    "after": date(2024, 12, 5),
}
NEUTRAL = {"endorsement": 0.05, "attack": 0.05, "political": 0.1, "hoax": 0.02, "hate_sara": 0.01}
ENDORSING = {**NEUTRAL, "endorsement": 0.95, "political": 0.97}
ATTACKING = {**NEUTRAL, "attack": 0.93, "political": 0.95}


def asn(status: str) -> RosterEntry:
    return RosterEntry("x", "77", "@andi_dinkes", "a" * 32, "Andi", "Dinas Kesehatan", status, "Kota Sukamaju")


def event(
    action: str,
    day: str = "campaign",
    text: str = "",
    target: str = "",
    author: str | None = None,
    followers: int = 100,
) -> Event:
    return Event(
        event_id=f"e-{action}",
        platform="x",
        action=action,
        account=Account("77", "@andi_dinkes"),
        created_at=datetime.combine(DAYS[day], datetime.min.time(), WIB).replace(hour=9),
        text=text,
        target=Target("post-9", author, target) if target or author else None,
        region="Kota Sukamaju",
        metrics={"followers": followers},
    )


def scores_for(action: str, stance: dict[str, float]) -> dict[str, dict[str, float]]:
    if action in ("like", "share"):
        return {"target": stance}
    return {"text": stance}


CAMPAIGN_POST = "Ayo coblos paslon 2, Kang Hendra pasti menang! #Sukamaju2Menang"
# Names a pair without any campaign structure: only the model's stance can make it partisan.
NAMED_ONLY = "Kang Hendra hadir di peresmian pasar Sukamaju"


@pytest.mark.parametrize(
    ("status", "action", "stance", "alert"),
    [
        ("PNS", "like", ENDORSING, True),
        ("PNS", "share", ENDORSING, True),
        ("PNS", "post", ENDORSING, True),
        ("PNS", "comment", ENDORSING, True),
        ("PPPK", "like", ENDORSING, True),
        ("PTT_APBD", "share", ATTACKING, True),
        ("PTT_NON_APBD", "like", ENDORSING, False),
        ("PTT_NON_APBD", "post", ATTACKING, False),
        (None, "like", ENDORSING, False),
        ("PNS", "like", NEUTRAL, False),
        ("PNS", "post", NEUTRAL, False),
    ],
)
def test_who_and_what(status: str | None, action: str, stance: dict[str, float], alert: bool) -> None:
    # Campaign structure (the pair's account, hashtag, "coblos paslon 2") decides whatever the model says,
    # so the model-driven rows use a text that only names the pair.
    content = NAMED_ONLY if stance is NEUTRAL else CAMPAIGN_POST
    text = content if action in ("post", "comment") else ""
    target = content if action in ("like", "share", "comment") else ""
    author = "@hendrasiti" if target and stance is not NEUTRAL else None
    ev = event(action, text=text, target=target, author=author)
    decision = evaluate(
        ev, scores_for(action, stance), THRESHOLDS, asn=asn(status) if status else None, candidates=MATCHER
    )
    asn_alerts = [d for d in decision.detections if d.rule == ASN_RULE]
    assert bool(asn_alerts) is alert
    if alert:
        assert asn_alerts[0].attribution is not None and asn_alerts[0].attribution.pair.number == 2
    elif stance is not NEUTRAL:
        assert decision.campaign_stance in ("endorsement", "attack")  # counted, not alerted


def test_comment_counts_the_target_separately() -> None:
    ev = event("comment", text="mantap", target=CAMPAIGN_POST, author="@hendrasiti")
    decision = evaluate(ev, {"text": NEUTRAL, "target": ENDORSING}, THRESHOLDS, asn=asn("PNS"), candidates=MATCHER)
    [detection] = decision.detections
    assert detection.source == "target" and detection.attribution and detection.attribution.matched


@pytest.mark.parametrize("day", list(DAYS))
def test_phase_comes_from_the_calendar(day: str) -> None:
    ev = event("like", day=day, target=CAMPAIGN_POST, author="@hendrasiti")
    [detection] = evaluate(ev, {"target": ENDORSING}, THRESHOLDS, asn=asn("PNS"), candidates=MATCHER).detections
    assert detection.phase == day


def test_quiet_period_and_voting_day_raise_severity() -> None:
    levels = {}
    for day in ("campaign", "quiet_period", "voting_day"):
        ev = event("post", day=day, text=CAMPAIGN_POST)
        [d] = evaluate(ev, {"text": ENDORSING}, THRESHOLDS, asn=asn("PNS"), candidates=MATCHER).detections
        levels[day] = severity(d, ev)
    assert levels == {"campaign": "high", "quiet_period": "critical", "voting_day": "critical"}


def test_action_reach_and_repeats_order_severity() -> None:
    def level(action: str, followers: int = 100, prior: int = 0) -> str:
        ev = event(
            action,
            text=CAMPAIGN_POST if action == "post" else "",
            target=CAMPAIGN_POST,
            author="@hendrasiti",
            followers=followers,
        )
        [d] = evaluate(
            ev,
            scores_for(action, {**ENDORSING, "endorsement": 0.85}),
            THRESHOLDS,
            asn=asn("PNS"),
            candidates=MATCHER,
        ).detections
        return severity(d, ev, prior)

    order = ["low", "medium", "high", "critical"]
    assert order.index(level("post")) > order.index(level("like"))
    assert order.index(level("like", followers=50_000)) > order.index(level("like"))
    assert order.index(level("like", prior=3)) > order.index(level("like"))


@pytest.mark.parametrize(
    ("text", "number", "matched"),
    [
        ("Coblos Kang Hendra!", 2, "kang hendra"),
        ("c0bl0s pa5lon 1 bang budi", 1, "bang budi"),
        ("dukung nomor 02 ya", 2, "nomor 02"),
        ("#BudiRina untuk Sukamaju", 1, "budi rina"),
        ("Hendra Gunawan pemimpin yang tepat", 2, "hendra gunawan"),
    ],
)
def test_attribution_keeps_the_matched_span(text: str, number: int, matched: str) -> None:
    found = MATCHER.attribute([text], "Kota Sukamaju")
    assert found is not None and found.pair.number == number and found.matched == matched


def test_bare_numbers_need_the_region_to_name_a_contest() -> None:
    other = Contest(
        "Kab. Lain", "bupati", date(2024, 11, 27), date(2024, 9, 25), date(2024, 11, 23), (Pair(2, ("Orang Lain",)),)
    )
    matcher = CandidateMatcher([CONTEST, other])
    assert matcher.attribute(["pilih nomor 2"], None) is None
    attribution = matcher.attribute(["pilih nomor 2"], "Kab. Lain")
    assert attribution is not None and attribution.contest is other


def test_alert_names_the_pair_and_roster_entry_without_the_nip() -> None:
    ev = event("like", target=CAMPAIGN_POST, author="@hendrasiti")
    [d] = evaluate(ev, {"target": ENDORSING}, THRESHOLDS, asn=asn("PNS"), candidates=MATCHER).detections
    alert = build_alert(
        ev,
        d,
        thresholds=THRESHOLDS,
        model_version="m",
        detected_at=datetime.now(WIB),
        provenance=Provenance("pantau.events", 0, 1),
        excerpt_chars=200,
        prior_alerts=2,
    )
    assert alert["type"] == "asn_neutrality" and alert["candidate"]["number"] == 2
    assert alert["asn"] == {
        "nip_hash": "a" * 32,
        "name": "Andi",
        "opd": "Dinas Kesehatan",
        "status": "PNS",
        "region": "Kota Sukamaju",
    }
    assert alert["phase"] == "campaign" and alert["prior_alerts"] == 2
    assert alert["explanation"]["candidate_span"] and alert["excerpt"].startswith("Ayo coblos")


def test_candidates_file_validation() -> None:
    document = {
        "contests": [
            {
                "region": "Kota Sukamaju",
                "office": "walikota",
                "voting_day": "2024-11-27",
                "campaign": {"start": "2024-09-25", "end": "2024-11-23"},
                "pairs": [{"number": 1, "names": ["A B"]}, {"number": 2, "names": ["C D"]}],
            }
        ]
    }
    assert parse_contests(document)[0].phase(datetime(2024, 11, 24, 10, tzinfo=WIB)) == "quiet_period"
    document["contests"][0]["campaign"]["end"] = "2024-11-30"
    with pytest.raises(Exception, match="campaign start <= end < voting_day"):
        parse_contests(document)
