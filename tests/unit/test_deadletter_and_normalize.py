import base64
import json

from nlp.serving.normalize import normalize
from pantau.domain.deadletter import RawRecord, Rejection, dead_letter_headers, dead_letter_value
from pantau.runtime.probes import histogram_quantile


def test_dead_letter_carries_original_bytes_and_position() -> None:
    record = RawRecord("pantau.events", 2, 41, b"k", b"\xff\xfebroken", 1_700_000_000_000)
    value = json.loads(dead_letter_value(Rejection(record, "invalid_utf8", "invalid_utf8: at byte 0")))
    assert base64.b64decode(value["original_b64"]) == b"\xff\xfebroken"
    assert value["original"] is None
    assert (value["source_topic"], value["partition"], value["offset"]) == ("pantau.events", 2, 41)
    assert value["error"].startswith("invalid_utf8") and value["reason"] == "invalid_utf8"
    headers = dict(dead_letter_headers(Rejection(record, "invalid_utf8", "e")))
    assert headers["offset"] == b"41" and headers["source_topic"] == b"pantau.events"


def test_huge_payload_is_kept_as_an_excerpt_with_digest() -> None:
    record = RawRecord("pantau.events", 0, 1, None, b"a" * 10_000, None)
    value = json.loads(dead_letter_value(Rejection(record, "too_large", "big"), keep_bytes=100))
    assert value["original_truncated"] is True
    assert value["original_size"] == 10_000
    assert len(base64.b64decode(value["original_b64"])) == 100
    assert len(value["original_sha256"]) == 64


def test_normalize_folds_social_media_noise() -> None:
    text = "AYO\u200b coblos @paslon2 https://t.co/x #JokowiLagi mantaaaap 1000"
    assert normalize(text) == "ayo coblos user url jokowi lagi mantaap 1000"


def test_normalize_is_idempotent() -> None:
    once = normalize("Ｈｏａｘ!!! #Ganti2024Presiden")
    assert normalize(once) == once


def test_histogram_quantile_interpolates_within_buckets() -> None:
    metrics = {
        "x_bucket{le=0.1}": 50.0,
        "x_bucket{le=0.5}": 90.0,
        "x_bucket{le=1.0}": 100.0,
        "x_bucket{le=+Inf}": 100.0,
    }
    assert histogram_quantile(metrics, "x", 0.5) == 0.1
    assert abs((histogram_quantile(metrics, "x", 0.7) or 0) - 0.3) < 1e-9
    assert histogram_quantile({}, "x", 0.5) is None
