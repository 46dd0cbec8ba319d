"""One-shot async Redis access for command-line verbs, and the small conversions every store needs."""

from __future__ import annotations

import asyncio
import time
import urllib.parse
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from pantau.errors import ConfigError, Unreachable
from pantau.runtime.reachable import probe, redis_address, unreachable_message
from pantau.settings import Settings

T = TypeVar("T")

# One set for every client: reads block at most 2 s (XREAD), so 10 s means Redis is gone; the health check
# notices a connection a proxy dropped while idle.
SOCKET_TIMEOUT_S = 10
CONNECT_TIMEOUT_S = 5
HEALTH_CHECK_S = 15


def connect(url: str) -> Any:
    """The async Redis client every process uses (redis.asyncio.Redis); connects on first use."""
    import redis.asyncio as aioredis

    return aioredis.from_url(
        url,
        socket_timeout=SOCKET_TIMEOUT_S,
        socket_connect_timeout=CONNECT_TIMEOUT_S,
        health_check_interval=HEALTH_CHECK_S,
    )


def as_text(value: Any) -> str:
    """A Redis reply (bytes) or anything else as text."""
    return value.decode() if isinstance(value, bytes) else str(value)


def utc_iso(epoch_s: float | None = None) -> str:
    """UTC time to the second, ISO 8601 with Z; now by default."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch_s))


def run_with_redis(settings: Settings, action: Callable[[Any], Awaitable[T]]) -> T:
    """Run `action(client)` on a fresh client, closing it afterwards; a Redis that does not answer is
    Unreachable, with the address (never the password) and the fix."""
    from redis.exceptions import AuthenticationError
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    url = settings.redis_url.get_secret_value()

    async def run() -> T:
        client = connect(url)
        try:
            return await action(client)
        finally:
            await client.aclose()

    try:
        return asyncio.run(run())
    except AuthenticationError as exc:
        raise ConfigError(
            f"Redis at {redis_address(url)} refused the login ({exc}): put the right password in PANTAU_REDIS_URL "
            "(redis://:PASSWORD@host:6379/0)"
        ) from None
    except (RedisConnectionError, RedisTimeoutError) as exc:
        # The probe says "connection refused" where redis-py says "Error 111 connecting to …. Connect call …".
        parts = urllib.parse.urlsplit(url)
        refused = probe(parts.hostname or "127.0.0.1", parts.port or 6379) if parts.scheme != "unix" else None
        reason = refused or ("timed out" if isinstance(exc, RedisTimeoutError) else " ".join(str(exc).split()))
        raise Unreachable(unreachable_message("Redis", redis_address(url), reason)) from None


class Blocking:
    """The async client for sync code (the demo, the scenario, the bench): awaits each store call on a private
    event loop, so sync callers use the same stores instead of a second, blocking copy of each."""

    def __init__(self, url: str) -> None:
        self._runner = asyncio.Runner()
        self.client = connect(url)

    def __call__(self, pending: Coroutine[Any, Any, T]) -> T:
        return self._runner.run(pending)

    def close(self) -> None:
        try:
            self._runner.run(self.client.aclose())
        finally:
            self._runner.close()

    def __enter__(self) -> Blocking:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
