"""The structural `hate_sara` rule: a named group plus hostility toward it fires; a group alone, harsh criticism
of a candidate, counter-speech and news do not. Example texts written for these tests."""

from datetime import UTC, datetime

import pytest

from pantau.domain.alerts import Provenance, build_alert
from pantau.domain.events import Account, Event, Target
from pantau.domain.rules import evaluate
from pantau.domain.sara import find_sara
from tests.unit.fixtures import THRESHOLDS

LOW = {"endorsement": 0.1, "attack": 0.1, "political": 0.1, "hoax": 0.1, "hate_sara": 0.1}

HOSTILE = [
    ("Orang pendatang jangan dikasih jadi gubernur!", "pendatang", "antargolongan"),
    ("Pilih yang seiman, jangan yang Kristen.", "seiman", "agama"),
    ("Suku Bugis itu licik semua, hati-hati", "bugis", "suku"),
    ("Paslon nomor dua didukung aliran sesat, waspadalah", "aliran sesat", "agama"),
    ("Tanah kita jangan dipimpin pendatang", "pendatang", "antargolongan"),
    ("Cina memang begitu, penipu semua", "tionghoa", "ras"),
    ("Pemimpin kafir haram dipimpin, ingat itu", "kafir", "agama"),
    ("Perantau pulang saja ke kampungnya, ini bukan tanah kalian", "pendatang", "antargolongan"),
    ("Kami tidak rela dipimpin orang Madura", "madura", "suku"),
    ("Paslon 1 itu bonekanya aseng, didukung cukong", "tionghoa", "ras"),
    ("Bukan SARA ya, tapi transmigran jangan jadi bupati di sini", "pendatang", "antargolongan"),
    ("Bupati harus orang asli, titik.", "orang asli", "antargolongan"),
    ("Syiah itu sesat, usir dari kampung kita", "syiah", "agama"),
    ("Warga transmigran cuma numpang hidup di sini", "pendatang", "antargolongan"),
    ("org ch1na t4k t4hu d1ri smua", "tionghoa", "ras"),
    ("Habisi saja orang Dayak pendukung paslon 3", "dayak", "suku"),
    ("Orang Serawai dari dulu tukang tipu", "serawai", "suku"),
    ("Pendatang itu benalu", "pendatang", "antargolongan"),
    ("Umat Katolik diam-diam mau kuasai pemerintahan kabupaten", "katolik", "agama"),
    ("Warga Madura makin banyak di sini. Mereka harus pulang kampung", "madura", "suku"),
    ("Jangan biarkan jemaah itu masuk kampung kita", "sekte", "agama"),
    ("Kalau bupatinya beda agama, jangan harap masjid kita diurus", "agama lain", "agama"),
    ("Suku lain cukup jadi penonton di sini", "suku lain", "suku"),
    ("Toleransi boleh saja, tapi pemimpin wajib seiman", "seiman", "agama"),
]

NOT_HOSTILE = [
    "Salam hangat dari orang Bugis untuk semua warga Rejang Hulu",
    "Warga Tionghoa ikut gotong royong membersihkan pasar kemarin",
    "Kunjungan paslon ke pesantren Darul Ulum disambut santri",
    "Selamat Natal bagi saudara-saudara umat Kristen",
    "Selamat Hari Raya Nyepi untuk umat Hindu",
    "Paslon 3 pembohong, janji kampanye dulu tidak ada yang ditepati. Jangan pilih!",
    "Jangan bawa SARA ke pilkada, kita semua bersaudara",
    "Tolak politik identitas! Pilih berdasarkan program",
    "Bukan soal suku, yang penting programnya jelas",
    "Jangan lupa pilih ya, orang Jawa atau orang Batak sama-sama warga sini",
    "Jangan pilih pemimpin hanya karena dia orang Jawa",
    "Polisi menyelidiki akun yang menyebut pendatang harus pulang, Bawaslu mengimbau warga tenang",
    "Liburan ke Bali kemarin, pantainya kotor sekali",
    "Orang Batak tidak licik, itu cuma stereotip",
    "Ayuk Sari putra daerah asli, lahir dan besar di sini",
    "Tidak semua pendatang itu jahat, banyak yang sudah berbaur",
    "Menu rendang Padang di warung ini enak semua",
    "Tinta pemilu tidak mengandung babi, umat Islam jangan khawatir",
    "Virus corona dari Cina dulu bikin ekonomi susah",
    "Jangan pilih calon yang asing dengan masalah desa",
    "Pemuda Rejang siap jaga TPS sampai malam",
    "Kalau bupatinya orang Jawa, ya tidak apa-apa, yang penting jujur",
    "Selamat merayakan Imlek bagi warga Tionghoa, semoga rezeki melimpah",
    "Para perantau pulang kampung untuk mencoblos hari Rabu",
    "Ajaran Islam tidak mengenal bom bunuh diri",
    "Bantuan sekolah ini bukan upaya kristenisasi, semua murid boleh ikut",
    "Kami menolak pemimpin yang korup, apa pun agamanya",
    "Orang Bugis suka kucing dan anjing peliharaan",
]


