"""The one merge of thresholds and the client-configuring settings sections."""

from __future__ import annotations

from pantau.claims.model import CLAIM_DEFAULTS
from pantau.domain.thresholds import thresholds_in_force
from pantau.settings import DEFAULT_THRESHOLDS, Settings


def test_layers_lowest_first_rule_defaults_settings_then_live_overrides() -> None:
    labels = {**DEFAULT_THRESHOLDS, "hoax": 0.6}
    merged = thresholds_in_force(labels, {"hoax": 0.9, "claims.similarity": 0.5}, labels_configured=False)
    assert merged["hoax"] == 0.9 and merged["claims.similarity"] == 0.5
    assert merged["claims.semantic"] == CLAIM_DEFAULTS["claims.semantic"] and merged["hoax.hoax"] == 1.0
    assert "hoax.hoax" not in thresholds_in_force(labels, labels_configured=True)


def test_without_labels_configured_only_the_labels_and_overrides() -> None:
    assert thresholds_in_force(DEFAULT_THRESHOLDS, {"attack": 0.6}) == {**DEFAULT_THRESHOLDS, "attack": 0.6}


def test_thresholds_configured_follows_the_environment() -> None:
    assert Settings().thresholds_configured is False
    assert Settings(thresholds={"hoax": 0.8}).thresholds_configured is True


def test_kafka_section_knows_its_clients() -> None:
    settings = Settings(kafka_url="kafka://a:1,kafka://b:2", topic_partitions=3)
    assert settings.kafka.bootstrap == "a:1,b:2" == settings.kafka_bootstrap
    assert settings.kafka.partitions == 3
    assert settings.kafka.as_kafka_python_dict() == {"security_protocol": "PLAINTEXT"}
    assert settings.redis.url.get_secret_value() == settings.redis_url.get_secret_value()
    assert settings.redis.client_options()["socket_timeout"] > 0
