"""Known hoaxes: claim records, claim files, and matching posts against them (all pure)."""

from pantau.claims.index import ClaimIndex
from pantau.claims.model import Claim, ClaimMatch, claim_id, content_fingerprint

__all__ = ["Claim", "ClaimIndex", "ClaimMatch", "claim_id", "content_fingerprint"]
