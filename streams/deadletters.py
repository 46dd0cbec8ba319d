"""Dead letters to `pantau.events.dlq` through the Faust app's own producer, awaited until acknowledged."""

from __future__ import annotations

from collections.abc import Sequence

import faust

from pantau.domain.deadletter import Rejection, dead_letter_headers, dead_letter_value
from streams.topics import DLQ_TOPIC


class FaustDeadLetterWriter:
    """Publishes each rejection and returns only once the broker has acknowledged all of them."""

    def __init__(self, app: faust.App, topic: str = DLQ_TOPIC) -> None:
        self._app = app
        self._topic = topic

    async def write(self, rejections: Sequence[Rejection]) -> None:
        for rejection in rejections:
            await self._app.producer.send_and_wait(
                self._topic,
                rejection.record.key,
                dead_letter_value(rejection),
                None,
                None,
                dead_letter_headers(rejection),
            )
