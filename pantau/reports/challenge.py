"""The built-in proof-of-work challenge of the public report page (no outside captcha service).

The server hands out a signed token; the reporter's browser finds a number such that
sha256(token ":" number) starts with `bits` zero bits (about 2^bits hashes: a second or two on a phone, and
the same cost again for every further report a flooder wants to file). The token is signed, so it needs no
server state until it is used; the store remembers used nonces so each token files at most one report.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from pantau.errors import PantauError

VERSION = "v1"
MAX_SOLUTION_CHARS = 20


class ChallengeFailed(PantauError):
    """A proof-of-work token is missing, forged, expired or not solved."""


@dataclass(frozen=True, slots=True)
class Solved:
    nonce: str  # remember it until `expires_at` so the token cannot be used twice
    expires_at: int


def _mac(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()[:32]


def issue(key: bytes, now: float, bits: int) -> str:
    body = f"{VERSION}.{secrets.token_hex(12)}.{int(now)}.{bits}"
    return f"{body}.{_mac(key, body)}"


def leading_zero_bits(digest: bytes) -> int:
    count = 0
    for byte in digest:
        if byte == 0:
            count += 8
            continue
        return count + 8 - byte.bit_length()
    return count


def work(token: str, solution: str) -> int:
    return leading_zero_bits(hashlib.sha256(f"{token}:{solution}".encode()).digest())


def verify(key: bytes, token: str, solution: str, *, now: float, max_age_s: int, min_bits: int) -> Solved:
    """The token's nonce when the token is ours, fresh and solved; ChallengeFailed saying what to do."""
    parts = token.split(".")
    if len(parts) != 5 or parts[0] != VERSION:
        raise ChallengeFailed("the anti-spam check is missing: reload the page and send again")
    body, mac = ".".join(parts[:4]), parts[4]
    if not hmac.compare_digest(mac, _mac(key, body)):
        raise ChallengeFailed("the anti-spam check is not ours: reload the page and send again")
    nonce, issued, bits = parts[1], parts[2], parts[3]
    if not issued.isdigit() or not bits.isdigit() or int(bits) < min_bits:
        raise ChallengeFailed("the anti-spam check is too weak: reload the page and send again")
    if not 0 <= now - int(issued) <= max_age_s:
        raise ChallengeFailed("the anti-spam check expired: reload the page and send again")
    if not solution.isdigit() or len(solution) > MAX_SOLUTION_CHARS or work(token, solution) < int(bits):
        raise ChallengeFailed("the anti-spam check was not solved: wait until the page says it is ready")
    return Solved(nonce, int(issued) + max_age_s)


def solve(token: str) -> str:
    """The first number that solves a token (what the page's script does; used by tests and tools)."""
    bits = int(token.split(".")[3])
    n = 0
    while work(token, str(n)) < bits:
        n += 1
    return str(n)
