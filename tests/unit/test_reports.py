"""Citizen reports, the pure parts: validation and its hostile inputs, tracking codes, the proof-of-work,
folding and content keys, the report alert, the reporter's status, and a report through the batch pipeline."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from pantau.domain.events import parse_event
from pantau.domain.reference import ReferenceCache
from pantau.domain.roster import RosterEntry
from pantau.reports import challenge
from pantau.reports.case import add_report, public_status, report_alert_id, report_event
from pantau.reports.codes import new_code, parse_code
from pantau.reports.intake import (
    InvalidReport,
    alert_content_key,
    content_key,
    decode_body,
    decode_form,
    fold_key,
    normalise_handle,
    normalise_url,
    validate,
)
from tests.unit.fixtures import THRESHOLDS
from tests.unit.test_pipeline import make, record

GOOD = {
    "platform": "facebook",
    "handle": "@Siti.Rahma",
    "url": "https://www.Facebook.com/siti.rahma/posts/123/?utm_source=wa&fbclid=x#c",
    "text": "ASN ini mengajak memilih paslon 2 di grup guru",
    "content_text": "Ayo coblos nomor 2, bapak ibu guru!",
}


def test_a_good_report_is_normalised() -> None:
    report = validate(GOOD)
    assert report.handle == "@siti.rahma"
    assert report.url == "https://www.facebook.com/siti.rahma/posts/123"
    assert report.platform == "facebook" and report.contact is None


@pytest.mark.parametrize(
    ("change", "reason", "field"),
    [
        ({"platform": "myspace"}, "invalid_platform", "platform"),
        ({"handle": ""}, "missing_field", "handle"),
        ({"handle": "@b\u0430di"}, "invalid_handle", "handle"),  # Cyrillic а
        ({"handle": "@budi\u200b"}, "invalid_handle", "handle"),  # zero-width space
        ({"handle": "<script>alert(1)</script>"}, "invalid_handle", "handle"),
        ({"url": "javascript:alert(1)"}, "invalid_url", "url"),
        ({"url": "file:///etc/passwd"}, "invalid_url", "url"),
        ({"url": "https://user:pw@facebook.com/x"}, "invalid_url", "url"),
        ({"url": "https://f\u0430cebook.com/x"}, "invalid_url", "url"),  # look-alike host
        ({"url": "https://[::1"}, "invalid_url", "url"),
        ({"url": "https://x.com/" + "a" * 3000}, "too_long", "url"),
        ({"text": "x" * 2001}, "too_long", "text"),
        ({"content_text": "y" * 4001}, "too_long", "content_text"),
        ({"text": "   "}, "missing_field", "text"),
        ({"text": 42}, "wrong_type", "text"),
        ({"text": "ada\x00nul"}, "control_characters", "text"),
        ({"text": "lone \ud800 surrogate"}, "invalid_utf8", "text"),
        ({"contact": "0812-3456-7890"}, "consent_required", "consent"),
    ],
)
def test_hostile_or_broken_fields_are_refused_naming_the_field(change: dict[str, Any], reason: str, field: str) -> None:
    with pytest.raises(InvalidReport) as caught:
        validate({**GOOD, **change})
    assert (caught.value.reason, caught.value.field) == (reason, field)
    assert str(caught.value)


def test_scripts_in_text_are_kept_as_text() -> None:
    """Rendering makes them inert (autoescape); the words themselves are the reporter's evidence."""
    report = validate({**GOOD, "text": "<script>alert('x')</script> lihat ini"})
    assert report.text.startswith("<script>")


def test_contact_with_consent_is_kept() -> None:
    assert validate({**GOOD, "contact": "warga@example.org", "consent": "on"}).contact == "warga@example.org"


def test_handles_fold_case_fullwidth_and_at() -> None:
    assert normalise_handle("＠Ｂｕｄｉ＿ｓ") == normalise_handle("budi_s") == "@budi_s"


def test_urls_normalise_to_one_form() -> None:
    a = normalise_url("HTTPS://X.com:443/budi/status/9/?si=abc")
    assert a == normalise_url("https://x.com/budi/status/9") == "https://x.com/budi/status/9"


