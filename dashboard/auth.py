"""Staff accounts, password hashes, sessions and CSRF tokens. Pure except for reading the users file.

Accounts come from configuration: a file (`PANTAU_DASHBOARD_USERS_FILE`) with one line per person,
`name:role:scrypt$n$r$p$salt$hash`, written by `pantau dashboard user add`. Roles: `read` sees alerts and
people; `triage` may also confirm, dismiss, assign and escalate.

scrypt runs at OWASP's recommended strength (N=2^17, r=8, p=1: 128 MiB, about a third of a second). Each
hash records its parameters, so hashes made with weaker ones still verify and are replaced on the next
successful login (`needs_rehash`, `rehash_user`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path

from pantau.errors import PantauError

ROLES = ("read", "triage")
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
MAX_SCRYPT_N = 2**20  # a users file asking for more memory than this is refused, not obeyed


class AuthError(PantauError):
    """A users file line, name, role or password is unacceptable."""


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str
    password_hash: str

    @property
    def can_triage(self) -> bool:
        return self.role == "triage"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    if not (1 < n <= MAX_SCRYPT_N and 0 < r <= 32 and 0 < p <= 16):
        raise ValueError("scrypt parameters out of range")
    # hashlib's default memory cap (32 MiB) is below what N=2^17, r=8 needs (128 MiB).
    maxmem = 128 * r * (n + p + 2) + 1024 * 1024
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=maxmem)


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    if len(password) < 10:
        raise AuthError("passwords must have at least 10 characters")
    salt = salt or secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def check_password(password: str, encoded: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = encoded.split("$")
        if scheme != "scrypt":
            return False
        computed = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
        return hmac.compare_digest(computed, base64.b64decode(digest))
    except (ValueError, TypeError):
        return False


def needs_rehash(encoded: str) -> bool:
    """True for a hash made with weaker parameters than the current ones."""
    try:
        _scheme, n, r, p, _salt, _digest = encoded.split("$")
        return int(n) < SCRYPT_N or int(r) < SCRYPT_R or int(p) < SCRYPT_P
    except ValueError:
        return True


# A login for a name that does not exist is checked against this, at today's cost: no timing tells names apart.
DUMMY_HASH = f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(bytes(16))}${_b64(bytes(32))}"


def parse_users(text: str) -> dict[str, User]:
    users: dict[str, User] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(":")
        if len(parts) != 3 or not parts[0] or parts[1] not in ROLES or not parts[2].startswith("scrypt$"):
            raise AuthError(f"users file line {number}: expected name:role:scrypt$… with role one of {ROLES}")
        users[parts[0]] = User(parts[0], parts[1], parts[2])
    return users


def load_users(path: Path | None) -> dict[str, User]:
    if path is None or not path.exists():
        return {}
    return parse_users(path.read_text(encoding="utf-8"))


def upsert_user(path: Path, name: str, role: str, password: str) -> None:
    """Add or replace one account in the users file (created with mode 0600)."""
    if not name or ":" in name or name != name.strip():
        raise AuthError("a user name must be non-empty and contain no ':' or surrounding spaces")
    if role not in ROLES:
        raise AuthError(f"role must be one of {ROLES}")
    users = load_users(path)
    users[name] = User(name, role, hash_password(password))
    _write_users(path, users)


def rehash_user(path: Path, name: str, password: str) -> bool:
    """Re-hash one account's password at today's strength if its stored hash is weaker; True if rewritten.

    Called only after `password` was checked against the stored hash, so it is the account's password."""
    users = load_users(path)
    user = users.get(name)
    if user is None or not needs_rehash(user.password_hash) or not check_password(password, user.password_hash):
        return False
    users[name] = User(name, user.role, hash_password(password))
    _write_users(path, users)
    return True


def _write_users(path: Path, users: dict[str, User]) -> None:
    # Rewritten in place, not renamed over: the file may be a single bind-mounted file in a container.
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.write_text("".join(f"{u.name}:{u.role}:{u.password_hash}\n" for u in users.values()), encoding="utf-8")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_key(token: str) -> str:
    """Sessions are stored under the token's hash: a Redis dump does not hand out live sessions."""
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_ok(expected: str, supplied: str | None) -> bool:
    return bool(supplied) and hmac.compare_digest(expected.encode(), (supplied or "").encode())
