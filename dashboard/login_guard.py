"""Login throttling and rehash-on-login around `POST /login`.

After USER_LIMIT failed logins for one name, or ADDRESS_LIMIT from one client address, within WINDOW_S,
further attempts are refused (429) for LOCK_S, whatever the password. The counts live in this process's
memory: a restart forgets them and several dashboard processes count separately (each still bounds
guessing to a few attempts a minute). Behind a reverse proxy every client shares the proxy's address, so
the address limit is set well above the per-name one.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from dashboard.auth import rehash_user

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

WINDOW_S = 15 * 60
LOCK_S = 15 * 60
USER_LIMIT = 5
ADDRESS_LIMIT = 30
MAX_KEYS = 50_000  # names are attacker-chosen: the memory they take is bounded


class LoginThrottle:
    """Failed attempts per key within a window, and locks; pure (the clock is passed in)."""

    def __init__(self, *, limits: dict[str, int], window_s: float = WINDOW_S, lock_s: float = LOCK_S) -> None:
        self._limits = limits
        self._window_s = window_s
        self._lock_s = lock_s
        self._failures: OrderedDict[tuple[str, str], list[float]] = OrderedDict()
        self._locked: dict[tuple[str, str], float] = {}

    def wait_s(self, keys: dict[str, str], now: float) -> float:
        """Seconds until any of these keys (kind -> value) may try again; 0 when none is locked."""
        waits = [self._locked.get((kind, value), 0.0) - now for kind, value in keys.items()]
        return max([0.0, *waits])

    def failed(self, keys: dict[str, str], now: float) -> None:
        for kind, value in keys.items():
            key = (kind, value)
            recent = [t for t in self._failures.pop(key, []) if now - t < self._window_s] + [now]
            if len(recent) >= self._limits[kind]:
                self._locked[key] = now + self._lock_s
                recent = []
            self._failures[key] = recent
        self._prune(now)

    def succeeded(self, keys: dict[str, str]) -> None:
        """A good login clears its name's count (not its address's: one known account must not reset it)."""
        self._failures.pop(("user", keys["user"]), None)

    def _prune(self, now: float) -> None:
        while len(self._failures) > MAX_KEYS:
            self._failures.popitem(last=False)
        if len(self._locked) > MAX_KEYS:
            self._locked = {k: until for k, until in self._locked.items() if until > now}


def login_guard(users_file: Path, registry: Any, throttle: LoginThrottle | None = None) -> Any:
    from prometheus_client import Counter

    logins = Counter(
        "pantau_dashboard_logins_total",
        "Dashboard login attempts, by outcome (success, failure, throttled).",
        ["outcome"],
        registry=registry,
    )
    guard = throttle or LoginThrottle(limits={"user": USER_LIMIT, "address": ADDRESS_LIMIT})

    @web.middleware
    async def guarded_login(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.method != "POST" or request.path != "/login":
            return await handler(request)
        form = await request.post()  # aiohttp keeps the parsed form: the login handler reads it again
        name, password = str(form.get("username", "")), str(form.get("password", ""))
        keys = {"user": name, "address": request.remote or "unknown"}
        wait = guard.wait_s(keys, time.monotonic())
        if wait > 0:
            logins.labels("throttled").inc()
            minutes = math.ceil(wait / 60)
            raise web.HTTPTooManyRequests(
                text=f"Terlalu banyak login gagal: coba lagi dalam {minutes} menit. "
                f"Too many failed logins: try again in {minutes} min.",
                headers={"Retry-After": str(math.ceil(wait))},
            )
        try:
            response = await handler(request)
        except web.HTTPFound:  # the login handler answers a good login with a redirect
            logins.labels("success").inc()
            guard.succeeded(keys)
            try:
                if await asyncio.to_thread(rehash_user, users_file, name, password):
                    log.info("a dashboard password hash was upgraded to the current scrypt parameters")
            except OSError as exc:  # a read-only users file: the login still succeeds
                log.warning("could not upgrade a password hash in %s: %s", users_file, exc.strerror)
            raise
        if response.status == 401:
            logins.labels("failure").inc()
            guard.failed(keys, time.monotonic())
        return response

    return guarded_login