def test_bodies_refuse_broken_utf8_duplicates_and_size() -> None:
    for raw, reason in [
        (b'{"text": "\xff"}', "invalid_utf8"),
        (b'{"text": "a", "text": "b"}', "invalid_json"),
        (b'{"text": "\\ud800"}', "invalid_utf8"),
        (b"[1]", "not_an_object"),
        (b"x" * 20_000, "too_large"),
    ]:
        with pytest.raises(InvalidReport) as caught:
            decode_body(raw, 16_384)
        assert caught.value.reason == reason
    with pytest.raises(InvalidReport, match="UTF-8"):
        decode_form(b"text=%FF%FE", 16_384)
    with pytest.raises(InvalidReport, match="twice"):
        decode_form(b"text=a&text=b", 16_384)
    assert decode_form(b"text=ASN+kampanye+%F0%9F%93%A2", 16_384) == {"text": "ASN kampanye 📢"}


def test_identical_reports_fold_and_content_keys_match_alerts() -> None:
    report = validate(GOOD)
    again = validate({**GOOD, "text": "  asn INI mengajak memilih   paslon 2 di grup guru ", "handle": "siti.rahma"})
    assert fold_key(report) == fold_key(again)
    assert fold_key(report) != fold_key(validate({**GOOD, "text": "lain"}))
    alert = {"platform": "facebook", "account": {"handle": "@Siti.Rahma"}, "url": GOOD["url"]}
    assert alert_content_key(alert) == content_key(report.platform, report.handle, report.url)
    assert alert_content_key({"platform": "facebook", "account": {"handle": None}, "url": "x"}) is None


def test_tracking_codes_are_canonical_and_forgiving() -> None:
    code = new_code()
    assert parse_code(code) == code
    assert parse_code(code.lower().replace("-", "")) == code
    assert parse_code("LPR-OOOO-IIII") == "LPR-0000-1111"
    for bad in ("", "LPR-1234", "<script>", "LPR-UUUU-!!!!", "x" * 100):
        assert parse_code(bad) is None


def test_proof_of_work_verifies_only_solved_fresh_own_tokens() -> None:
    key = b"k" * 32
    token = challenge.issue(key, 1000, 8)
    solution = challenge.solve(token)
    assert challenge.verify(key, token, solution, now=1010, max_age_s=600, min_bits=8).expires_at == 1600
    cases = [
        (b"other" * 8, token, solution, 1010, "not ours"),
        (key, token, solution, 2000, "expired"),
        (key, token, "", 1010, "not solved"),
        (key, "v1.x", solution, 1010, "missing"),
    ]
    for k, t, s, now, message in cases:
        with pytest.raises(challenge.ChallengeFailed, match=message):
            challenge.verify(k, t, s, now=now, max_age_s=600, min_bits=8)
    with pytest.raises(challenge.ChallengeFailed, match="weak"):
        challenge.verify(key, token, solution, now=1010, max_age_s=600, min_bits=12)


def test_report_event_passes_event_validation_without_contact() -> None:
    report = validate({**GOOD, "contact": "0812", "consent": True})
    code = new_code()
    body = report_event(report, code, reporter="rep-1", received_at=datetime(2024, 11, 20, tzinfo=UTC), channel="web")
    assert "0812" not in json.dumps(body)
    event = parse_event(json.dumps(body).encode())
    assert (event.action, event.tracking_code, event.target and event.target.author) == ("report", code, "@siti.rahma")


def test_a_report_event_needs_its_code_and_the_reported_handle() -> None:
    body = report_event(validate(GOOD), new_code(), reporter="r", received_at=datetime.now(UTC), channel="web")
    for broken, message in [
        ({**body, "report": {"tracking_code": "nope"}}, "not a tracking code"),
        ({**body, "target": {"id": "u", "text": "t"}}, "target.author"),
        ({k: v for k, v in body.items() if k != "report"}, "report"),
    ]:
        with pytest.raises(Exception, match=message):
            parse_event(json.dumps(broken).encode())


