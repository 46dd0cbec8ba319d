"""Recorded scores for the threshold what-if: stream `pantau:scores`, one entry per scored event holding its
five scores and whether the account is a neutrality-bound roster person. No ids, no text; trimmed by age."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from redis.asyncio import Redis

from pantau.domain.labels import LABELS, Scores
from pantau.domain.whatif import ScoreSample
from pantau.stores.keys import SCORES

MAXLEN = 1_000_000


class ScoreStore:
    def __init__(self, client: Redis, *, retention_s: int) -> None:
        self._client: Any = client
        self._retention_s = retention_s

    async def record(self, rows: Sequence[tuple[Scores, bool]]) -> None:
        if not rows:
            return
        oldest = int((time.time() - self._retention_s) * 1000)
        async with self._client.pipeline(transaction=False) as pipe:
            for scores, bound in rows:
                packed = ",".join(f"{scores.get(label, 0.0):.4f}" for label in LABELS)
                pipe.xadd(SCORES, {"s": packed, "b": "1" if bound else "0"}, maxlen=MAXLEN, approximate=True)
            pipe.xtrim(SCORES, minid=oldest, approximate=True)
            await pipe.execute()

    async def samples(self, since_s: float, page: int = 10_000) -> list[ScoreSample]:
        """Every recorded event since `since_s` (epoch seconds)."""
        out: list[ScoreSample] = []
        start = str(int(since_s * 1000))
        while True:
            batch = await self._client.xrange(SCORES, min=start, max="+", count=page)
            for _ref, fields in batch:
                values = [float(v) for v in fields[b"s"].decode().split(",")]
                out.append(ScoreSample(dict(zip(LABELS, values, strict=True)), fields[b"b"] == b"1"))
            if len(batch) < page:
                return out
            start = "(" + batch[-1][0].decode()
