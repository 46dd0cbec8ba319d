"""Neutrality rules on wording they were not fitted to: regional number words and particles, affixed verb
forms, election words, reminders that need the election in view, and a broader praise/scorn lexicon.
Example texts are written for these tests, from general knowledge of the languages."""

import re
from datetime import date

import pytest

from pantau.domain.context import reply_side
from pantau.domain.cue_words import affixed
from pantau.domain.cues import electoral, number_cues, other_date
from pantau.domain.lexicon import polarity
from tests.unit.test_neutrality_cues import kinds, make, neutrality

VOTING_DAY = date(2024, 11, 27)
CAMPAIGN_POST = "Rajawali Maju Bersama! Kampanye akbar Sabtu pagi di lapangan kota, ajak keluarga"
QUIET, CAMPAIGN = (11, 25), (11, 10)


def calls(text: str) -> list[tuple[int, bool, bool]]:
    return [(c.number, c.against, c.weak) for c in number_cues(text) if c.call]


# --- number words, ordinals and particles -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("coblos nomor ampat", 4),  # Banjar
        ("pilih nomor tallu", 3),  # Makassar
        ("coblos nomor tellu", 3),  # Bugis
        ("coblos nomor rua", 2),  # Bugis
        ("pilih nomor lhee", 3),  # Acehnese
        ("pilih nomor tolu", 3),  # Batak Toba
        ("coblos nomer atu", 1),  # Betawi
        ("nyoblos nomer kalih", 2),  # Javanese krama
        ("coblos nomor besik", 1),  # Balinese
        ("coblos nomor sekek", 1),  # Sasak
        ("coblos nomor sikok", 1),  # Bengkulu Malay
        ("coblos nomor ampa", 4),  # Manado / Ambon Malay
        ("coblos paslon katilu", 3),  # Sundanese ordinal
        ("coblos yang ketiga", 3),  # Indonesian ordinal
        ("coblos yang kaduo", 2),  # Minang ordinal
    ],
)
def test_number_words_of_regional_languages_and_ordinals(text: str, number: int) -> None:
    assert (number, False, False) in calls(text)


@pytest.mark.parametrize(
    "text",
    [
        "nomor 2 haja, nang lain kada usah",
        "paslon 1 ji",
        "paslon 3 dong!",
        "nomor 2 bae, dak usah ragu",
        "no 1 lah gaes",
    ],
)
def test_particles_after_a_number_make_a_weak_call(text: str) -> None:
    assert [(n, weak) for n, _against, weak in calls(text)] in ([(1, True)], [(2, True)], [(3, True)])


@pytest.mark.parametrize(
    ("text", "weak"),
    [
        ("Harus nomor 1", True),  # a rank as often as a pair
        ("Pokoke 02!", False),  # a zero-padded number is a ballot number
        ("Fix nomor 2 aja", False),  # one picked out of the others
        ("Jangan lupa ✌️", True),
        ("Jangan lupa nomor 2", False),
    ],
)
def test_rank_words_and_reminders_are_weak_unless_the_number_is_a_ballot_number(text: str, weak: bool) -> None:
    assert [w for _n, _against, w in calls(text)] == [weak]


def test_a_particle_that_goes_on_into_another_sentence_is_no_cheer() -> None:
    assert calls("nomor 2 nih janjinya jalan mulus") == []


def test_a_particle_cheer_counts_under_a_campaign_post_not_alone() -> None:
    assert neutrality(make("post", text="Nomor 2 haja")) is None
    found = neutrality(make("comment", text="nomor 2 haja bah", target=CAMPAIGN_POST, author="@irama.official"))
    assert found is not None and found.attribution is not None
    assert (found.attribution.pair.number, found.attribution.stance) == (2, "support")


