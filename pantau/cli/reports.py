"""`pantau reports token add|list|revoke NAME`: tokens for partner channels that file citizen reports
(`POST /api/reports`), one per partner, shown once."""

from __future__ import annotations

from typing import Any

import click

from pantau.settings import load_settings


@click.group()
def reports() -> None:
    """Citizen reports: partner tokens for the report API."""


@reports.group()
def token() -> None:
    """Partner tokens (`Authorization: Bearer pantau_rp_…` on POST /api/reports)."""


def _run(action: Any) -> Any:
    from pantau.stores.client import run_with_redis
    from pantau.stores.report_partners import PartnerTokens

    return run_with_redis(load_settings(), lambda client: action(PartnerTokens(client)))


@token.command("add")
@click.argument("name")
def add_token(name: str) -> None:
    """Make a token for partner NAME and print it once (only its hash is kept)."""
    click.echo(_run(lambda store: store.add(name)))
    click.echo(f"partner {name}: shown once, store it now; `pantau reports token revoke {name}` ends it", err=True)


@token.command("list")
def list_tokens() -> None:
    """Partner names and when their tokens were made (never the tokens)."""
    for name, created in _run(lambda store: store.names()):
        click.echo(f"{name}\t{created}")


@token.command("revoke")
@click.argument("name")
def revoke_token(name: str) -> None:
    """End partner NAME's token at once."""
    _run(lambda store: store.revoke(name))
    click.echo(f"revoked {name}")
