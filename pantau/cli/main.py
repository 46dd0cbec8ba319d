"""`pantau`: the console command. Each verb lives in its own module; this file only wires them."""

from __future__ import annotations

import logging
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
from pantau.cli.run import dashboard, demo, replay, worker
from pantau.errors import PantauError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log debug details.")
def cli(verbose: bool) -> None:
    """Pantau: real-time monitoring of ASN neutrality, hoaxes and SARA hate speech."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not verbose:  # client libraries narrate every connection at INFO
        for noisy in ("kafka",):
            logging.getLogger(noisy).setLevel(logging.WARNING)


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


def main() -> None:
    try:
        cli(standalone_mode=True)
    except PantauError as exc:
        click.secho(f"pantau: {exc}", fg="red", err=True)
        sys.exit(1)
