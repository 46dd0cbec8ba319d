"""Settings are loaded by an entry point (the CLI, the Faust app module) and passed down: library code takes
a Settings parameter. Grep-based, so a new `load_settings()` deep inside a library fails here."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENTRY_POINTS = ("pantau/cli/", "agents/app.py", "pantau/settings.py")
# Still loading their own: they derive settings from the Kafka and Redis they start (issue 18, item 4).
NOT_YET_PASSED_DOWN = {"pantau/eval/scenario.py", "pantau/demo/run.py"}


def test_load_settings_is_called_only_by_entry_points() -> None:
    callers = set()
    for directory in ("pantau", "dashboard", "agents", "streams", "nlp"):
        for path in (ROOT / directory).rglob("*.py"):
            if re.search(r"\bload_settings\(", path.read_text(encoding="utf-8")):
                callers.add(path.relative_to(ROOT).as_posix())
    strays = {c for c in callers if not c.startswith(ENTRY_POINTS)} - NOT_YET_PASSED_DOWN
    assert not strays, f"load settings once in an entry point and pass them down: {sorted(strays)}"
