"""The /metrics endpoint of a process (worker, escalator) on its own registry."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, start_http_server

from pantau.errors import ConfigError


def serve_metrics(registry: CollectorRegistry, host: str, port: int) -> int:
    """Start the /metrics endpoint in a background thread; returns the bound port."""
    try:
        server, _thread = start_http_server(port, addr=host, registry=registry)
    except OSError as exc:
        raise ConfigError(
            f"cannot serve metrics on {host}:{port} ({exc.strerror}); set PANTAU_METRICS_PORT to a free port"
        ) from exc
    bound: int = server.server_port
    return bound
