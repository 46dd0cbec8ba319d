"""Standard Webhooks signatures: HMAC-SHA256 over "id.timestamp.body", base64, "v1," prefixed. Pure.

Several secrets may be configured at once (space- or comma-separated) so a secret can be rotated without
a gap: the sender signs with every one of them, a receiver accepts a match with any of its own.
Every secret must be `whsec_<base64>` and is used as the decoded bytes: the official Standard Webhooks
libraries base64-decode whatever string they are given, so a raw secret used as its own bytes here would
sign with a key the receiver never derives (every delivery rejected). A raw secret is refused instead.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pantau.errors import PantauError

SIGNATURE_VERSION = "v1"
DEFAULT_TOLERANCE_S = 300


class SignatureError(PantauError):
    """A webhook request is unsigned, wrongly signed, or outside the timestamp tolerance."""


PREFIX = "whsec_"
MIN_KEY_BYTES = 16  # the convention asks for 24 to 64 random bytes; below 16 a key is guessable in principle
FIX = "PANTAU_WEBHOOK_SECRET must be whsec_<base64 of 24+ random bytes>; `pantau escalations new-secret` prints one"


def new_secret() -> str:
    """A fresh secret in the form every Standard Webhooks library accepts."""
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _decode(part: str) -> bytes:
    if not part.startswith(PREFIX):
        raise SignatureError(f"{FIX} (a secret without whsec_ is not accepted: receivers would base64-decode it)")
    body = part.removeprefix(PREFIX)
    if not body:  # an empty key would sign with nothing: anyone could forge the signature
        raise SignatureError(f"webhook secret whsec_ is empty: {FIX}")
    try:
        # Strict alphabet (the libraries silently drop stray characters, giving another key); padding optional,
        # as the libraries accept unpadded secrets.
        key = base64.b64decode(body + "=" * (-len(body) % 4), validate=True)
    except binascii.Error as exc:
        raise SignatureError(f"webhook secret {part[:8]}… is not valid base64 after whsec_: {FIX}") from exc
    if len(key) < MIN_KEY_BYTES:
        raise SignatureError(f"webhook secret {part[:8]}… decodes to {len(key)} bytes, too short: {FIX}")
    return key


def parse_secrets(value: str) -> list[bytes]:
    """Keys from a configured secret list (SignatureError names the fix for a malformed one)."""
    keys = [_decode(part) for part in re.split(r"[\s,]+", value.strip()) if part]
    if not keys:
        raise SignatureError(f"no webhook secret configured: {FIX}")
    return keys


def sign(key: bytes, msg_id: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode()}"


def signed_headers(keys: Sequence[bytes], msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three Standard Webhooks headers, with one signature per configured key."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(sign(key, msg_id, timestamp, body) for key in keys),
    }


@dataclass(frozen=True, slots=True)
class Verified:
    msg_id: str
    timestamp: int


def verify(
    keys: Sequence[bytes],
    headers: Mapping[str, str],
    body: bytes,
    *,
    now: float,
    tolerance_s: int = DEFAULT_TOLERANCE_S,
) -> Verified:
    """The request's id and timestamp if any signature matches any key; SignatureError says why not."""
    lowered = {k.lower(): v for k, v in headers.items()}
    msg_id = lowered.get("webhook-id", "")
    raw_ts = lowered.get("webhook-timestamp", "")
    signatures = lowered.get("webhook-signature", "")
    if not msg_id or not raw_ts or not signatures:
        raise SignatureError("missing webhook-id, webhook-timestamp or webhook-signature header")
    try:
        timestamp = int(raw_ts)
    except ValueError:
        raise SignatureError("webhook-timestamp is not an integer") from None
    if abs(now - timestamp) > tolerance_s:
        raise SignatureError(f"webhook-timestamp is {int(now - timestamp)} s off (tolerance {tolerance_s} s)")
    expected = {sign(key, msg_id, timestamp, body).encode() for key in keys}
    for candidate in signatures.split():
        if any(hmac.compare_digest(candidate.encode(), want) for want in expected):
            return Verified(msg_id, timestamp)
    raise SignatureError("no signature matches")
