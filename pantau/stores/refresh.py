"""Keeps a worker's ReferenceCache in step with Redis: cheap version checks, full reloads only on change."""

from __future__ import annotations

import logging

from pantau.reference import ReferenceCache
from pantau.stores.reference import ReferenceStore
from pantau.stores.thresholds import ThresholdStore

log = logging.getLogger(__name__)


async def refresh(cache: ReferenceCache, reference: ReferenceStore, thresholds: ThresholdStore) -> list[str]:
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
    overrides = await thresholds.overrides()
    if overrides != cache.overrides:
        cache.overrides = overrides
        changed.append(f"thresholds {overrides}")
    for item in changed:
        log.info("reference data updated: %s", item)
    return changed
