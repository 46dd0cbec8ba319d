"""One-shot async Redis access for command-line verbs."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from pantau.settings import Settings

T = TypeVar("T")


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
