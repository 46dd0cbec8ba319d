"""Known-hoax matching: claim files, the matcher on tricky pairs, and the hoax rule built on it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from pantau.claims import Claim, ClaimIndex, claim_id, content_fingerprint
from pantau.claims.parse import ClaimFileError, parse_claims, read_claims_file
from pantau.claims.step import claim_hits, claim_texts
from pantau.claims.text import match_text
from pantau.claims.words import WordIndex, stem
from pantau.domain.events import Account, Event, Target
from pantau.domain.rules import evaluate
from pantau.domain.severity import severity
from tests.unit.fixtures import THRESHOLDS

KPU = Claim.new(
    "Server KPU diretas hacker China, hasil pemilu diubah untuk memenangkan paslon 02",
    title="Server KPU Diretas Hacker China",
    url="https://turnbackhoax.id/kpu-diretas",
    publisher="TurnBackHoax (Mafindo)",
    date="2024-02-15",
)
SURAT = Claim.new("Surat suara paslon 1 sudah dicoblos duluan di gudang KPU, sebarkan sebelum dihapus")
BANSOS = Claim.new("Bantuan sosial akan dicabut bagi warga yang tidak memilih paslon 1, kata orang dalam kelurahan")
INDEX = ClaimIndex([KPU, SURAT, BANSOS])
DEFAULTS = {"added_by": "test", "publisher": "", "language": "id", "verdict": "hoax"}


def matched(text: str, index: ClaimIndex = INDEX) -> tuple[str | None, float, str]:
    found = index.match(text)
    return (found.claim.id, found.similarity, found.framing) if found else (None, 0.0, "none")


def test_claim_id_ignores_case_punctuation_spacing_and_leetspeak() -> None:
    assert claim_id("Server KPU diretas!") == claim_id("server  kpu DIRETAS")
    assert claim_id("Server KPU diretas") == claim_id("S3rv3r KPU dir3tas")
    assert claim_id("Server KPU diretas") != claim_id("Server KPU aman")


def test_turnbackhoax_csv_as_it_is() -> None:
    text = (
        "id,date,category,title,claim_text\n"
        '3752,2 Jan 2024,politics,Najwa Diteror,"“MENGERIKAN Najwa Shihab diteror usai kritik” = = = Penjelasan: x"\n'
    )
    (claim,) = parse_claims(text, fmt="csv", defaults=DEFAULTS)
    assert claim.claim_text == "MENGERIKAN Najwa Shihab diteror usai kritik"  # quotes and explanation cut
    assert (claim.date, claim.category, claim.title, claim.verdict) == (
        "2024-01-02",
        "politics",
        "Najwa Diteror",
        "hoax",
    )


def test_turnbackhoax_file_name_gives_the_publisher(tmp_path: Path) -> None:
    path = tmp_path / "turnbackhoax_2024.csv"
    path.write_text("id,date,category,title,claim_text\n1,3 Jan 2024,politics,T,Surat suara sudah dicoblos semua\n")
    (claim,) = read_claims_file(path, added_by="ops")
    assert claim.publisher == "TurnBackHoax (Mafindo)" and claim.added_by == "ops"


def test_claim_review_json_ld_single_list_and_graph() -> None:
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "TPS dipindah ke balai desa sebelah",
        "reviewRating": {"@type": "Rating", "alternateName": "Salah"},
        "url": "https://cekfakta.example/tps",
        "datePublished": "2024-11-20",
        "author": {"@type": "Organization", "name": "Cek Fakta"},
    }
    for document in (review, [review], {"@graph": [{"@type": "Organization", "name": "x"}, review]}):
        (claim,) = parse_claims(json.dumps(document), fmt="json", defaults=DEFAULTS)
        assert (claim.verdict, claim.url, claim.publisher, claim.date) == (
            "salah",
            "https://cekfakta.example/tps",
            "Cek Fakta",
            "2024-11-20",
        )


def test_jsonl_of_records_and_claim_reviews_and_a_bad_line_named() -> None:
    lines = [
        json.dumps({"claim_text": "Coblos dua kali boleh asal beda TPS", "url": "https://x.example/1"}),
        json.dumps({"claimReviewed": "Paslon 2 didiskualifikasi KPU", "reviewRating": {"alternateName": "Hoaks"}}),
    ]
    claims = parse_claims("\n".join(lines), fmt="jsonl", defaults=DEFAULTS)
    assert [c.verdict for c in claims] == ["hoax", "hoaks"]
    with pytest.raises(ClaimFileError, match="line 2"):
        parse_claims(lines[0] + "\n{not json", fmt="jsonl", defaults=DEFAULTS)


def test_exact_typo_and_leetspeak_repeats_match() -> None:
    assert matched("Server KPU diretas hacker China, hasil pemilu diubah untuk memenangkan paslon 02")[1] > 0.95
    cid, sim, framing = matched("s3rver KPU dirtas hackr china!!! hasil pemilu diubh utk menangin paslon 02")
    assert cid == KPU.id and sim >= 0.7 and framing == "assert"


def test_partial_quote_mixed_with_other_text_matches_and_reports_the_span() -> None:
    found = INDEX.match("Pagi ini hujan. Katanya surat suara paslon 1 sudah dicoblos duluan di gudang KPU. Ngeri!")
    assert found is not None and found.claim.id == SURAT.id and found.similarity >= 0.7
    assert "sudah dicoblos duluan di gudang kpu" in found.span


def test_same_topic_but_not_the_claim_does_not_match() -> None:
    for text in (
        "KPU mengumumkan jadwal rekapitulasi hasil pemilu di kantor kecamatan hari ini",
        "Server kantor kami down lagi, hacker di mana-mana, hati-hati ya",
        "Pembagian bantuan sosial di kelurahan dimulai besok pagi",
    ):
        assert matched(text)[1] < 0.7, text


def test_negated_claim_is_no_match() -> None:
    _cid, _sim, framing = matched("Server KPU tidak diretas hacker China, hasil pemilu tidak diubah untuk paslon 02")
    assert framing == "negated"


@pytest.mark.parametrize(
    "text",
    [
        "TIDAK BENAR bahwa server KPU diretas hacker China, hasil pemilu diubah untuk memenangkan paslon 02",
        "[SALAH] Server KPU diretas hacker China, hasil pemilu diubah untuk memenangkan paslon 02",
        "Hoaks: server KPU diretas hacker China, hasil pemilu diubah untuk memenangkan paslon 02",
        "Klarifikasi: server KPU diretas hacker China, hasil pemilu diubah untuk memenangkan paslon 02",
        "Cek fakta. Beredar unggahan yang menyebut server KPU diretas hacker China, hasil pemilu diubah untuk "
        "memenangkan paslon 02. Faktanya, KPU memastikan sistemnya aman; narasi itu disinformasi.",
    ],
)
def test_debunks_and_the_fact_check_quoting_the_hoax_are_no_match(text: str) -> None:
    assert matched(text)[2] == "debunk"


def test_saying_it_is_not_a_hoax_asserts_it() -> None:
    assert (
        matched("Ini bukan hoaks! Server KPU diretas hacker China, hasil pemilu diubah untuk paslon 02")[2] == "assert"
    )


def test_debunk_cue_in_unrelated_text_far_away_does_not_hide_the_hoax() -> None:
    filler = " ".join(["kemarin saya makan bakso enak sekali di warung dekat rumah"] * 6)
    cid, _sim, framing = matched(
        f"Hoaks covid sudah lewat. {filler}. Surat suara paslon 1 sudah dicoblos di gudang KPU"
    )
    assert cid == SURAT.id and framing == "assert"


def test_question_matches_as_question_and_raises_no_alert() -> None:
    event = _event(text="Benarkah server KPU diretas hacker China dan hasil pemilu diubah untuk paslon 02?")
    found = INDEX.match(event.text)
    assert found is not None and found.claim.id == KPU.id and found.framing == "question"
    assert not evaluate(event, {"text": _scores(0.0)}, THRESHOLDS, claims={"text": found}).detections


def test_rejected_match_and_retired_claim_stop_matching() -> None:
    text = "Server KPU diretas hacker China, hasil pemilu diubah untuk memenangkan paslon 02!!"
    rejected = ClaimIndex([KPU, SURAT], rejected={(KPU.id, content_fingerprint(text))})
    assert rejected.match(text) is None
    assert matched("Server KPU diretas hacker China, hasil pemilu diubah demi paslon 02", rejected)[0] == KPU.id
    assert ClaimIndex([KPU.retire(), SURAT]).match(text) is None


def test_ordinary_and_short_posts_do_not_match() -> None:
    for text in ("ok", "Mantap timnas menang 2-0 tadi malam!", "Selamat pagi warga, jangan lupa sarapan"):
        assert matched(text)[1] < 0.7


def _event(action: str = "post", text: str = "", target: str = "", followers: int = 10) -> Event:
    return Event(
        event_id="e-1",
        platform="x",
        action=action,
        account=Account("1", "@a"),
        created_at=datetime(2024, 11, 20, 1, 0, tzinfo=UTC),
        text=text,
        target=Target("t", "@b", target) if target else None,
        metrics={"followers": followers},
        region="Kota Uji",
    )


def _scores(hoax: float) -> dict[str, float]:
    return {"endorsement": 0.0, "attack": 0.0, "political": 0.5, "hoax": hoax, "hate_sara": 0.0}


def test_claim_match_raises_hoax_with_claim_evidence() -> None:
    event = _event("share", text="sebarkan!", target=KPU.claim_text, followers=50_000)
    matches = {s: m for s, t in claim_texts(event).items() if (m := INDEX.match(t)) is not None}
    thresholds = {**THRESHOLDS, "claims.similarity": 0.7}
    decision = evaluate(event, {"text": _scores(0.0), "target": _scores(0.0)}, thresholds, claims=matches)
    (hoax,) = [d for d in decision.detections if d.rule == "hoax"]
    (claim,) = [e.as_dict() for e in hoax.evidence if e.kind == "claim"]
    assert claim["claim_id"] == KPU.id and claim["url"] == KPU.url and claim["publisher"] == KPU.publisher
    assert claim["date"] == "2024-02-15" and claim["title"] == KPU.title and claim["similarity"] > 0.9
    assert claim["span"] and hoax.source == "target"
    assert severity(hoax, event) in ("medium", "high", "critical")


def test_below_threshold_debunk_and_likes_raise_nothing_and_style_alone_is_low() -> None:
    thresholds = {**THRESHOLDS, "claims.similarity": 0.99}
    event = _event(text="Server KPU diretas hacker China, hasil pemilu diubah untuk paslon 02 ya")
    found = INDEX.match(event.text)
    assert found is not None and found.similarity < 0.99
    assert not evaluate(event, {"text": _scores(0.0)}, thresholds, claims={"text": found}).detections
    debunk = _event(text="TIDAK BENAR bahwa " + KPU.claim_text)
    quoted = INDEX.match(debunk.text)
    assert quoted is not None and quoted.framing == "debunk"
    assert not evaluate(debunk, {"text": _scores(0.0)}, THRESHOLDS, claims={"text": quoted}).detections
    assert claim_texts(_event("like", target=KPU.claim_text)) == {}
    styled = _event(text="heboh sekali", followers=500_000)
    (style,) = evaluate(styled, {"text": _scores(0.99)}, THRESHOLDS).detections
    assert [e.kind for e in style.evidence] == ["style_score"] and severity(style, styled, 5) == "low"


def test_claim_hits_rows_from_a_written_alert() -> None:
    alert = {
        "type": "hoax", "alert_id": "hoax-1", "event_id": "e-1", "platform": "x", "action": "post",
        "account": {"id": "1", "handle": "@a"}, "region": "Kota Uji", "explanation": {"reach": 900},
        "event_time": "2024-11-20T08:15:00+07:00", "severity": "medium",
        "evidence": [{"kind": "claim", "claim_id": KPU.id, "similarity": 0.9}],
    }  # fmt: skip
    ((cid, at, row),) = claim_hits(alert)
    assert cid == KPU.id and row["reach"] == 900 and row["region"] == "Kota Uji" and at > 1.7e9
    assert claim_hits({**alert, "type": "hate_sara"}) == []


def test_claim_spread_escalates_once_when_the_nth_account_in_a_region_repeats_it() -> None:
    from pantau.domain.alert import Alert
    from pantau.escalation.policy import EscalationPolicy, claim_spread_due

    policy = EscalationPolicy(claim_accounts=3, claim_window_hours=24)
    evidence = [{"kind": "claim", "claim_id": KPU.id, "framing": "assert"}]

    def alert(handle: str, region: str = "Kota Uji") -> Alert:
        raw = {"type": "hoax", "platform": "x", "account": {"handle": handle}, "region": region, "evidence": evidence}
        return Alert.from_json(raw)

    def hit(handle: str, region: str = "Kota Uji") -> dict[str, object]:
        return {"platform": "x", "handle": handle, "region": region}

    assert not claim_spread_due(alert("@c"), [hit("@a")], policy)
    assert not claim_spread_due(alert("@c"), [hit("@a"), hit("@b", "Kota Lain")], policy)  # other region
    assert claim_spread_due(alert("@c"), [hit("@a"), hit("@b"), hit("@a")], policy)  # the third account
    assert not claim_spread_due(alert("@d"), [hit("@a"), hit("@b"), hit("@c")], policy)  # already escalated
    assert not claim_spread_due(alert("@b"), [hit("@a"), hit("@b")], policy)  # the same account again
    question = Alert.from_json({**alert("@c").to_json(), "evidence": [{**evidence[0], "framing": "question"}]})
    assert not claim_spread_due(question, [hit("@a"), hit("@b")], policy)
    assert not claim_spread_due(alert("@c"), [hit("@a"), hit("@b")], EscalationPolicy(claim_accounts=0))


def test_escalation_evidence_names_the_claim_and_its_fact_check() -> None:
    from pantau.escalation.evidence import build_evidence, render_id

    alert = {
        "alert_id": "hoax-1", "type": "hoax", "severity": "high", "action": "post", "platform": "x",
        "account": {"id": "1", "handle": "@a"}, "region": "Kota Uji", "excerpt": "server KPU diretas",
        "event_time": "2024-11-20T08:15:00+07:00", "explanation": {"label": "claim", "score": 0.9},
        "evidence": [{"kind": "claim", "claim_id": KPU.id, "title": KPU.title, "url": KPU.url,
                      "publisher": KPU.publisher, "date": KPU.date, "similarity": 0.93}],
    }  # fmt: skip
    package = build_evidence(
        escalation_id="esc-1", reason="claim_spread", created_at="now", alerts=[alert], reporting_body="Tim"
    )
    assert package["incidents"][0]["claim"]["url"] == KPU.url
    text = render_id(package)
    assert KPU.title in text and KPU.url in text and "TurnBackHoax" in text
    assert "diulang banyak akun" in text


class KeywordEmbedder:
    """A stand-in encoder: one dimension per keyword family, so "retold" texts land close to their claim."""

    FAMILIES = (("retas", "bobol", "hack"), ("kpu", "sirekap"), ("china", "asing"), ("pemilu", "hasil", "suara"))

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        rows = np.array(
            [[1.0 + sum(k in t for k in family) for family in self.FAMILIES] for t in texts], dtype=np.float32
        )
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_stems_and_idf_weighted_support() -> None:
    assert stem("pelacaknya") == stem("pelacak") and stem("didiskualifikasi") == stem("mendiskualifikasi")
    words = WordIndex([match_text(KPU.claim_text), match_text(SURAT.claim_text)])
    support = words.coverage(match_text("hacker china bobol server KPU"))
    assert support[0] > 0.25 and support.get(1, 0.0) < 0.25


def test_a_topic_word_and_a_number_are_no_support() -> None:
    """A campaign slogan shares "coblos" and the pair's number with a claim about voting for that pair."""
    claim = Claim.new("Untuk semua pendukung saya jangan lupa coblos no 2 Prabowo Gibran")
    words = WordIndex([match_text(claim.claim_text), match_text(KPU.claim_text)])
    assert 0 not in words.coverage(match_text("Ayo coblos nomor 2! Pemimpin yang tepat untuk Sukamaju"))
    assert words.coverage(match_text("pendukung prabowo jangan lupa coblos 2"))[0] > 0.5


