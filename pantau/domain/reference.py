"""What a worker knows of the roster, the candidates and the thresholds in force. Pure: the stores fill it
(see `pantau.stores.refresh`), the pipeline reads it with O(1) lookups."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pantau.claims.index import ClaimIndex
from pantau.claims.model import Embedder
from pantau.domain.candidates import CandidateMatcher, Contest
from pantau.domain.roster import RosterEntry, account_key
from pantau.domain.thresholds import thresholds_in_force


@dataclass
class ReferenceCache:
    defaults: Mapping[str, float]
    roster: dict[str, RosterEntry] = field(default_factory=dict)
    candidates: CandidateMatcher | None = None
    overrides: dict[str, float] = field(default_factory=dict)
    roster_version: int = -1
    candidates_version: int = -1
    regions: frozenset[str] = frozenset()
    claims: ClaimIndex | None = None  # rebuilt whole when the claims version changes
    claims_version: int = -1
    claims_embedder: Embedder | None = None  # matching by meaning, when configured
    _by_handle: tuple[int, dict[str, RosterEntry]] = (0, {})  # (id of the roster it indexes, index)

    @property
    def thresholds(self) -> dict[str, float]:
        return thresholds_in_force(self.defaults, self.overrides)

    def roster_entry(self, platform: str, account_id: str) -> RosterEntry | None:
        return self.roster.get(account_key(platform, account_id))

    def entry_by_handle(self, platform: str, handle: str | None) -> RosterEntry | None:
        """A roster entry by its handle (`@Budi_S` and `budi_s` alike): citizens report handles, not ids."""
        from pantau.reports.intake import InvalidReport, normalise_handle

        if not handle:
            return None
        if self._by_handle[0] != id(self.roster):  # the refresher replaces the roster dict whole
            index = {}
            for entry in self.roster.values():
                try:
                    index[f"{entry.platform}:{normalise_handle(entry.handle)}"] = entry
                except InvalidReport:
                    continue
            self._by_handle = (id(self.roster), index)
        try:
            return self._by_handle[1].get(f"{platform}:{normalise_handle(handle)}")
        except InvalidReport:
            return None

    def set_candidates(self, contests: list[Contest], version: int) -> None:
        self.candidates = CandidateMatcher(contests) if contests else None
        self.candidates_version = version
        self.regions = frozenset(c.region for c in contests)

    def region_label(self, region: str | None) -> str:
        """A metric label for a region: a contest's region, else 'other' (keeps label values bounded)."""
        return region if region in self.regions else "other"
