"""Our signatures verify with the official `standardwebhooks` library given the same configured string; a
configuration the library would read differently is refused with a line naming the fix."""

from __future__ import annotations

import base64
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from pantau.escalation.signing import SignatureError, new_secret, parse_secrets, signed_headers

BODY = '{"escalation_id": "esc-1", "tingkat": "kritis", "teks": "Laporan dugaan pelanggaran — netralitas"}'.encode()


def deliver(configured: str) -> dict[str, str]:
    return signed_headers(parse_secrets(configured), "esc-1", int(time.time()), BODY)


def test_a_generated_secret_verifies_with_the_official_library() -> None:
    secret = new_secret()
    assert secret.startswith("whsec_")
    assert Webhook(secret).verify(BODY, deliver(secret))["escalation_id"] == "esc-1"


def test_during_rotation_a_receiver_with_either_secret_verifies() -> None:
    old, new = new_secret(), new_secret()
    headers = deliver(f"{old} {new}")
    for receiver_secret in (old, new):
        Webhook(receiver_secret).verify(BODY, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify(BODY, headers)


@pytest.mark.parametrize(
    "configured",
    [
        "kunci-rahasia-bawaslu-2024",  # raw: the library would base64-decode it into other bytes
        "c2VjcmV0LWtleS1vZi1iYXdhc2x1",  # base64 but no prefix: refused rather than guessed at
        "whsec_",  # empty
        "whsec_c2VjcmV0",  # 6 bytes: too short
        "whsec_a2V5LWtleS1rZXkta2V5LWtleQ-_",  # URL-safe alphabet: the library would drop `-_`, another key
        "whsec_not base64!",
    ],
)
def test_secrets_the_library_reads_differently_are_refused_naming_the_fix(configured: str) -> None:
    with pytest.raises(SignatureError, match="pantau escalations new-secret") as caught:
        parse_secrets(configured)
    assert "\n" not in str(caught.value)
    if not configured.startswith("whsec_"):
        assert configured not in str(caught.value), "the secret itself is never echoed"


@given(key=st.binary(min_size=16, max_size=64), unpadded=st.booleans())
def test_any_accepted_secret_verifies_with_the_official_library(key: bytes, unpadded: bool) -> None:
    encoded = base64.b64encode(key).decode()
    configured = "whsec_" + (encoded.rstrip("=") if unpadded else encoded)
    assert parse_secrets(configured) == [key]
    Webhook(configured).verify(BODY, deliver(configured))


@given(configured=st.text(max_size=60))
def test_whatever_is_configured_is_refused_or_verifies(configured: str) -> None:
    try:
        headers = deliver(configured)
    except SignatureError:
        return
    for part in configured.replace(",", " ").split():
        Webhook(part).verify(BODY, headers)
