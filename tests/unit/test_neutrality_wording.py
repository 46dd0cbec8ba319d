"""The second signal: wording for or against a named pair, replies in context, and how names are recognised."""

import pytest

from pantau.domain.campaign import caps_fold
from pantau.domain.context import reply_side
from pantau.domain.cues import number_cues
from pantau.domain.lexicon import polarity
from pantau.domain.rules import evaluate
from tests.unit.fixtures import THRESHOLDS
from tests.unit.test_neutrality_cues import ATTACKING, ENDORSING, MATCHER, kinds, make, neutrality, roster, scored


@pytest.mark.parametrize(
    ("text", "leaning"),
    [
        ("Bang Rudi jujur nian, semoga menang 🤲", "support"),
        ("Hebat nian paslon 1, janji jalan mulus tapi jalan depan rumahnya masih berlubang", "against"),
        ("Keren ya programnya gratis semua, bayarnya pakai daun kali 😂", "against"),
        ("Tono lagi Tono lagi, bosen 🙄", "against"),
        ("Siapa pun asal jangan Tono-Sinta", "against"),
        ("Rapat koordinasi jam 9 di aula", None),
    ],
)
def test_polarity(text: str, leaning: str | None) -> None:
    assert polarity(text).leaning == leaning


@pytest.mark.parametrize(
    ("text", "number", "stance"),
    [
        ("Bang Rudi jujur nian, semoga menang 🤲", 1, "support"),
        ("Hebat nian Pak Tono, janji jalan mulus tapi jalan depan rumahnya masih berlubang", 3, "against"),
        ("Siapa pun asal jangan IRAMA. Belum siap mimpin.", 2, "against"),
        ("IR4M4 untuk Rajawali 🕌", 2, "support"),
        ("Tono lagi Tono lagi, bosen, lima tahun cuma baliho 🙄", 3, "against"),  # one word of a name
    ],
)
def test_wording_decides_where_a_pair_is_named_without_structure(text: str, number: int, stance: str) -> None:
    found = neutrality(make("post", text=text))
    assert found is not None and found.attribution is not None
    assert (found.attribution.pair.number, found.attribution.stance) == (number, stance)
    assert "stance" in kinds(found)


@pytest.mark.parametrize(
    "text",
    [
        "Desa kami dapat bantuan bibit sawit, alhamdulillah mantap",  # "DESA"-like words only count in capitals
        "Bu Sinta penjual sayur di pasar ramah sekali",  # one word of a name, nothing electoral around it
        "Debat malam ini: Rudi, Irawan dan Tono adu gagasan soal pertanian",  # several pairs, no side taken
        "Bimtek KPPS selesai, siap bertugas di TPS 03 tanggal 27. Mohon doanya 🙏",  # a polling-station number
        "Anak-anak juara 2 turnamen sepak bola, luar biasa ✌️🏆",  # a hand sign with nothing electoral
        "No. 1 di hati tetap nasi padang pakai rendang 😋",  # a cheer after a number, no election in view
    ],
)
def test_ordinary_words_names_and_numbers_do_not_alert(text: str) -> None:
    assert neutrality(make("post", text=text)) is None


def test_news_naming_several_pairs_needs_wording_not_the_model() -> None:
    news = "Debat kedua: Rudi Hartono dan Irawan Malik saling kritik soal data kemiskinan"
    assert neutrality(make("post", text=news), text=ENDORSING) is None


@pytest.mark.parametrize(
    ("reply", "side"),
    [
        ("Insyaallah hadir pak, satu keluarga", "agree"),
        ("Kami petani sawit di belakang abang 100%", "agree"),
        ("Jual agama lagi 🙄", "scorn"),
        ("Hoaks, jangan percaya", "reject"),
        ("Acaranya jam berapa?", None),
    ],
)
def test_reply_side(reply: str, side: str | None) -> None:
    assert reply_side(reply) == side


def test_a_reply_scorning_a_post_that_attacks_a_pair_sides_with_the_attack() -> None:
    target = "Pak Tono dulu kepala dinas, proyek irigasi mangkrak semua"
    found = neutrality(make("share", text="Nah ini, tagih janjinya 😏", target=target, author="@warga"))
    assert found is not None and found.attribution is not None
    assert (found.attribution.pair.number, found.attribution.stance) == (3, "against")
    found = neutrality(make("like", target=target, author="@warga"), target=ATTACKING)
    assert found is not None and found.label == "attack"


def test_a_number_said_twice_is_a_call() -> None:
    assert [c.call for c in number_cues("nomer 2 ✌️ pokoknya")] == [True, True]
    assert all(not c.weak for c in number_cues("01 harga mati ☝️"))
    assert neutrality(make("post", text="01 harga mati ☝️")) is not None


def test_capitals_fold() -> None:
    assert caps_fold("R U M I pokoknya, IR4M4, #RUMIJuara2024") == "RUMI pokoknya, IRAMA, #RUMI Juara 2024"
    [match] = [m for m in MATCHER.campaign.find("#RUMIJuara") if m.kind == "name"]
    assert match.pair.number == 1 and not match.partial
    [titled] = MATCHER.campaign.find("Rumi pokoknya")
    assert titled.partial


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Jan lupo, coblos nomor tigo yo", 3),  # Minang reminder
        ("Ulah hilap, nomer hiji", 1),  # Sundanese reminder
        ("Ojo lali nyoblos nomer loro", 2),  # Javanese reminder
        ("Besok pilih nyang paling kanan di kertas suara", 3),  # Betawi
        ("R-U-M-I pokoknya, semoga menang", 1),
        ("Mantap @rumi.official, semoga menang!", 1),
    ],
)
def test_regional_reminders_and_obfuscated_names(text: str, number: int) -> None:
    found = neutrality(make("post", text=text))
    assert found is not None and found.attribution is not None
    assert (found.attribution.pair.number, found.attribution.stance) == (number, "support")


def test_a_campaign_account_listed_in_the_roster_still_never_alerts() -> None:
    ev = make("post", text="Ayo coblos nomor 1!", handle="")  # the event carries no handle, the roster does
    official = roster("PNS", "@relawan_rumi")
    decision = evaluate(ev, scored(ev), THRESHOLDS, asn=official, candidates=MATCHER)
    assert not decision.detections and decision.campaign_stance == "endorsement"


@pytest.mark.parametrize(
    ("author", "number"),
    [("@relawan.tono", 3), ("@rumi_lovers", 1), ("@rudihartono", 1), ("@anti_rumi", None), ("@info.tono", None)],
)
def test_undeclared_accounts_named_after_a_pair(author: str, number: int | None) -> None:
    found = neutrality(make("like", target="Jalan sehat bareng warga Minggu pagi", author=author))
    if number is None:
        assert found is None
        return
    assert found is not None and found.attribution is not None and found.attribution.pair.number == number
    [account] = [e for e in found.evidence if e.kind == "campaign_account"]
    assert account.detail["declared"] is False
