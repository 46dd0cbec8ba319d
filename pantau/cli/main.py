"""`pantau`: the console command. Each verb lives in its own module; this file only wires them."""

from __future__ import annotations

import os
import sys

import click

from pantau.cli.access import new_secret  # noqa: F401 - registers `escalations new-secret`, `dashboard token`
from pantau.cli.audit import audit
from pantau.cli.bench import bench
from pantau.cli.claims import claims
from pantau.cli.dev import dev
from pantau.cli.encoder import import_encoder_command  # noqa: F401 - registers its commands on `model`
from pantau.cli.escalation import escalations, escalator, receiver, triage
from pantau.cli.eval import eval_
from pantau.cli.feed import feedback, tail
from pantau.cli.model import model
from pantau.cli.reference import candidates, purge, roster, thresholds
from pantau.cli.reports import reports
from pantau.cli.run import dashboard, demo, replay, worker
from pantau.errors import ConfigError, PantauError
from pantau.runtime.logformat import LOG_FORMATS, configure_logging
from pantau.runtime.reachable import service_failure


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pantau", prog_name="pantau", message="%(prog)s %(version)s")
@click.option("-v", "--verbose", is_flag=True, help="Log debug details (and show tracebacks).")
@click.option(
    "--log-format",
    type=click.Choice(LOG_FORMATS),
    default=None,
    help="text (default) or json: one JSON object per line for log shippers (also PANTAU_LOG_FORMAT).",
)
def cli(verbose: bool, log_format: str | None) -> None:
    """Pantau: real-time monitoring of ASN neutrality, hoaxes and SARA hate speech."""
    # Logging starts before the settings are read (reading them may fail and must be able to say so).
    chosen = log_format or os.environ.get("PANTAU_LOG_FORMAT") or "text"
    if chosen not in LOG_FORMATS:
        raise ConfigError(f"PANTAU_LOG_FORMAT={chosen!r}: must be one of {', '.join(LOG_FORMATS)} (fix or unset it)")
    # Exported so the settings of this process (the worker's Faust log) and of the processes it starts agree.
    os.environ["PANTAU_LOG_FORMAT"] = chosen
    configure_logging(verbose=verbose, log_format=chosen)


cli.add_command(dev)
cli.add_command(worker)
cli.add_command(replay)
cli.add_command(demo)
cli.add_command(dashboard)
cli.add_command(model)
cli.add_command(roster)
cli.add_command(candidates)
cli.add_command(thresholds)
cli.add_command(claims)
cli.add_command(escalator)
cli.add_command(escalations)
cli.add_command(receiver)
cli.add_command(triage)
cli.add_command(audit)
cli.add_command(bench)
cli.add_command(tail)
cli.add_command(feedback)
cli.add_command(purge)
cli.add_command(eval_)
cli.add_command(reports)


def main() -> None:
    """Errors Pantau expects end as one line that says what to do, exit 1; `-v` keeps the traceback."""
    try:
        cli(standalone_mode=True)
    except Exception as exc:
        failure = exc if isinstance(exc, PantauError) else service_failure(exc)
        if failure is None or "-v" in sys.argv[1:] or "--verbose" in sys.argv[1:]:
            raise
        click.secho(f"pantau: {failure}", fg="red", err=True)
        sys.exit(1)
