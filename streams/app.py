"""The Faust application: broker settings tuned for at-least-once processing with manual acks."""

from __future__ import annotations

from typing import Any

import faust

from pantau.settings import Settings, state_dir
from streams.security import faust_credentials
from streams.topics import INPUT_TOPIC


def limit_fetch_wait(max_wait_ms: int) -> None:
    """Cap how long the worker's fetch requests wait for data on the broker.

    Faust hard-codes aiokafka's `fetch_max_wait_ms=1500`. A broker that holds an empty fetch for that long
    (Tansu does) delivers a trickle of events in bursts, and each burst's first event waits out most of
    the window: measured with `pantau bench`, that wait dominated end-to-end latency at moderate rates.
    """
    from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

    original = getattr(AIOKafkaConsumerThread._create_worker_consumer, "__wrapped__", None)
    create = original or AIOKafkaConsumerThread._create_worker_consumer

    def create_worker_consumer(self: Any, transport: Any) -> Any:
        consumer = create(self, transport)
        consumer._fetch_max_wait_ms = max_wait_ms  # read once, when the consumer starts its fetcher
        return consumer

    create_worker_consumer.__wrapped__ = create  # type: ignore[attr-defined]
    AIOKafkaConsumerThread._create_worker_consumer = create_worker_consumer  # type: ignore[method-assign]


def create_app(settings: Settings) -> faust.App:
    """A Faust app with no tables and no web server (metrics are served by prometheus_client)."""
    limit_fetch_wait(settings.fetch_max_wait_ms)
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
        broker_credentials=faust_credentials(settings),
        datadir=str(state_dir() / "faust"),
    )


def input_topic(app: faust.App) -> Any:
    """The input topic as raw bytes: validation is ours, so a bad payload cannot fail inside Faust."""
    return app.topic(INPUT_TOPIC, key_serializer="raw", value_serializer="raw")
