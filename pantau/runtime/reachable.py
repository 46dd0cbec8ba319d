"""Whether Kafka and Redis answer, asked before a command leans on them, and the one-line message that says
how to fix it when they do not.

A TCP connect is enough to tell "nothing listens there" (the common case: dev services not started, or the
shell lacks `.pantau/dev.env`) from everything else, and takes milliseconds where the clients' own retries
take 30 s and print a screenful. No Kafka or Redis client is imported here.
"""

from __future__ import annotations

import socket
import urllib.parse
from collections.abc import Iterable

from pantau.errors import PantauError, Unreachable

DEV_FIX = "start the dev services with `pantau dev up` and load their addresses with `. .pantau/dev.env`"
# Exceptions of the client libraries that mean "the service did not answer", by qualified class name, so
# this module (and the CLI's last line of defence) needs neither library installed to recognise them.
SERVICE_ERRORS = {
    "redis.exceptions.ConnectionError": "Redis",
    "redis.exceptions.TimeoutError": "Redis",
    "kafka.errors.NoBrokersAvailable": "Kafka",  # older kafka-python
    "kafka.errors.KafkaTimeoutError": "Kafka",
    "kafka.errors.KafkaConnectionError": "Kafka",
}
ENV_OF_SERVICE = {"Redis": "PANTAU_REDIS_URL", "Kafka": "PANTAU_KAFKA_URL"}


def redis_address(url: str) -> str:
    """host:port of a Redis URL, without user or password (the URL may carry both)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "unix":
        return parts.path
    return f"{parts.hostname or '127.0.0.1'}:{parts.port or 6379}"


def kafka_addresses(bootstrap: str) -> list[tuple[str, int]]:
    """(host, port) of each entry of a bootstrap list `host:port[,host:port]`."""
    found = []
    for entry in bootstrap.split(","):
        host, _, port = entry.strip().split("://", 1)[-1].rpartition(":")
        if host and port.isdigit():
            found.append((host.strip("[]"), int(port)))
    return found


def unreachable_message(service: str, address: str, reason: str) -> str:
    return (
        f"{service} at {address} did not answer ({reason}): {DEV_FIX}, "
        f"or set {ENV_OF_SERVICE[service]} to a running {service}"
    )


def probe(host: str, port: int, timeout_s: float = 3.0) -> str | None:
    """None when something accepts TCP connections at host:port, else why not ("connection refused")."""
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return None
    except TimeoutError:
        return f"no answer within {timeout_s:g} s"
    except OSError as exc:
        return (exc.strerror or type(exc).__name__).lower()


def require_kafka(bootstrap: str, timeout_s: float = 3.0) -> None:
    """Raise Unreachable unless at least one bootstrap broker accepts a connection."""
    addresses = kafka_addresses(bootstrap)
    reasons = [probe(host, port, timeout_s) for host, port in addresses]
    if addresses and all(reasons):
        raise Unreachable(unreachable_message("Kafka", bootstrap, str(reasons[0])))


def require_redis(url: str, timeout_s: float = 3.0) -> None:
    """Raise Unreachable unless the Redis server of `url` accepts a connection (TCP URLs only)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        return
    reason = probe(parts.hostname or "127.0.0.1", parts.port or 6379, timeout_s)
    if reason:
        raise Unreachable(unreachable_message("Redis", redis_address(url), reason))


def _qualified_names(exc: BaseException) -> Iterable[str]:
    return (f"{cls.__module__}.{cls.__qualname__}" for cls in type(exc).__mro__)


def service_failure(exc: BaseException) -> PantauError | None:
    """A client library's "did not answer" exception as Unreachable with the fix; None for anything else."""
    service = next((SERVICE_ERRORS[name] for name in _qualified_names(exc) if name in SERVICE_ERRORS), None)
    if service is None:
        return None
    detail = " ".join(str(exc).split()) or type(exc).__name__
    return Unreachable(
        f"{service} did not answer ({detail}): {DEV_FIX}, or set {ENV_OF_SERVICE[service]} to a running {service}"
    )