def test_meaning_needs_shared_rare_words_and_respects_negation() -> None:
    embedder = KeywordEmbedder()
    index = ClaimIndex([KPU, SURAT, BANSOS], embedder=embedder)
    retold = "Hacker China sukses bobol server KPU, hasil pemilu sudah diatur buat 02"
    found = index.match(retold, lexical_floor=0.7, semantic_floor=0.9)
    assert found is not None and found.method == "semantic" and found.claim.id == KPU.id
    assert found.framing == "assert" and found.scores["support"] >= 0.25
    negated = index.match("Server KPU tidak dibobol hacker China, hasil pemilu aman", semantic_floor=0.9)
    assert negated is None or negated.framing != "assert"
    calls = embedder.calls
    unrelated = index.match("Harga cabai naik lagi di pasar pagi ini", semantic_floor=0.9)
    assert unrelated is None or (unrelated.method == "lexical" and unrelated.similarity < 0.7)
    assert embedder.calls == calls  # no shared words: the encoder is never asked
    assert index.match("hacker KPU", semantic_floor=0.9) is None  # too few words to assert anything


def test_a_question_elsewhere_in_a_long_post_does_not_hide_the_hoax() -> None:
    text = (
        "Ada yang tahu apa jadwal posyandu minggu depan? Anak saya belum imunisasi. Oh iya, surat suara paslon 1 "
        "sudah dicoblos duluan di gudang KPU, sebarkan sebelum dihapus"
    )
    assert matched(text)[0] == SURAT.id and matched(text)[2] == "assert"


