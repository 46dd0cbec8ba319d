"""Dashboard accounts, filters, translations and the feedback rows (pure parts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.auth import AuthError, check_password, csrf_ok, hash_password, load_users, parse_users, upsert_user
from dashboard.filters import clean, matches
from dashboard.i18n import TEXT, translator
from pantau.domain.feedback import training_row

ALERT = {
    "alert_id": "a1",
    "type": "asn_neutrality",
    "severity": "high",
    "region": "Kota Sukamaju",
    "asn": {"opd": "Dinas Pendidikan"},
    "candidate": {"number": 2},
    "triage": {"status": "confirmed", "decided_by": "ana", "decided_at": "t"},
    "explanation": {"label": "endorsement"},
    "excerpt": "Ayo coblos nomor 2",
    "model_version": "m",
}


def test_passwords_are_scrypt_hashed_and_checked() -> None:
    encoded = hash_password("sandi-yang-panjang")
    assert encoded.startswith("scrypt$") and "sandi" not in encoded
    assert check_password("sandi-yang-panjang", encoded)
    assert not check_password("sandi-yang-salah!", encoded)
    assert not check_password("x", "not-a-hash")
    with pytest.raises(AuthError, match="10 characters"):
        hash_password("pendek")


def test_users_file_round_trip_and_validation(tmp_path: Path) -> None:
    path = tmp_path / "users.txt"
    upsert_user(path, "ana", "triage", "sandi-petugas-ana")
    upsert_user(path, "budi", "read", "sandi-pembaca-budi")
    upsert_user(path, "ana", "read", "sandi-baru-ana-123")
    users = load_users(path)
    assert {u.name: u.role for u in users.values()} == {"ana": "read", "budi": "read"}
    assert check_password("sandi-baru-ana-123", users["ana"].password_hash)
    assert path.stat().st_mode & 0o077 == 0
    with pytest.raises(AuthError, match="line 1"):
        parse_users("ana:admin:scrypt$x")
    with pytest.raises(AuthError):
        upsert_user(path, "a:b", "read", "sandi-panjang-sekali")
    assert load_users(tmp_path / "missing.txt") == {}


def test_csrf_needs_the_exact_token() -> None:
    assert csrf_ok("abc", "abc") and not csrf_ok("abc", "abd") and not csrf_ok("abc", None) and not csrf_ok("abc", "")


def test_filters_match_on_every_dimension() -> None:
    assert matches(
        ALERT,
        clean(
            {
                "type": "asn_neutrality",
                "opd": "Dinas Pendidikan",
                "candidate": "2",
                "status": "confirmed",
                "unknown": "x",
                "region": "",
            }
        ),
    )
    assert not matches(ALERT, {"severity": "low"})
    assert not matches({**ALERT, "triage": None}, {"status": "confirmed"})
    assert matches({**ALERT, "triage": None}, {"status": "new"})


def test_every_text_has_both_languages() -> None:
    assert all(len(pair) == 2 and all(pair) for pair in TEXT.values())
    assert translator("en")("feed") == "Alert feed" and translator("id")("feed") == "Umpan peringatan"
    assert translator("xx")("feed") == "Umpan peringatan" and translator("en")("no-such-key") == "no-such-key"


def test_feedback_rows_label_only_what_staff_decided() -> None:
    row = training_row(ALERT)
    assert row is not None and row["labels"] == {
        "endorsement": 1,
        "attack": None,
        "political": 1,
        "hoax": None,
        "hate_sara": None,
    }
    dismissed = training_row(
        {**ALERT, "type": "hoax", "explanation": {"label": "hoax"}, "triage": {"status": "dismissed"}}
    )
    assert dismissed is not None and dismissed["labels"]["hoax"] == 0 and dismissed["labels"]["political"] is None
    assert training_row({**ALERT, "triage": {"status": "new"}}) is None


def test_the_alert_page_lists_the_evidence_that_fired() -> None:
    from types import SimpleNamespace

    from dashboard.i18n import translator
    from dashboard.web import TEMPLATES

    alert = {
        "alert_id": "asn-1",
        "type": "asn_neutrality",
        "severity": "high",
        "platform": "instagram",
        "action": "like",
        "account": {"id": "1", "handle": "@a"},
        "source": {"topic": "pantau.events", "partition": 0, "offset": 1},
        "explanation": {"label": "endorsement"},
        "thresholds": {},
        "scores": {},
        "triage": {"status": "new"},
        "evidence": [
            {"kind": "campaign_account", "handle": "instagram:@budiwati.official", "pair": 1},
            {"kind": "number_cue", "phrase": "coblos nomor 1", "pair": 1},
            {"kind": "something_new", "detail": {"a": 1}},
        ],
    }
    html = TEMPLATES.get_template("alert.html").render(
        a=alert,
        t=translator("en"),
        request=SimpleNamespace(path_qs="/alerts/asn-1"),
        user=None,
        csrf="",
        lang="en",
        saved=False,
        claim=None,
        role="read",
        decisions=[],
    )
    assert "Evidence that fired" in html and "Campaign account" in html and "Number cue" in html
    assert "instagram:@budiwati.official" in html and "coblos nomor 1" in html and "something_new" in html