def test_status_follows_triage() -> None:
    assert public_status(None, attached=False) == "received"
    assert public_status({"status": "new"}, attached=True) == "received"
    assert public_status({"status": "confirmed"}, attached=True) == "in_review"
    assert public_status({"status": "confirmed", "escalation_requested": True}, attached=True) == "forwarded"
    assert public_status({"status": "dismissed"}, attached=True) == "closed"


class MemoryCases:
    def __init__(self) -> None:
        self.cases: dict[str, dict[str, Any]] = {}
        self.seen: set[str] = set()
        self.indexed: list[str] = []

    async def attach(self, alert: dict[str, Any], event: Any) -> str:
        if event.tracking_code in self.seen:
            return "duplicate"
        self.seen.add(event.tracking_code)
        if alert["alert_id"] in self.cases:
            self.cases[alert["alert_id"]] = add_report(self.cases[alert["alert_id"]], event, 100)
            return "repeat"
        self.cases[alert["alert_id"]] = alert
        return "new"

    async def index_alerts(self, alerts: Any) -> None:
        self.indexed += [a["alert_id"] for a in alerts]


def _report_record(offset: int, text: str, content: str = "") -> Any:
    body = report_event(
        validate({**GOOD, "text": text, "content_text": content}),
        new_code(),
        reporter=f"rep-{offset}",
        received_at=datetime(2024, 11, 20, 8, tzinfo=UTC),
        channel="web",
    )
    return record(offset, body)


def test_reports_through_the_pipeline_raise_one_case_counting_reporters() -> None:
    cases = MemoryCases()
    reference = ReferenceCache(THRESHOLDS)
    entry = RosterEntry("facebook", "77", "@Siti.Rahma", "h" * 32, "Siti", "Dinas", "PNS", "Kota Uji")
    reference.roster = {entry.key: entry}
    processor, sink, dlq, registry = make(reports=cases, reference=reference)
    batch = [_report_record(0, "dia menyebar hoaks", "ini hoaks besar"), _report_record(1, "saya juga lihat")]
    asyncio.run(processor.process(batch))
    asyncio.run(processor.process(batch[:1]))  # redelivered
    (case,) = cases.cases.values()
    assert case["alert_id"] == report_alert_id("facebook", "@siti.rahma", normalise_url(GOOD["url"]))
    assert case["type"] == "citizen_report" and case["reports"] == 2 and len(case["tracking_codes"]) == 2
    assert case["asn"]["name"] == "Siti" and case["severity"] != "low"  # roster matched by handle
    assert case["account"] == {"id": "77", "handle": "@siti.rahma"}
    assert [e["kind"] for e in case["evidence"]][:2] == ["citizen_report", "rule"]  # the rules read the post
    assert not dlq.records and not sink.stored
    counts = {o: registry.get_sample_value("pantau_report_cases_total", {"outcome": o}) for o in ("new", "attached")}
    assert counts == {"new": 1.0, "attached": 1.0}
    assert registry.get_sample_value("pantau_report_cases_total", {"outcome": "duplicate"}) == 1.0


def test_new_stream_alerts_are_indexed_for_reports_to_join() -> None:
    cases = MemoryCases()
    processor, sink, _, _ = make(reports=cases)
    body = {
        "event_id": "p-1",
        "platform": "x",
        "action": "post",
        "account": {"id": "1", "handle": "@a"},
        "created_at": "2024-11-20T08:00:00+07:00",
        "text": "ini hoaks",
        "url": "https://x.com/a/status/1",
    }
    asyncio.run(processor.process([record(0, body)]))
    assert cases.indexed == list(sink.stored)


def test_roster_lookup_by_handle_follows_roster_replacement() -> None:
    cache = ReferenceCache({})
    entry = RosterEntry("x", "5", "Budi_S", "h", "Budi", "OPD", "PNS", "R")
    cache.roster = {entry.key: entry}
    assert cache.entry_by_handle("x", "@budi_s") == entry
    cache.roster = {}
    assert cache.entry_by_handle("x", "@budi_s") is None