# --- morphology ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "forms", "not_forms"),
    [
        ("dukung", "dukungan mendukung didukung ndukung ngedukung dukunglah", "pendukung"),
        ("pilih", "memilih milih pilihan dipilih pilihanku pilihlah", "pemilih pemilihan"),
        ("coblos", "nyoblos mencoblos dicoblos coblosan coblosin", "pencoblosan"),
        ("tolak", "menolak ditolak tolaklah", "tolakan2"),
        ("menang", "kemenangan memenangkan menangkan menangkeun", "menangis menangkap"),
    ],
)
def test_affixed_forms_of_a_stem(stem: str, forms: str, not_forms: str) -> None:
    pattern = re.compile(affixed(stem))
    assert all(pattern.fullmatch(f) for f in forms.split())
    assert not any(pattern.fullmatch(f) for f in not_forms.split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dukungan penuh untuk nomor 2", (2, False, False)),
        ("Kami mendukung paslon 3 sampai menang", (3, False, False)),
        ("Memenangkan nomor 1 harga mati", (1, False, False)),
        ("Warga menolak paslon 1", (1, True, False)),
        ("Jangan buang suara ke nomor 2", (2, True, False)),
        ("Sayang kalau buang suara ke 3", (3, True, False)),
        ("Coblos lah nomor 2", (2, False, False)),  # a particle between verb and number
        ("Pilih mi nomor 1", (1, False, False)),  # Makassar
        ("Pilih saja nomor 3", (3, False, False)),
    ],
)
def test_affixed_verbs_call_for_or_against_a_number(text: str, expected: tuple[int, bool, bool]) -> None:
    assert expected in calls(text)


@pytest.mark.parametrize(
    "text",
    [
        "Liverpool menang 3-0 tadi malam",  # a score
        "Gunakan hak pilihmu di TPS. Satu suara menentukan masa depan",  # no cue across a sentence end
    ],
)
def test_scores_and_sentence_ends_are_no_cue(text: str) -> None:
    assert calls(text) == []


# --- election context and reminders ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Masa tenang, jaga kondusivitas",
        "Besok ke bilik suara ya",
        "Pilbup serentak tahun ini",
        "Bawaslu awasi kampanye",
        "Hari pencoblosan sudah dekat",
    ],
)
def test_election_words(text: str) -> None:
    assert electoral(text)


def test_the_voting_date_is_election_context_only_for_its_contest() -> None:
    assert electoral("Jangan lupa tanggal 27 ya", VOTING_DAY)
    assert not electoral("Jangan lupa tanggal 27 ya")  # no contest, no date to compare
    assert other_date("Tanggal 4 kumpul di rumah", VOTING_DAY)
    assert not other_date("Tanggal 27 kita ke TPS", VOTING_DAY)


def test_a_hand_sign_reminder_needs_the_election_in_view() -> None:
    assert neutrality(make("post", text="Tanggal 4 kumpul di rumah Bu Ani, jangan lupa ✌️")) is None
    assert neutrality(make("post", text="Jangan lupa ya ✌️", day=CAMPAIGN)) is None
    assert neutrality(make("post", text="Salam ✌️ dari Bandung, damai selalu")) is None


def test_a_hand_sign_reminder_in_the_quiet_period_counts_unless_it_names_another_date() -> None:
    found = neutrality(make("post", text="Jangan lupa besok ya ✌️", day=QUIET))
    assert found is not None and found.attribution is not None and found.attribution.pair.number == 2
    assert found.phase == "quiet_period" and "number_cue" in kinds(found)
    assert neutrality(make("post", text="Tanggal 4 kumpul di rumah Bu Ani, jangan lupa ✌️", day=QUIET)) is None


def test_a_hand_sign_reminder_with_the_voting_date_counts_in_the_campaign() -> None:
    found = neutrality(make("post", text="Tanggal 27 jangan lupa ☝️", day=CAMPAIGN))
    assert found is not None and found.attribution is not None and found.attribution.pair.number == 1


# --- praise, scorn and agreement ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "leaning"),
    [
        ("Nah ini baru pemimpin yang kita butuhkan", "support"),
        ("Mantap kali abang kita ini", "support"),  # Medan "kali" = very, not mockery
        ("Mudah-mudahan amanah, kami dukung", "support"),
        ("Harat banar, bungas programnya", "support"),  # Banjar
        ("🙏🙏", "support"),
        ("Halah, omdo", "against"),
        ("Preet, janji doang", "against"),
        ("Katanya mau gratis semua", "against"),
        ("Dia tidak amanah", "against"),  # praise after a negator
        ("Programnya bagus, tapi dananya dari mana? Hmm", "against"),  # a doubting question
        ("wkwkwk", "against"),
        ("🙃", "against"),
        ("Rapat RT Minggu malam", None),
    ],
)
def test_broader_praise_and_scorn(text: str, leaning: str | None) -> None:
    assert polarity(text).leaning == leaning


@pytest.mark.parametrize(
    ("reply", "side"),
    [
        ("otw bang, pasti datang", "agree"),
        ("hadir kak 🔥", "agree"),
        ("inggih, mugi lancar", "agree"),  # Javanese
        ("iyo bana, ambo ikuik", "agree"),  # Minang
        ("janji haja", "scorn"),  # Banjar
        ("😂😂", "scorn"),
        ("🤡", "scorn"),
        ("Kapan acaranya?", None),
        ("Datang kak?", None),  # a question, not an answer
    ],
)
def test_replies_under_a_campaign_post(reply: str, side: str | None) -> None:
    assert reply_side(reply) == side


