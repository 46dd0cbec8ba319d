"""`pantau dev up|down|status`."""

from __future__ import annotations

import click

from infra.devservices import DevServices
from pantau.settings import state_dir


@click.group()
def dev() -> None:
    """Embedded broker and Redis for development, on 127.0.0.1."""


@dev.command()
@click.option("--kafka-port", default=9092, show_default=True, envvar="PANTAU_DEV_KAFKA_PORT")
@click.option("--redis-port", default=6379, show_default=True, envvar="PANTAU_DEV_REDIS_PORT")
@click.option("--partitions", default=4, show_default=True, help="Partitions of the pantau topics.")
def up(kafka_port: int, redis_port: int, partitions: int) -> None:
    """Start the embedded services (no-op if they already run) and write .pantau/dev.env."""
    from streams.topics import ensure_topics

    services = DevServices(state_dir())
    running = services.up(kafka_port=kafka_port, redis_port=redis_port)
    kafka = next(s for s in running if s.name == "kafka")
    ensure_topics(f"127.0.0.1:{kafka.port}", partitions)
    for service in running:
        click.echo(f"{service.name:6} {service.url:32} pid {service.pid}")
    click.echo(f"addresses written to {services.env_file}")


@dev.command()
def down() -> None:
    """Stop exactly what `pantau dev up` started."""
    stopped = DevServices(state_dir()).down()
    if not stopped:
        click.echo("nothing was running")
    for service in stopped:
        click.echo(f"stopped {service.name} (pid {service.pid})")


@dev.command()
def status() -> None:
    """Say what runs; exit 1 if something recorded is not healthy, 3 if nothing runs."""
    statuses = DevServices(state_dir()).status()
    if not statuses:
        click.echo("not running (start with `pantau dev up`)")
        raise SystemExit(3)
    for s in statuses:
        state = "up" if s.healthy else ("not answering" if s.alive else "dead")
        click.echo(f"{s.service.name:6} {s.service.url:32} pid {s.service.pid:<8} {state}")
    if not all(s.healthy for s in statuses):
        raise SystemExit(1)
