"""Property tests: no input, however malformed, makes validation or normalisation raise anything but the
documented InvalidEvent; obfuscation that people use to slip past filters normalises away."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.serving.normalize import normalize
from pantau.domain.events import REASONS, parse_event
from pantau.errors import InvalidEvent

VALID = {
    "event_id": "e1",
    "platform": "x",
    "action": "post",
    "account": {"id": "1"},
    "created_at": "2024-11-20T08:15:00+07:00",
    "text": "halo",
}
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def outcome(raw: bytes) -> str:
    try:
        parse_event(raw, max_bytes=64 * 1024)
        return "valid"
    except InvalidEvent as exc:
        assert exc.reason in REASONS, exc.reason
        return exc.reason


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_are_rejected_with_a_reason_never_a_crash(raw: bytes) -> None:
    outcome(raw)


@settings(max_examples=300)
@given(JSON_VALUES)
def test_arbitrary_json_is_rejected_with_a_reason_never_a_crash(value: object) -> None:
    outcome(json.dumps(value).encode())


@settings(max_examples=300)
@given(
    st.dictionaries(st.sampled_from([*sorted(VALID), "target", "metrics", "url", "region"]), JSON_VALUES, max_size=6)
)
def test_mistyped_fields_are_rejected_with_a_reason(overrides: dict[str, object]) -> None:
    outcome(json.dumps({**VALID, **overrides}).encode())


@settings(max_examples=200)
@given(st.text(min_size=1, max_size=300).filter(str.strip))
def test_any_unicode_text_in_a_valid_event_is_accepted_as_is(text: str) -> None:
    raw = json.dumps({**VALID, "text": text}, ensure_ascii=False).encode("utf-8", "surrogatepass")
    try:
        event = parse_event(raw)
    except InvalidEvent as exc:
        assert exc.reason in ("lone_surrogate", "invalid_utf8")  # surrogates are not text
        return
    assert event.text == text


def test_payload_of_ten_megabytes_is_refused_before_it_is_parsed() -> None:
    raw = json.dumps({**VALID, "text": "a" * 10 * 1024 * 1024}).encode()
    assert outcome(raw) == "too_large"


@settings(max_examples=200)
@given(
    st.text(alphabet=st.characters(categories=["Ll", "Lu", "Zs"]), max_size=80),
    st.lists(st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]), max_size=10),
    st.randoms(),
)
def test_zero_width_characters_never_change_the_normalised_text(text: str, junk: list[str], rnd: object) -> None:
    chars = list(text)
    for mark in junk:
        chars.insert(rnd.randint(0, len(chars)), mark)  # type: ignore[attr-defined]
    assert normalize("".join(chars)) == normalize(text)


def test_common_obfuscations_normalise_to_the_clean_text() -> None:
    clean = normalize("ayo coblos paslon nomor dua")
    for variant in (
        "ayo c0bl0s p4sl0n nomor dua",
        "ayo co\u200bblos pas\u200dlon nomor dua",
        "ayo соblos paslon nomor dua",  # Cyrillic о and с
        "AYO COBLOS PASLON NOMOR DUA",
    ):
        assert normalize(variant) == clean, variant
