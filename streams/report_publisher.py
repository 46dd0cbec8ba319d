"""Citizen reports onto `pantau.events`, from the dashboard, with aiokafka (the dashboard is an aiohttp app).

Started on the first report, not with the dashboard: the report page and the staff UI must come up while
Kafka is still starting. `publish` returns only once the broker has acknowledged the event (acks=all), so a
tracking code handed to a reporter always stands for an event the worker will see.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from pantau.errors import SinkError
from pantau.settings import Settings
from streams.security import kafka_python_options
from streams.topics import INPUT_TOPIC


class ReportPublisher:
    def __init__(self, settings: Settings, topic: str = INPUT_TOPIC) -> None:
        self._settings = settings
        self._topic = topic
        self._producer: Any = None
        self._lock = asyncio.Lock()

    async def _started(self) -> Any:
        async with self._lock:
            if self._producer is None:
                from aiokafka import AIOKafkaProducer

                producer = AIOKafkaProducer(
                    bootstrap_servers=self._settings.kafka_bootstrap,
                    acks="all",
                    linger_ms=5,
                    client_id="pantau-reports",
                    request_timeout_ms=int(self._settings.reports_publish_timeout_s * 1000),
                    **kafka_python_options(self._settings),
                )
                try:
                    await asyncio.wait_for(producer.start(), self._settings.reports_publish_timeout_s)
                except BaseException:
                    await producer.stop()
                    raise
                self._producer = producer
            return self._producer

    async def publish(self, event: dict[str, Any]) -> None:
        """Send one report event keyed by its event_id; SinkError when the broker does not take it in time."""
        value = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()
        try:
            producer = await self._started()
            await asyncio.wait_for(
                producer.send_and_wait(self._topic, value=value, key=event["event_id"].encode()),
                self._settings.reports_publish_timeout_s,
            )
        except Exception as exc:  # any client failure means the same to a reporter: not filed, try again
            raise SinkError(f"Kafka did not take the report: {type(exc).__name__}") from None

    async def close(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None