def test_matching_by_meaning_is_budgeted_per_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    from pantau.claims import step

    monkeypatch.setattr(step, "SEMANTIC_TEXTS_PER_BATCH", 2)  # the first post and its one candidate claim
    index = ClaimIndex([KPU, SURAT, BANSOS], embedder=KeywordEmbedder())
    events = [
        _event(text=f"Hacker China sukses bobol server KPU, hasil pemilu sudah diatur buat 02 ({i})") for i in range(3)
    ]
    methods = [m.get("text") and m["text"].method for m in step.match_events(index, events, 0.7, 0.9)]
    assert methods[0] == "semantic" and "semantic" not in methods[1:]


def test_style_alone_is_off_at_threshold_one() -> None:
    from pantau.claims.model import threshold_defaults

    styled = _event(text="heboh sekali beritanya")
    defaults = {**THRESHOLDS, **threshold_defaults(thresholds_configured=False)}
    assert defaults["hoax.hoax"] == 1.0
    assert not evaluate(styled, {"text": _scores(1.0)}, defaults).detections
    assert "hoax.hoax" not in threshold_defaults(thresholds_configured=True)


def test_a_new_version_keeps_the_embeddings_of_unchanged_claims() -> None:
    embedder = KeywordEmbedder()
    first = ClaimIndex([KPU, SURAT], embedder=embedder)
    first.match("Hacker China sukses bobol server KPU, hasil pemilu sudah diatur buat 02", semantic_floor=0.9)
    assert KPU.id in first.embedded()
    second = ClaimIndex([KPU, SURAT, BANSOS], embedder=embedder, embedded=first.embedded())
    calls = embedder.calls
    second.match("Hacker China sukses bobol server KPU, hasil pemilu sudah diatur buat 02", semantic_floor=0.9)
    assert embedder.calls == calls + 1  # the post only: KPU's vector came over from the first index
