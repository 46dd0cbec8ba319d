"""asn_neutrality as a patrol officer decides it: cue × target × stance × action, structure before language."""

from datetime import datetime, timedelta, timezone

import pytest

from pantau.domain.alerts import Provenance, build_alert
from pantau.domain.campaign import mask_pairs
from pantau.domain.candidates import CandidateMatcher, CandidatesError, parse_contests
from pantau.domain.context import agrees_only, disagrees
from pantau.domain.cues import number_cues, pair_at, position_cues
from pantau.domain.events import Account, Event, Target
from pantau.domain.roster import RosterEntry
from pantau.domain.rules import ASN_RULE, Detection, evaluate, scoring_sources
from pantau.domain.severity import severity
from tests.unit.fixtures import THRESHOLDS

WIB = timezone(timedelta(hours=7))
DOCUMENT = {
    "contests": [
        {
            "region": "Kota Rajawali",
            "office": "walikota",
            "voting_day": "2024-11-27",
            "campaign": {"start": "2024-09-25", "end": "2024-11-23"},
            "pairs": [
                {
                    "number": 1,
                    "names": ["Rudi Hartono", "Mira Lestari"],
                    "aliases": ["RUMI", "Bang Rudi"],
                    "hashtags": ["#RumiMenang"],
                    "slogans": ["Rajawali Maju Bersama"],
                    "accounts": ["instagram:@rumi.official", "x:@relawan_rumi"],
                },
                {
                    "number": 2,
                    "names": ["Irawan Malik", "Ayu Sari"],
                    "aliases": ["IRAMA", "#IramaUntukRakyat"],
                    "slogans": ["Bersatu Membangun Negeri"],
                    "accounts": ["facebook:@irama.official"],
                },
                {
                    "number": 3,
                    "names": ["Tono Wijaya", "Sinta Dewi"],
                    "aliases": ["Pak Tono"],
                    "hashtags": ["#TosiTigo"],
                    "accounts": ["tiktok:@tosi.official"],
                },
            ],
        }
    ]
}
CONTESTS = parse_contests(DOCUMENT)
MATCHER = CandidateMatcher(CONTESTS)
NEUTRAL = {"endorsement": 0.05, "attack": 0.05, "political": 0.1, "hoax": 0.02, "hate_sara": 0.01}
LOW_POLITICAL = {**NEUTRAL, "endorsement": 0.06, "political": 0.6}
ENDORSING = {**NEUTRAL, "endorsement": 0.9, "political": 0.95}
ATTACKING = {**NEUTRAL, "attack": 0.9, "political": 0.95}
OFFICIAL_POST = "Rajawali Maju Bersama! Ayo coblos nomor 1 tanggal 27 November"


def roster(status: str, handle: str = "@andi_dinkes") -> RosterEntry:
    return RosterEntry("x", "77", handle, "a" * 32, "Andi", "Dinas Kesehatan", status, "Kota Rajawali")


def make(
    action: str,
    text: str = "",
    target: str = "",
    author: str | None = None,
    day: tuple[int, int] = (11, 10),
    handle: str = "@andi_dinkes",
) -> Event:
    return Event(
        event_id=f"n-{action}",
        platform="x",
        action=action,
        account=Account("77", handle),
        created_at=datetime(2024, day[0], day[1], 9, tzinfo=WIB),
        text=text,
        target=Target("post-1", author, target) if target or author else None,
        region="Kota Rajawali",
    )


def scored(ev: Event, text: dict[str, float] = NEUTRAL, target: dict[str, float] = NEUTRAL) -> dict:
    scores = {}
    if ev.text.strip():
        scores["text"] = text
    if ev.target is not None and ev.target.text.strip():
        scores["target"] = target
    return scores


def neutrality(
    ev: Event, text: dict[str, float] = NEUTRAL, target: dict[str, float] = NEUTRAL, status: str | None = "PNS"
) -> Detection | None:
    asn = roster(status, ev.account.handle or "") if status else None
    decision = evaluate(ev, scored(ev, text, target), THRESHOLDS, asn=asn, candidates=MATCHER)
    found = [d for d in decision.detections if d.rule == ASN_RULE]
    assert len(found) <= 1  # one alert per event and rule
    return found[0] if found else None