@pytest.mark.parametrize(
    ("reply", "stance"),
    [
        ("otw bang, pasti datang", "support"),
        ("Nah ini baru pemimpin", "support"),
        ("🙃", "against"),
        ("janji haja", "against"),
        ("Keren, tapi anggarannya dari mana? Hmm", "against"),
    ],
)
def test_a_reply_takes_its_side_toward_the_pair_of_the_campaign_post(reply: str, stance: str) -> None:
    found = neutrality(make("comment", text=reply, target=CAMPAIGN_POST, author="@rumi.official"))
    assert found is not None and found.attribution is not None
    assert (found.attribution.pair.number, found.attribution.stance) == (1, stance)


@pytest.mark.parametrize(
    ("text", "number", "stance"),
    [
        ("Kami mendukung penuh Bang Rudi", 1, "support"),
        ("Pak Tono tidak amanah, halah", 3, "against"),
        ("Tolak IRAMA!", 2, "against"),
    ],
)
def test_affixed_and_regional_wording_about_a_named_pair(text: str, number: int, stance: str) -> None:
    found = neutrality(make("post", text=text))
    assert found is not None and found.attribution is not None
    assert (found.attribution.pair.number, found.attribution.stance) == (number, stance)


# --- false alarms -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Alhamdulillah anak kami juara 2 lomba tahfiz se-kabupaten, bangga nian",
        "Menu favoritku nomor 3, nasi goreng kampung mantap kali",
        "Rapat dinas jam 2 siang di ruang 3, jangan lupa bawa laptop",
        "Sudah pilih baju nomor 2 buat lebaran, cakep kali",
        "Antrean nomor 4 di puskesmas, sabar ya 😂",
        "Tanggal 5 gajian, jangan lupa bayar arisan ✌️",
        "Pokoke sing nomer siji sehat, nomer loro rezeki",
        "Dukung UMKM lokal, beli produk nomor 1 di kampung kita!",
        "Peace ✌️ jangan bertengkar terus gaes",
        "Gunakan hak pilih dengan bijak. Satu suara sangat berarti",
        "Kursi nomor 2 dari kiri masih kosong",
        "Tolak tambang ilegal di hulu sungai!",
        "Pesan nomor 2 aja, yang pedas",
        "Sesama tetangga harus saling dukung satu sama lain",
    ],
)
@pytest.mark.parametrize("day", [CAMPAIGN, QUIET])
def test_everyday_numbers_signs_and_praise_do_not_alert(text: str, day: tuple[int, int]) -> None:
    assert neutrality(make("post", text=text, day=day)) is None


@pytest.mark.parametrize(
    ("text", "number", "stance"),
    [
        ("Fix nomor 2 aja, yang lain belum jelas", 2, "support"),  # one number picked out of the others
        ("Wih nomor 2 janjinya jalan mulus, jalan depan rumahku masih lumpur 😂", 2, "against"),
        ("Jangan lupa besok ke bilik suara, nomer 3 ya 🤟", 3, "support"),
    ],
)
def test_plain_numbers_in_an_electoral_text_still_count(text: str, number: int, stance: str) -> None:
    found = neutrality(make("post", text=text))
    assert found is not None and found.attribution is not None
    assert (found.attribution.pair.number, found.attribution.stance) == (number, stance)


@pytest.mark.parametrize(
    ("text", "leaning"),
    [
        ("Bukan kaleng-kaleng, mantap", "support"),
        ("Calon kaleng-kaleng", "against"),
        ("Iyain aja deh", "against"),
        ("Semoga cepat sadar", "against"),
        ("Omon-omon doang", "against"),
        ("Kagak ada lawan!", "support"),  # Betawi
        ("Ngarojong pisan", "support"),  # Sundanese
        ("Kakehan janji, ora mutu", "against"),  # Javanese
        ("Keren parah sih ini", "support"),  # a scorn word after praise only intensifies it
        ("Sabar ya 😂", "against"),  # laughter without praise
        ("🤭🤭", "against"),
        ("🫶", "support"),
    ],
)
def test_regional_and_slang_praise_and_scorn(text: str, leaning: str) -> None:
    assert polarity(text).leaning == leaning
