"""Kafka client security from settings: SASL (PLAIN or SCRAM) over TLS, or TLS alone, for Faust and for
kafka-python alike. Secrets come only from the environment (SecretStr) and are never logged. The knowledge
lives on the settings' Kafka section (pantau/settings_sections.py); these are the callers' short names."""

from __future__ import annotations

from typing import Any

from pantau.settings import Settings


def kafka_python_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for kafka-python's producer, consumer and admin client."""
    return settings.kafka.as_kafka_python_dict()


def faust_credentials(settings: Settings) -> Any:
    """Faust's `broker_credentials` (None for PLAINTEXT)."""
    return settings.kafka.faust_credentials()
