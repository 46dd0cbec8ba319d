"""`pantau worker`, `pantau replay`, `pantau demo`."""

from __future__ import annotations

from pathlib import Path

import click

from pantau.settings import load_settings

LOGLEVELS = click.Choice(["crit", "error", "warn", "info", "debug"])


@click.command()
@click.option("--metrics-port", type=int, default=None, help="Overrides PANTAU_METRICS_PORT (0: any free port).")
@click.option("--loglevel", type=LOGLEVELS, default="warn", show_default=True)
def worker(metrics_port: int | None, loglevel: str) -> None:
    """Run one Faust worker (several may run at once: they share partitions)."""
    from pantau.services.worker import run_worker

    overrides = {} if metrics_port is None else {"metrics_port": metrics_port}
    run_worker(load_settings(**overrides), loglevel=loglevel)


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rate", type=float, default=None, help="Events per second (default: as fast as possible).")
def replay(file: Path, rate: float | None) -> None:
    """Publish FILE.jsonl, one message per line, to pantau.events."""
    from pantau.runtime.reachable import require_kafka
    from streams.replay import read_lines
    from streams.replay import replay as send
    from streams.security import kafka_python_options

    settings = load_settings()
    require_kafka(settings.kafka_bootstrap)
    report = send(settings.kafka_bootstrap, read_lines(file), rate=rate, client_options=kafka_python_options(settings))
    click.echo(f"sent {report.sent} events in {report.seconds:.2f}s ({report.rate:.0f}/s)")


@click.command()
@click.option("--rate", type=float, default=20.0, show_default=True, help="Replay rate, events/s (0: unthrottled).")
@click.option(
    "--events",
    "events_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="JSONL to replay instead of the bundled samples.",
)
@click.option("--exit-when-done", is_flag=True, help="Stop once every event is accounted for (for scripts).")
def demo(rate: float, events_file: Path | None, exit_when_done: bool) -> None:
    """Start everything on embedded defaults, replay sample events and print alerts as they land."""
    from pantau.demo.run import run_demo

    run_demo(rate=rate, events_file=events_file, exit_when_done=exit_when_done)


@click.group(invoke_without_command=True)
@click.option("--port", type=int, default=None, help="Overrides PANTAU_DASHBOARD_PORT.")
@click.pass_context
def dashboard(ctx: click.Context, port: int | None) -> None:
    """Serve the monitoring web UI and HTTP API on PANTAU_DASHBOARD_HOST:PORT (`dashboard user add` for accounts)."""
    if ctx.invoked_subcommand is not None:
        return
    from pantau.services.dashboard import serve

    settings = load_settings(**({} if port is None else {"dashboard_port": port}))
    users = settings.dashboard_users_file
    click.echo(f"pantau dashboard: http://{settings.dashboard_host}:{settings.dashboard_port}/  (accounts: {users})")
    if not users.exists():
        click.echo("no accounts yet: add one with `pantau dashboard user add NAME --role triage`", err=True)
    serve(settings)


@dashboard.group()
def user() -> None:
    """Staff accounts (hashed passwords in PANTAU_DASHBOARD_USERS_FILE)."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["read", "triage"]), default="read", show_default=True)
@click.option("--password", default=None, help="Prompted for when not given (prefer the prompt).")
def add_user(name: str, role: str, password: str | None) -> None:
    """Add or replace an account."""
    from dashboard.auth import upsert_user

    secret = password or click.prompt("password", hide_input=True, confirmation_prompt=True)
    path = load_settings().dashboard_users_file
    upsert_user(path, name, role, secret)
    click.echo(f"{name} ({role}) saved to {path}")
