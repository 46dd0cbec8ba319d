"""Sections of the settings that know how to configure their client (as quix-streams' `ConnectionConfig`
does): `settings.kafka`, `settings.redis`. Built from the flat `Settings`, which keeps the PANTAU_* names."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, SecretStr

from pantau.errors import ConfigError


class KafkaSection(BaseModel):
    """The brokers, their security and the consumer group's timing."""

    model_config = ConfigDict(frozen=True)

    url: str
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]
    sasl_username: str | None
    sasl_password: SecretStr | None
    ssl_cafile: Path | None
    ssl_certfile: Path | None
    ssl_keyfile: Path | None
    consumer_group: str
    partitions: int
    rebalance_timeout_s: float
    session_timeout_s: float
    heartbeat_interval_s: float
    fetch_max_wait_ms: int

    @property
    def bootstrap(self) -> str:
        """`host:port[,host:port]` for kafka-python from a `kafka://` URL."""
        return ",".join(part.split("://", 1)[-1] for part in self.url.split(","))

    def check(self) -> None:
        if self.security_protocol.startswith("SASL") and (not self.sasl_username or self.sasl_password is None):
            raise ConfigError("SASL needs PANTAU_KAFKA_SASL_USERNAME and PANTAU_KAFKA_SASL_PASSWORD")

    def ssl_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=str(self.ssl_cafile) if self.ssl_cafile else None)
        if self.ssl_certfile:
            context.load_cert_chain(str(self.ssl_certfile), str(self.ssl_keyfile) if self.ssl_keyfile else None)
        return context

    def as_kafka_python_dict(self) -> dict[str, Any]:
        """Keyword arguments for kafka-python's producer, consumer and admin client."""
        self.check()
        options: dict[str, Any] = {"security_protocol": self.security_protocol}
        if self.security_protocol in ("SSL", "SASL_SSL"):
            options["ssl_context"] = self.ssl_context()
        if self.security_protocol.startswith("SASL"):
            options.update(
                sasl_mechanism=self.sasl_mechanism,
                sasl_plain_username=self.sasl_username,
                sasl_plain_password=self.sasl_password.get_secret_value() if self.sasl_password else None,
            )
        return options

    def faust_credentials(self) -> Any:
        """Faust's `broker_credentials` (None for PLAINTEXT)."""
        import faust

        self.check()
        if self.security_protocol == "PLAINTEXT":
            return None
        if self.security_protocol == "SSL":
            return faust.SSLCredentials(self.ssl_context())
        password = self.sasl_password.get_secret_value() if self.sasl_password else ""
        context = self.ssl_context() if self.security_protocol == "SASL_SSL" else None
        if self.sasl_mechanism == "PLAIN":
            return faust.SASLCredentials(username=self.sasl_username, password=password, ssl_context=context)
        mechanism = "SCRAM-SHA-512" if self.sasl_mechanism == "SCRAM-SHA-512" else "SCRAM-SHA-256"
        return faust.SASLCredentials(
            username=self.sasl_username, password=password, ssl_context=context, mechanism=mechanism
        )


class RedisSection(BaseModel):
    model_config = ConfigDict(frozen=True)

    url: SecretStr
    retry_max_s: float

    def client_options(self) -> dict[str, Any]:
        """Socket options every short-lived client (CLI, stores) takes: a Redis that stops answering is an
        error within seconds, not a hang."""
        return {"socket_timeout": 10, "socket_connect_timeout": 5}
