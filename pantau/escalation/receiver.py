"""A reference receiver for escalations, standing in for Bawaslu's endpoint: it verifies Standard Webhooks
signatures, rejects stale timestamps, accepts each webhook-id once and appends what it accepted to a JSONL
record (fsynced before it answers 200, so an acknowledgement is never a lie).

A repeated webhook-id is answered 200 "duplicate" and not recorded again: an honest retry after a lost
answer stops, and a captured request replayed within the tolerance changes nothing.
`fail_with` and `delay_s` make it misbehave on purpose, for tests and drills.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aiohttp import web

from pantau.escalation.signing import DEFAULT_TOLERANCE_S, SignatureError, verify

log = logging.getLogger(__name__)


class Receiver:
    def __init__(
        self,
        keys: Sequence[bytes],
        record: Path,
        *,
        tolerance_s: int = DEFAULT_TOLERANCE_S,
        fail_with: int | None = None,
        delay_s: float = 0.0,
    ) -> None:
        self._keys = list(keys)
        self._record = record
        self._tolerance_s = tolerance_s
        self._fail_with = fail_with
        self._delay_s = delay_s
        self._lock = asyncio.Lock()
        self.accepted: dict[str, str] = {}
        self.duplicates = 0
        self.rejected = 0
        record.parent.mkdir(parents=True, exist_ok=True)
        if record.exists():
            for line in record.read_text().splitlines():
                if line.strip():
                    entry = json.loads(line)
                    self.accepted[entry["webhook_id"]] = entry["received_at"]

    async def receive(self, request: web.Request) -> web.Response:
        body = await request.read()
        if self._fail_with:
            return web.json_response({"error": "told to fail"}, status=self._fail_with)
        try:
            verified = verify(self._keys, request.headers, body, now=time.time(), tolerance_s=self._tolerance_s)
        except SignatureError as exc:
            self.rejected += 1
            log.warning("rejected a webhook: %s", exc)
            return web.json_response({"error": str(exc)}, status=401)
        try:
            evidence: Any = json.loads(body)
        except ValueError:
            self.rejected += 1
            return web.json_response({"error": "body is not JSON"}, status=400)
        if self._delay_s:
            await asyncio.sleep(self._delay_s)
        async with self._lock:
            if verified.msg_id in self.accepted:
                self.duplicates += 1
                return web.json_response({"status": "duplicate", "webhook_id": verified.msg_id})
            received_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            line = {
                "webhook_id": verified.msg_id,
                "received_at": received_at,
                "timestamp": verified.timestamp,
                "evidence": evidence,
            }
            with self._record.open("a", encoding="utf-8") as out:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                out.flush()
                os.fsync(out.fileno())
            self.accepted[verified.msg_id] = received_at
        log.info("accepted %s", verified.msg_id)
        return web.json_response({"status": "accepted", "webhook_id": verified.msg_id})

    async def summary(self, _request: web.Request) -> web.Response:
        return web.json_response(
            {
                "accepted": len(self.accepted),
                "duplicates": self.duplicates,
                "rejected": self.rejected,
                "ids": sorted(self.accepted),
            }
        )

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/", self.receive)
        app.router.add_post("/webhook", self.receive)
        app.router.add_get("/accepted", self.summary)
        return app