def kinds(detection: Detection) -> set[str]:
    return {e.kind for e in detection.evidence}


# --- the examples -------------------------------------------------------------------------------


def test_like_of_an_official_post_calling_for_a_number_whatever_the_model_says() -> None:
    ev = make("like", target=OFFICIAL_POST, author="@rumi.official")
    found = neutrality(ev, target=LOW_POLITICAL)  # endorsement 0.06
    assert found is not None and found.label == "endorsement" and found.attribution is not None
    assert found.attribution.pair.number == 1
    assert {"campaign_account", "slogan", "number_cue"} <= kinds(found)


def test_repost_of_a_campaign_hashtag_with_fire_emoji() -> None:
    ev = make("share", text="🔥🔥🔥", target="Jalan sehat bareng warga minggu pagi #RUMIMENANG", author="@warga_biasa")
    found = neutrality(ev, status="PPPK")
    assert found is not None and found.attribution is not None and found.attribution.pair.number == 1
    assert "hashtag" in kinds(found)


def test_amen_number_one_in_my_heart_under_a_campaign_post() -> None:
    ev = make("comment", text="aamiin, nomor 1 di hati", target="Doakan kami ya warga Rajawali", author="@relawan_rumi")
    found = neutrality(ev)
    assert found is not None and found.attribution is not None and found.attribution.pair.number == 1
    assert found.source == "text" and "number_cue" in kinds(found)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("pilih nomor tigo bae, dak usah ragu", 3),  # Bengkulu Malay
        ("coblos nomer loro wae lur", 2),  # Javanese
        ("urang mah milih nomer hiji", 1),  # Sundanese
        ("coblos nomor ciek sajo", 1),  # Minang
        ("c0bl0s pa5lon 02 ya", 2),  # leetspeak
        ("ingat, coblos 3️⃣", 3),  # keycap emoji
        ("salam dua jari ✌️", 2),  # hand sign in words and emoji
        ("#Coblos01 pokoknya", 1),
    ],
)
def test_number_calls_in_dialects_emoji_and_obfuscation(text: str, number: int) -> None:
    found = neutrality(make("post", text=text))
    assert found is not None and found.attribution is not None and found.attribution.pair.number == number
    assert "number_cue" in kinds(found)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("besok coblos yang paling kiri di surat suara ya", 1),
        ("pilih yang tengah di surat suara", 2),
        ("sing paling tengen nang kertas suara, coblosen", 3),
    ],
)
def test_ballot_position_from_the_pair_order(text: str, number: int) -> None:
    found = neutrality(make("post", text=text))
    assert found is not None and found.attribution is not None and found.attribution.pair.number == number
    assert "position_cue" in kinds(found)


def test_share_of_a_thread_attacking_another_pair_is_an_attack_on_it() -> None:
    thread = "Utas: Irawan Malik cuma janji palsu, 5 tahun jalan rusak. Jangan pilih nomor 2!"
    found = neutrality(make("share", target=thread, author="@akun_utas"), target=ATTACKING)
    assert found is not None and found.label == "attack" and found.attribution is not None
    assert found.attribution.pair.number == 2 and found.attribution.stance == "against"


def test_quiet_period_reminder_is_critical() -> None:
    ev = make("post", text="ingat nomer 2 ✌️", day=(11, 25))
    found = neutrality(ev)
    assert found is not None and found.phase == "quiet_period" and found.attribution is not None
    assert found.attribution.pair.number == 2
    assert severity(found, ev) in ("high", "critical")


@pytest.mark.parametrize(
    "text",
    [
        "Alhamdulillah anak saya juara 1 lomba pidato",
        "Rapat di lantai 2 gedung dinas jam 1 siang",
        "Rumah nomor 2 di gang mawar kebanjiran",
        "Pilih salah satu menu: nasi uduk atau lontong",
        "Antrean nomor 3 silakan ke loket",
    ],
)
def test_non_electoral_numbers_are_not_cues(text: str) -> None:
    assert not [c for c in number_cues(text) if c.call]
    assert neutrality(make("post", text=text)) is None


