"""Kafka client security from settings: SASL (PLAIN or SCRAM) over TLS, or TLS alone, for Faust and for
kafka-python alike. Secrets come only from the environment (SecretStr) and are never logged."""

from __future__ import annotations

import ssl
from typing import Any

from pantau.errors import ConfigError
from pantau.settings import Settings


def _context(settings: Settings) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(settings.kafka_ssl_cafile) if settings.kafka_ssl_cafile else None)
    if settings.kafka_ssl_certfile:
        context.load_cert_chain(
            str(settings.kafka_ssl_certfile), str(settings.kafka_ssl_keyfile) if settings.kafka_ssl_keyfile else None
        )
    return context


def _check(settings: Settings) -> None:
    if settings.kafka_security_protocol.startswith("SASL") and (
        not settings.kafka_sasl_username or settings.kafka_sasl_password is None
    ):
        raise ConfigError("SASL needs PANTAU_KAFKA_SASL_USERNAME and PANTAU_KAFKA_SASL_PASSWORD")


def kafka_python_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for kafka-python's producer, consumer and admin client."""
    _check(settings)
    protocol = settings.kafka_security_protocol
    options: dict[str, Any] = {"security_protocol": protocol}
    if protocol in ("SSL", "SASL_SSL"):
        options["ssl_context"] = _context(settings)
    if protocol.startswith("SASL"):
        options.update(
            sasl_mechanism=settings.kafka_sasl_mechanism,
            sasl_plain_username=settings.kafka_sasl_username,
            sasl_plain_password=settings.kafka_sasl_password.get_secret_value()
            if settings.kafka_sasl_password
            else None,
        )
    return options


def faust_credentials(settings: Settings) -> Any:
    """Faust's `broker_credentials` (None for PLAINTEXT)."""
    import faust

    _check(settings)
    protocol = settings.kafka_security_protocol
    if protocol == "PLAINTEXT":
        return None
    if protocol == "SSL":
        return faust.SSLCredentials(_context(settings))
    password = settings.kafka_sasl_password.get_secret_value() if settings.kafka_sasl_password else ""
    context = _context(settings) if protocol == "SASL_SSL" else None
    if settings.kafka_sasl_mechanism == "PLAIN":
        return faust.SASLCredentials(username=settings.kafka_sasl_username, password=password, ssl_context=context)
    mechanism = "SCRAM-SHA-512" if settings.kafka_sasl_mechanism == "SCRAM-SHA-512" else "SCRAM-SHA-256"
    return faust.SASLCredentials(
        username=settings.kafka_sasl_username, password=password, ssl_context=context, mechanism=mechanism
    )
