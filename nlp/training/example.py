"""One labelled training text: the record every loader, augmentation and trainer passes around."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    labels: dict[str, int | None]
    source: str
    topic: str = ""
    split: str = field(default="", compare=False)
