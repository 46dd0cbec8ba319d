"""Dead-letter records for `pantau.events.dlq`: the original bytes plus why and where they were rejected.

The original travels base64-encoded (it may not be UTF-8) and, when it is text, also readable. Payloads
larger than `keep_bytes` keep a prefix, their size and their SHA-256: an excerpt, never an archive.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawRecord:
    """A consumed Kafka message, independent of the client library that fetched it."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    timestamp_ms: int | None = None


@dataclass(frozen=True, slots=True)
class Rejection:
    """A message that will not be processed, with a reason code (metric label) and a readable error."""

    record: RawRecord
    reason: str
    error: str


DEFAULT_KEEP_BYTES = 256 * 1024

# Reasons for events that were valid but could not be processed (validation reasons live in events.py).
INFERENCE_FAILED = "inference_failed"
PROCESSING_FAILED = "processing_failed"
PROCESSING_REASONS = (INFERENCE_FAILED, PROCESSING_FAILED)


def dead_letter_value(rejection: Rejection, keep_bytes: int = DEFAULT_KEEP_BYTES) -> bytes:
    """The JSON value of the dead-letter message for one rejection."""
    record = rejection.record
    kept = record.value[:keep_bytes]
    try:
        readable: str | None = kept.decode("utf-8")
    except UnicodeDecodeError:
        readable = None
    envelope = {
        "error": rejection.error,
        "reason": rejection.reason,
        "source_topic": record.topic,
        "partition": record.partition,
        "offset": record.offset,
        "timestamp_ms": record.timestamp_ms,
        "key": record.key.decode("utf-8", "backslashreplace") if record.key is not None else None,
        "original_b64": base64.b64encode(kept).decode("ascii"),
        "original": readable,
        "original_size": len(record.value),
        "original_sha256": hashlib.sha256(record.value).hexdigest(),
        "original_truncated": len(kept) < len(record.value),
    }
    return json.dumps(envelope, ensure_ascii=False).encode("utf-8")


def dead_letter_headers(rejection: Rejection) -> list[tuple[str, bytes]]:
    """The same facts as Kafka headers, for consumers that route without parsing the value."""
    record = rejection.record
    return [
        ("error", rejection.error.encode("utf-8")),
        ("reason", rejection.reason.encode("utf-8")),
        ("source_topic", record.topic.encode("utf-8")),
        ("partition", str(record.partition).encode("ascii")),
        ("offset", str(record.offset).encode("ascii")),
    ]
