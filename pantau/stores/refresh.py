"""Keeps a worker's ReferenceCache in step with Redis: cheap version checks, full reloads only on change."""

from __future__ import annotations

import asyncio
import logging

from pantau.claims.index import ClaimIndex
from pantau.domain.reference import ReferenceCache
from pantau.stores.claims import ClaimStore
from pantau.stores.reference import ReferenceStore
from pantau.stores.thresholds import ThresholdStore

log = logging.getLogger(__name__)


async def refresh(
    cache: ReferenceCache, reference: ReferenceStore, thresholds: ThresholdStore, claims: ClaimStore | None = None
) -> list[str]:
    """Bring the cache up to date; returns what changed (for logs and metrics)."""
    changed = []
    roster_version, candidates_version = await reference.versions()
    if roster_version != cache.roster_version:
        cache.roster = await reference.load_roster()
        cache.roster_version = roster_version
        changed.append(f"roster v{roster_version} ({len(cache.roster)} accounts)")
    if candidates_version != cache.candidates_version:
        contests = await reference.load_candidates()
        cache.set_candidates(contests, candidates_version)
        changed.append(f"candidates v{candidates_version} ({len(contests)} contests)")
    if claims is not None:
        changed += await _refresh_claims(cache, claims)
    overrides = await thresholds.overrides()
    if overrides != cache.overrides:
        cache.overrides = overrides
        changed.append(f"thresholds {overrides}")
    for item in changed:
        log.info("reference data updated: %s", item)
    return changed


async def _refresh_claims(cache: ReferenceCache, store: ClaimStore) -> list[str]:
    """A new claims version (an import, a retirement, a rejected match) rebuilds the index in a thread:
    100,000 claims take seconds, during which the event loop keeps serving with the old index."""
    version = await store.version()
    if version == cache.claims_version:
        return []
    claims, rejected = await store.load(), await store.rejected()
    # the new index starts with the old one's claim embeddings: a staff-added claim must not cost every
    # claim embedded so far another trip through the encoder
    embedded = cache.claims.embedded() if cache.claims is not None else None
    cache.claims = await asyncio.to_thread(
        ClaimIndex, claims, rejected=rejected, embedder=cache.claims_embedder, version=version, embedded=embedded
    )
    cache.claims_version = version
    return [f"claims v{version} ({len(cache.claims)} active, {len(rejected)} rejected matches)"]
