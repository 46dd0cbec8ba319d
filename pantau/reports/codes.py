"""Tracking codes a reporter keeps: `LPR-7K2M-Q9XD`. Forty random bits in Crockford's base32 (no I, L, O,
U: nothing to misread when a code is read out over the phone), so a code cannot be guessed from another."""

from __future__ import annotations

import re
import secrets

PREFIX = "LPR"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE = re.compile(rf"^{PREFIX}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")
# What people type instead of the letters the alphabet leaves out.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_code() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{PREFIX}-{chars[:4]}-{chars[4:]}"


def parse_code(text: str) -> str | None:
    """A typed or pasted code in its canonical form, or None if it cannot be one."""
    cleaned = text.strip().upper()[:32]
    if cleaned.startswith(PREFIX):
        head, body = cleaned[:3], cleaned[3:].translate(_READ_AS)
        cleaned = head + body
    if len(cleaned) == 11 and "-" not in cleaned[3:]:  # LPR7K2MQ9XD typed without dashes
        cleaned = f"{cleaned[:3]}-{cleaned[3:7]}-{cleaned[7:]}"
    return cleaned if _CODE.match(cleaned) else None


def event_id_for(code: str) -> str:
    """The report's event id on `pantau.events`: one per tracking code, so redelivery changes nothing."""
    return f"report-{code}"