# --- who may alert ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["PTT_NON_APBD", None])
def test_unbound_or_unknown_accounts_never_alert(status: str | None) -> None:
    ev = make("like", target=OFFICIAL_POST, author="@rumi.official")
    assert neutrality(ev, target=ENDORSING, status=status) is None
    decision = evaluate(ev, scored(ev, target=ENDORSING), THRESHOLDS, asn=None, candidates=MATCHER)
    assert decision.campaign_stance == "endorsement"  # counted for the metrics


def test_a_pairs_own_campaign_account_never_alerts() -> None:
    ev = make("post", text=OFFICIAL_POST, handle="@relawan_rumi")
    assert neutrality(ev, text=ENDORSING) is None


@pytest.mark.parametrize("status", ["PNS", "PPPK", "PTT_APBD"])
def test_every_bound_status_alerts(status: str) -> None:
    assert neutrality(make("like", target=OFFICIAL_POST, author="@rumi.official"), status=status) is not None


# --- stance, target and context -----------------------------------------------------------------------------


def test_attacking_one_pair_to_favour_another_yields_both_in_one_detection() -> None:
    ev = make("post", text="IRAMA cuma omdo, mending coblos 1 saja")
    found = neutrality(ev, text={**ATTACKING, "endorsement": 0.5})
    assert found is not None and found.attribution is not None
    assert (found.attribution.pair.number, found.attribution.stance) == (1, "support")
    assert [(a.pair.number, a.stance) for a in found.also] == [(2, "against")]
    alert = build_alert(
        ev,
        found,
        thresholds=THRESHOLDS,
        model_version="m",
        detected_at=datetime.now(WIB),
        provenance=Provenance("pantau.events", 0, 1),
        excerpt_chars=200,
    )
    assert [(p["number"], p["stance"]) for p in alert["candidate"]["pairs"]] == [(1, "support"), (2, "against")]
    assert {e["kind"] for e in alert["evidence"]} >= {"number_cue", "stance"}


@pytest.mark.parametrize("reply", ["setuju kak", "aamiin", "🔥🔥👍", "bener bgt", "mantap", "gas"])
def test_a_reply_that_only_agrees_takes_the_stance_of_the_post(reply: str) -> None:
    found = neutrality(make("comment", text=reply, target="Bersama kita menang!", author="@irama.official"))
    assert found is not None and found.attribution is not None and found.attribution.pair.number == 2
    assert "context" in kinds(found) and found.source == "target"
    # the same reply under a post with no campaign in it is nothing
    assert neutrality(make("comment", text=reply, target="Jalan di depan pasar sudah diperbaiki")) is None


def test_a_question_under_a_campaign_post_is_not_support() -> None:
    assert (
        neutrality(make("comment", text="acaranya jam berapa ya?", target="Kampanye akbar", author="@tosi.official"))
        is None
    )


def test_a_reply_rejecting_a_campaign_post_is_against_the_pair() -> None:
    found = neutrality(make("comment", text="pencitraan doang 🤡", target="Kami bagi sembako", author="@tosi.official"))
    assert found is not None and found.label == "attack" and found.attribution is not None
    assert (found.attribution.pair.number, found.attribution.stance) == (3, "against")


def test_a_share_takes_the_stance_of_what_it_shares_unless_its_words_reverse_it() -> None:
    campaign = "Program Rajawali Maju Bersama untuk UMKM"
    kept = neutrality(make("share", text="", target=campaign, author="@warga"))
    assert kept is not None and kept.attribution is not None and kept.attribution.stance == "support"
    reversed_ = neutrality(make("share", text="hoaks, jangan percaya", target=campaign, author="@warga"))
    assert reversed_ is not None and reversed_.attribution is not None
    assert (reversed_.attribution.pair.number, reversed_.attribution.stance) == (1, "against")


