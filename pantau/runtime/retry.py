"""Retry an awaitable operation with capped exponential backoff and full jitter, until it succeeds."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


async def retry_until_done(
    operation: Callable[[], Awaitable[T]],
    *,
    what: str,
    on_error: Callable[[Exception], None],
    first_delay_s: float = 0.1,
    max_delay_s: float = 10.0,
) -> T:
    """Run `operation` until it returns; each failure is reported, then waited out. Cancellation stops it.

    Dropping is never an option for alert and dead-letter writes, so there is no attempt limit: the
    caller's batch stays unacknowledged, and Kafka redelivers it if this process dies meanwhile.
    """
    delay = first_delay_s
    attempt = 0
    while True:
        try:
            return await operation()
        except Exception as exc:
            attempt += 1
            on_error(exc)
            pause = random.uniform(delay / 2, delay)
            log.warning("%s failed (attempt %d: %s); retrying in %.2fs", what, attempt, _describe(exc), pause)
            await asyncio.sleep(pause)
            delay = min(delay * 2, max_delay_s)


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def backoff_delay(attempt: int, *, base_s: float, max_s: float, rand: float) -> float:
    """Exponential backoff with equal jitter: half the ceiling plus a random half (rand in [0, 1))."""
    ceiling = min(max_s, base_s * 2 ** max(0, attempt - 1))
    return ceiling / 2 + rand * ceiling / 2
