"""The Faust application: broker settings tuned for at-least-once processing with manual acks."""

from __future__ import annotations

from typing import Any

import faust

from pantau.settings import Settings, state_dir
from streams.topics import INPUT_TOPIC


def create_app(settings: Settings) -> faust.App:
    """A Faust app with no tables and no web server (metrics are served by prometheus_client)."""
    return faust.App(
        settings.consumer_group,
        broker=settings.kafka_url,
        store="memory://",
        autodiscover=False,
        web_enabled=False,
        topic_disable_leader=True,
        topic_partitions=settings.topic_partitions,
        consumer_auto_offset_reset="earliest",
        broker_rebalance_timeout=settings.rebalance_timeout_s,
        broker_session_timeout=settings.session_timeout_s,
        broker_heartbeat_interval=settings.heartbeat_interval_s,
        producer_acks=-1,
        datadir=str(state_dir() / "faust"),
    )


def input_topic(app: faust.App) -> Any:
    """The input topic as raw bytes: validation is ours, so a bad payload cannot fail inside Faust."""
    return app.topic(INPUT_TOPIC, key_serializer="raw", value_serializer="raw")
