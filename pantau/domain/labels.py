"""The classifier's label contract (CONTRACT.md, "Model labels")."""

from typing import Final

ENDORSEMENT: Final = "endorsement"
ATTACK: Final = "attack"
POLITICAL: Final = "political"
HOAX: Final = "hoax"
HATE_SARA: Final = "hate_sara"

LABELS: Final[tuple[str, ...]] = (ENDORSEMENT, ATTACK, POLITICAL, HOAX, HATE_SARA)

Scores = dict[str, float]
