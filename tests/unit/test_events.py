import json

import pytest

from pantau.domain.events import parse_event
from pantau.errors import InvalidEvent

VALID = {
    "event_id": "x-1789",
    "platform": "x",
    "action": "like",
    "account": {"id": "12345", "handle": "@budi_s"},
    "text": "",
    "target": {"id": "t1", "author": "@paslon2_official", "text": "Coblos nomor 2!"},
    "url": "https://x.example/1",
    "created_at": "2024-11-20T08:15:00+07:00",
    "region": "Kota Bengkulu",
    "metrics": {"followers": 1200, "likes": 35, "shares": 4, "views": 900},
    "unknown_field": {"kept": "and ignored"},
}


def raw(obj: object) -> bytes:
    return json.dumps(obj).encode()


def with_(**changes: object) -> bytes:
    return raw({**VALID, **changes})


def without(*keys: str) -> bytes:
    return raw({k: v for k, v in VALID.items() if k not in keys})


def reason_of(payload: bytes, max_bytes: int = 64 * 1024) -> str:
    with pytest.raises(InvalidEvent) as info:
        parse_event(payload, max_bytes)
    return info.value.reason


def test_valid_event_parses_with_all_fields() -> None:
    event = parse_event(raw(VALID))
    assert event.event_id == "x-1789"
    assert event.action == "like"
    assert event.account.handle == "@budi_s"
    assert event.target is not None and event.target.author == "@paslon2_official"
    assert event.created_at.utcoffset() is not None
    assert event.reach == 1200


def test_minimal_event_with_only_required_fields() -> None:
    payload = raw(
        {
            "event_id": "e",
            "platform": "other",
            "action": "post",
            "account": {"id": "1"},
            "created_at": "2024-11-20T01:15:00Z",
            "text": "halo",
        }
    )
    event = parse_event(payload)
    assert event.target is None and event.metrics == {} and event.reach == 0


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"x" * 70_000, "too_large"),
        (b'{"event_id": "\xff"}', "invalid_utf8"),
        (b'{"event_id": "\xed\xa0\x80"}', "invalid_utf8"),  # an encoded surrogate is not UTF-8
        (b"{not json", "invalid_json"),
        (b"", "invalid_json"),
        (b"[[1]]", "not_an_object"),
        (b"[" * 5000 + b"]" * 5000, "invalid_json"),  # nesting too deep
        (b"[" * 40_000, "invalid_json"),
        (b'"just a string"', "not_an_object"),
        (b'{"event_id": "a", "event_id": "b"}', "duplicate_key"),
        (b'{"metrics": {"views": NaN}}', "non_finite_number"),
        (b'{"metrics": {"views": -Infinity}}', "non_finite_number"),
        (b'{"event_id": "\\ud800"}', "lone_surrogate"),
        (b'{"\\udfff": 1}', "lone_surrogate"),
    ],
)
def test_malformed_bytes_are_rejected_with_reason(payload: bytes, reason: str) -> None:
    assert reason_of(payload) == reason


@pytest.mark.parametrize("field", ["event_id", "platform", "action", "account", "created_at"])
def test_missing_required_field(field: str) -> None:
    assert reason_of(without(field)) == "missing_field"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"event_id": 17}, "wrong_type"),
        ({"event_id": "  "}, "missing_field"),
        ({"account": {"id": 12345}}, "wrong_type"),
        ({"account": {"handle": "@x"}}, "missing_field"),
        ({"account": "12345"}, "wrong_type"),
        ({"platform": "friendster"}, "invalid_value"),
        ({"action": "retweet"}, "invalid_value"),
        ({"created_at": "yesterday"}, "invalid_value"),
        ({"created_at": "2024-11-20T08:15:00"}, "invalid_value"),  # no offset: local time unknown
        ({"metrics": {"views": "900"}}, "wrong_type"),
        ({"metrics": {"views": True}}, "wrong_type"),
        ({"metrics": {"views": -1}}, "invalid_value"),
        ({"metrics": {"views": 1.5}}, "wrong_type"),
        ({"target": "someone"}, "wrong_type"),
        ({"text": ["a"]}, "wrong_type"),
        ({"url": 5}, "wrong_type"),
        ({"target": {"text": "   "}}, "empty_text"),
        ({"target": None}, "empty_text"),
    ],
)
def test_mistyped_or_invalid_fields(changes: dict[str, object], reason: str) -> None:
    assert reason_of(with_(**changes)) == reason


def test_error_message_names_the_field() -> None:
    with pytest.raises(InvalidEvent, match=r"account\.id must be a string, got number"):
        parse_event(with_(account={"id": 1}))


def test_payload_limit_is_configurable() -> None:
    assert reason_of(raw(VALID), max_bytes=100) == "too_large"
