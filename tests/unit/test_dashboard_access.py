"""Dashboard access: scrypt at OWASP strength with rehash of weaker hashes, the login throttle, and an
OpenAPI description that covers every registered /api route."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from dashboard.auth import (
    DUMMY_HASH,
    SCRYPT_N,
    check_password,
    hash_password,
    load_users,
    needs_rehash,
    rehash_user,
    upsert_user,
)
from dashboard.login_guard import LoginThrottle
from dashboard.openapi import SPEC

PASSWORD = "sandi-petugas-panjang"


def legacy_hash(password: str, n: int = 2**14) -> str:
    """A hash as the dashboard wrote it before: N = 2^14."""
    salt = b"garam-enam-belas"
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=8, p=1, dklen=32)
    return f"scrypt${n}$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def test_new_hashes_use_owasp_parameters_and_record_them() -> None:
    assert SCRYPT_N == 2**17
    encoded = hash_password(PASSWORD)
    assert encoded.startswith("scrypt$131072$8$1$")
    assert check_password(PASSWORD, encoded) and not check_password("salah-sandi-nya", encoded)
    assert not needs_rehash(encoded)
    assert DUMMY_HASH.startswith("scrypt$131072$8$1$"), "unknown names must cost what known ones cost"


def test_a_weaker_hash_still_verifies_and_is_upgraded_after_a_good_login(tmp_path: Path) -> None:
    users = tmp_path / "users.txt"
    users.write_text(f"ana:triage:{legacy_hash(PASSWORD)}\nbudi:read:{legacy_hash('sandi-pembaca-budi')}\n")
    old = load_users(users)["ana"].password_hash
    assert check_password(PASSWORD, old) and needs_rehash(old)

    assert not rehash_user(users, "ana", "sandi-yang-salah"), "only the account's own password re-hashes"
    assert rehash_user(users, "ana", PASSWORD)
    upgraded = load_users(users)
    assert upgraded["ana"].password_hash.startswith("scrypt$131072$8$1$") and upgraded["ana"].role == "triage"
    assert check_password(PASSWORD, upgraded["ana"].password_hash)
    assert upgraded["budi"].password_hash == legacy_hash("sandi-pembaca-budi"), "other accounts untouched"
    assert not rehash_user(users, "ana", PASSWORD), "already current"


def test_absurd_stored_parameters_are_refused_not_obeyed(tmp_path: Path) -> None:
    assert not check_password(PASSWORD, "scrypt$1073741824$8$1$AAAA$AAAA")
    upsert_user(tmp_path / "u.txt", "ana", "read", PASSWORD)
    assert (tmp_path / "u.txt").stat().st_mode & 0o777 == 0o600


def test_the_throttle_locks_a_name_after_its_limit_and_lets_it_try_again_later() -> None:
    throttle = LoginThrottle(limits={"user": 3, "address": 100}, window_s=60, lock_s=300)
    keys = {"user": "ana", "address": "10.0.0.1"}
    for t in range(2):
        throttle.failed(keys, now=t)
    assert throttle.wait_s(keys, now=2) == 0
    throttle.failed(keys, now=2)
    assert throttle.wait_s(keys, now=3) == 299
    assert throttle.wait_s({"user": "budi", "address": "10.0.0.2"}, now=3) == 0, "others are not locked"
    assert throttle.wait_s(keys, now=303) == 0


def test_failures_outside_the_window_do_not_count_and_a_good_login_clears_the_name() -> None:
    throttle = LoginThrottle(limits={"user": 3, "address": 100}, window_s=60, lock_s=300)
    keys = {"user": "ana", "address": "10.0.0.1"}
    throttle.failed(keys, now=0)
    throttle.failed(keys, now=10)
    throttle.failed(keys, now=100)  # the first two are older than the window
    assert throttle.wait_s(keys, now=101) == 0
    throttle.failed(keys, now=101)
    throttle.succeeded(keys)
    throttle.failed(keys, now=102)
    assert throttle.wait_s(keys, now=103) == 0


def test_the_address_limit_catches_many_names_from_one_place() -> None:
    throttle = LoginThrottle(limits={"user": 5, "address": 4}, window_s=60, lock_s=300)
    for i in range(4):
        throttle.failed({"user": f"nama-{i}", "address": "10.0.0.9"}, now=i)
    assert throttle.wait_s({"user": "ana", "address": "10.0.0.9"}, now=5) > 0
    assert throttle.wait_s({"user": "ana", "address": "10.0.0.8"}, now=5) == 0


def test_every_registered_api_route_is_in_the_openapi_description() -> None:
    from dashboard.app import create_app
    from pantau.settings import Settings

    app = create_app(Settings(redis_url="redis://127.0.0.1:1/0"))  # nothing connects until a request
    registered = {
        (route.resource.canonical, route.method.lower())
        for route in app.router.routes()
        if route.resource is not None
        and route.resource.canonical.startswith("/api/")
        and route.method not in ("HEAD", "OPTIONS")
    }
    described = {(path, method) for path, item in SPEC["paths"].items() for method in item}
    assert registered, "no /api routes found: the test looks in the wrong place"
    assert registered - described == set(), "describe these routes in dashboard/openapi.py"
    assert described - registered == set(), "these described routes do not exist"
    assert SPEC["openapi"].startswith("3.")
