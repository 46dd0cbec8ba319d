"""Topic names fixed by CONTRACT.md, and idempotent topic creation with kafka-python's admin client."""

from __future__ import annotations

import logging
from typing import Any

from pantau.errors import ConfigError

log = logging.getLogger(__name__)

INPUT_TOPIC = "pantau.events"
DLQ_TOPIC = "pantau.events.dlq"


def ensure_topics(
    bootstrap: str,
    partitions: int,
    topics: tuple[str, ...] = (INPUT_TOPIC, DLQ_TOPIC),
    client_options: dict[str, Any] | None = None,
) -> None:
    """Create the topics that do not exist yet; existing topics are left as they are."""
    from kafka.admin import KafkaAdminClient, NewTopic
    from kafka.errors import KafkaError, TopicAlreadyExistsError

    try:
        admin = KafkaAdminClient(
            bootstrap_servers=bootstrap, client_id="pantau-admin", request_timeout_ms=15000, **(client_options or {})
        )
    except KafkaError as exc:
        raise ConfigError(f"cannot reach Kafka at {bootstrap}: {exc}") from exc
    try:
        missing = [t for t in topics if t not in set(admin.list_topics())]
        for topic in missing:
            try:
                admin.create_topics([NewTopic(topic, num_partitions=partitions, replication_factor=1)])
                log.info("created topic %s with %d partitions", topic, partitions)
            except TopicAlreadyExistsError:
                pass  # another process created it meanwhile
    finally:
        admin.close()
