"""Security settings: loopback binds by default, Kafka SASL/TLS options, secrets never shown."""

from __future__ import annotations

import pytest

from pantau.errors import ConfigError
from pantau.settings import Settings
from streams.security import faust_credentials, kafka_python_options


def test_every_listener_binds_to_loopback_by_default() -> None:
    settings = Settings()
    assert settings.metrics_host == "127.0.0.1" and settings.dashboard_host == "127.0.0.1"


def test_plaintext_by_default_and_sasl_ssl_when_configured() -> None:
    assert kafka_python_options(Settings()) == {"security_protocol": "PLAINTEXT"}
    assert faust_credentials(Settings()) is None
    settings = Settings(
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_username="pantau",
        kafka_sasl_password="rahasia-kafka",
        kafka_sasl_mechanism="SCRAM-SHA-512",
    )
    options = kafka_python_options(settings)
    assert options["security_protocol"] == "SASL_SSL" and options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert options["sasl_plain_username"] == "pantau" and options["sasl_plain_password"] == "rahasia-kafka"
    assert options["ssl_context"] is not None
    credentials = faust_credentials(settings)
    assert credentials.username == "pantau" and "SCRAM" in str(credentials.mechanism)


def test_sasl_without_credentials_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match="SASL"):
        kafka_python_options(Settings(kafka_security_protocol="SASL_SSL"))


def test_secrets_are_masked_in_any_rendering_of_the_settings() -> None:
    settings = Settings(
        kafka_sasl_password="kata-sandi-kafka",
        webhook_secret="whsec_c2VjcmV0",
        redis_url="redis://pantau:kata-sandi-redis@127.0.0.1:6379/0",
        api_token="token-rahasia",
        pseudonym_key="kunci-pseudonim",
    )
    shown = repr(settings) + str(settings) + settings.model_dump_json()
    for secret in ("kata-sandi-kafka", "c2VjcmV0", "kata-sandi-redis", "token-rahasia", "kunci-pseudonim"):
        assert secret not in shown