def test_a_like_of_content_attacking_a_pair_is_an_attack() -> None:
    found = neutrality(make("like", target="Pak Tono itu tidak becus urus pasar", author="@warga"), target=ATTACKING)
    assert found is not None and found.label == "attack" and found.attribution is not None
    assert (found.attribution.pair.number, found.attribution.stance) == (3, "against")
    assert "stance" in kinds(found)


def test_a_name_without_structure_needs_the_model() -> None:
    text = "Bang Rudi datang ke pasar pagi ini"
    assert neutrality(make("post", text=text)) is None
    found = neutrality(make("post", text=text), text=ENDORSING)
    assert found is not None and found.attribution is not None and found.attribution.pair.number == 1
    [stance] = [e for e in found.evidence if e.kind == "stance"]
    assert stance.detail["label"] == "endorsement" and stance.detail["score"] == 0.9


def test_news_reports_naming_pairs_do_not_alert_even_with_a_high_score() -> None:
    news = (
        "KPU Kota Rajawali menggelar pengundian nomor urut, Senin pukul 10.00 WIB. Paslon 1 Rudi Hartono-Mira "
        "Lestari, paslon 2 Irawan Malik-Ayu Sari, paslon 3 Tono Wijaya-Sinta Dewi."
    )
    assert neutrality(make("share", target=news, author="@media_rajawali"), target=ENDORSING) is None
    assert neutrality(make("post", text=news), text=ENDORSING) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("R U M I untuk Rajawali, gas!", 1),
        ("IR4M4 pilihanku", 2),
        ("#iramauntukrakyat", 2),
        ("bersatu  membangun NEGERI", 2),
    ],
)
def test_obfuscated_names_hashtags_and_slogans(text: str, number: int) -> None:
    found = neutrality(make("post", text=text), text=ENDORSING)
    assert found is not None and found.attribution is not None and found.attribution.pair.number == number


# --- building blocks ----------------------------------------------------------------------------------------


def test_cue_details() -> None:
    [against] = number_cues("asal bukan nomor 2")
    assert against.number == 2 and against.against
    [reminder] = number_cues("jangan lupa coblos 3 ya")
    assert reminder.call and not reminder.against
    [mention] = number_cues("debat paslon 1 malam ini")
    assert mention.number == 1 and not mention.call
    assert position_cues("belok kiri di perempatan") == []
    assert pair_at("middle", [1, 2]) is None and pair_at("right", [1, 2, 3]) == 3


def test_agreement_and_disagreement_lexicons() -> None:
    assert agrees_only("setuju bgt kak 👍") and agrees_only("💪🔥")
    assert not agrees_only("kak, jadwalnya kapan?") and not agrees_only("😂")
    assert disagrees("hoaks itu") and not disagrees("setuju kak")


def test_mask_pairs_replaces_every_name_alias_hashtag_slogan_and_account() -> None:
    text = "Bang Rudi & Irawan-Malik: #RumiMenang, Rajawali maju bersama! cc @irama.official; Pak Tono"
    assert mask_pairs(text, CONTESTS) == "paslon & paslon: paslon, paslon! cc paslon; paslon"
    ev = make("comment", text="#RumiMenang", target="IRAMA hebat")
    assert scoring_sources(ev, MATCHER) == {"text": "paslon", "target": "paslon hebat"}
    assert scoring_sources(ev) == {"text": "#RumiMenang", "target": "IRAMA hebat"}


def test_candidates_file_campaign_sources() -> None:
    pair1, pair2, _ = CONTESTS[0].pairs
    assert pair1.hashtags == ("#RumiMenang",) and pair1.slogans == ("Rajawali Maju Bersama",)
    assert pair2.campaign_hashtags == ("#IramaUntukRakyat",)  # an older alias starting with `#`
    assert ("instagram", "@rumi.official") in pair1.campaign_handles
    bad = {"contests": [{**DOCUMENT["contests"][0], "pairs": [{"number": 1, "names": ["A"], "accounts": ["@a b"]}]}]}
    with pytest.raises(CandidatesError, match="platform:@handle"):
        parse_contests(bad)
    bad["contests"][0]["pairs"][0]["accounts"] = ["friendster:@a"]
    with pytest.raises(CandidatesError, match="platform:@handle"):
        parse_contests(bad)
