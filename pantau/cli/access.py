"""`pantau escalations new-secret` and `pantau dashboard token add|list|revoke`: credentials for the
systems around Pantau (Bawaslu's webhook receiver, tools that read the alerts API)."""

from __future__ import annotations

from typing import Any

import click

from pantau.cli.escalation import escalations
from pantau.cli.run import dashboard
from pantau.settings import load_settings


@escalations.command("new-secret")
def new_secret() -> None:
    """Print a fresh webhook signing secret (whsec_<base64>), for PANTAU_WEBHOOK_SECRET and the receiver."""
    from pantau.escalation.signing import new_secret as make

    click.echo(make())
    click.echo(
        'to rotate without a gap: PANTAU_WEBHOOK_SECRET="<old> <new>" until the receiver has the new one',
        err=True,
    )


@dashboard.group()
def token() -> None:
    """Read-only API tokens for tools (`Authorization: Bearer …` on GET /api/alerts)."""


def _store(client: Any) -> Any:
    from pantau.stores.api_tokens import ApiTokenStore

    return ApiTokenStore(client)


@token.command("add")
@click.argument("name")
def add_token(name: str) -> None:
    """Make a token named NAME and print it once (only its hash is kept)."""
    from pantau.stores.client import run_with_redis

    async def add(client: Any) -> str:
        made: str = await _store(client).add(name)
        return made

    click.echo(run_with_redis(load_settings(), add))
    click.echo(f"token {name}: shown once, store it now; `pantau dashboard token revoke {name}` ends it", err=True)


@token.command("list")
def list_tokens() -> None:
    """Names, when made and when last used (never the tokens)."""
    from pantau.stores.client import run_with_redis

    async def fetch(client: Any) -> list[Any]:
        infos: list[Any] = await _store(client).list()
        return infos

    infos = run_with_redis(load_settings(), fetch)
    if not infos:
        click.echo("no API tokens: `pantau dashboard token add NAME` makes one", err=True)
    for info in infos:
        click.echo(f"{info.name}  created {info.created_at}  last used {info.last_used or 'never'}")


@token.command("revoke")
@click.argument("name")
def revoke_token(name: str) -> None:
    """Revoke the token named NAME at once."""
    from pantau.stores.client import run_with_redis

    async def revoke(client: Any) -> None:
        await _store(client).revoke(name)

    run_with_redis(load_settings(), revoke)
    click.echo(f"token {name} revoked")