@pytest.mark.parametrize(("text", "group", "category"), HOSTILE)
def test_group_with_hostility_is_found(text: str, group: str, category: str) -> None:
    found = find_sara(text)
    assert found is not None, text
    assert (found.group, found.category) == (group, category)
    assert found.hostility


@pytest.mark.parametrize("text", NOT_HOSTILE)
def test_group_without_hostility_or_counter_speech_is_not(text: str) -> None:
    assert find_sara(text) is None


def test_generalising_quantifier_is_recorded() -> None:
    found = find_sara("Orang Minang memang begitu, pelit semua")
    assert found is not None and found.generalised
    plain = find_sara("Orang Minang pelit")
    assert plain is not None and not plain.generalised


def test_the_group_a_call_is_aimed_at_is_the_one_named() -> None:
    found = find_sara("Pemuda Lembak jangan mau dipimpin orang Komering")
    assert found is not None and found.group == "komering"


def test_threat_must_be_aimed_at_the_group() -> None:
    assert find_sara("Usir pendatang dari kampung ini") is not None
    assert find_sara("Orang Sasak harus dibantai") is not None
    assert find_sara("Rumah orang Sasak terbakar, warga bantu padamkan api") is None


def test_hostility_must_be_near_the_group() -> None:
    far = "Salam dari orang Bugis, semoga pilkada tahun ini berjalan lancar damai dan aman tanpa ada kecurangan licik"
    assert find_sara(far) is None
    assert find_sara("Orang Bugis. Paslon 2 licik") is None  # another sentence


def event(action: str = "post", text: str = "", target: str = "") -> Event:
    return Event(
        event_id="e-1",
        platform="x",
        action=action,
        account=Account("1", "@a"),
        created_at=datetime(2024, 11, 20, 1, 0, tzinfo=UTC),
        text=text,
        target=Target("t", "@b", target) if target else None,
        metrics={"followers": 10},
    )


def _sara(ev: Event, scores: dict[str, dict[str, float]]) -> list[tuple[str, str]]:
    return [(d.rule, d.source) for d in evaluate(ev, scores, THRESHOLDS).detections if d.rule == "hate_sara"]


def test_structure_fires_when_the_model_score_is_low() -> None:
    ev = event(text="Orang pendatang jangan dikasih jadi bupati")
    found = [d for d in evaluate(ev, {"text": LOW}, THRESHOLDS).detections if d.rule == "hate_sara"]
    assert len(found) == 1
    detection = found[0]
    kinds = {e.kind: e.detail for e in detection.evidence}
    assert kinds["sara_group"] == {"group": "pendatang", "category": "antargolongan", "matched": "pendatang"}
    assert kinds["hostility"]["type"] == "exclusion"
    assert kinds["style_score"] == {"label": "hate_sara", "score": 0.1, "threshold": 0.8}
    alert = build_alert(
        ev,
        detection,
        thresholds=THRESHOLDS,
        model_version="m",
        detected_at=datetime(2024, 11, 20, 2, tzinfo=UTC),
        provenance=Provenance("pantau.events", 0, 1),
        excerpt_chars=100,
    )
    assert alert["type"] == "hate_sara" and {e["kind"] for e in alert["evidence"]} >= {"sara_group", "hostility"}


def test_model_alone_still_fires_with_its_score_as_evidence() -> None:
    ev = event(text="teks biasa")
    found = [d for d in evaluate(ev, {"text": {**LOW, "hate_sara": 0.9}}, THRESHOLDS).detections]
    assert [(d.rule, d.score) for d in found] == [("hate_sara", 0.9)]
    assert [e.kind for e in found[0].evidence] == ["style_score"]


def test_sources_follow_the_content_rule() -> None:
    hostile = "Suku Bugis licik semua"
    scores = {"text": LOW, "target": LOW}
    assert _sara(event("share", text="setuju", target=hostile), scores) == [("hate_sara", "target")]
    assert _sara(event("share", text=hostile, target="berita"), scores) == [("hate_sara", "text")]
    assert _sara(event("like", target=hostile), {"target": LOW}) == []
    assert _sara(event("comment", text="iya kak", target=hostile), scores) == []
    assert _sara(event("comment", text=hostile, target="foto"), scores) == [("hate_sara", "text")]


def test_benign_text_with_low_score_raises_nothing() -> None:
    assert _sara(event(text="Salam dari orang Bugis"), {"text": LOW}) == []
