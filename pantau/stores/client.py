"""One-shot async Redis access for command-line verbs, and the small conversions every store needs."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from pantau.settings import Settings

T = TypeVar("T")


def as_text(value: Any) -> str:
    """A Redis reply (bytes) or anything else as text."""
    return value.decode() if isinstance(value, bytes) else str(value)


def utc_iso(epoch_s: float | None = None) -> str:
    """UTC time to the second, ISO 8601 with Z; now by default."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch_s))


def run_with_redis(settings: Settings, action: Callable[[Any], Awaitable[T]]) -> T:
    """Run `action(client)` on a fresh client, closing it afterwards."""
    import redis.asyncio as aioredis

    async def run() -> T:
        client = aioredis.from_url(settings.redis_url.get_secret_value(), socket_timeout=10)
        try:
            return await action(client)
        finally:
            await client.aclose()

    return asyncio.run(run())
