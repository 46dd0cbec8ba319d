"""The worker's Faust app at module level, for Faust's own command line:

    faust -A agents.app worker -l info

`app` is built on first access, not at import: building a worker's app loads the model, starts the metrics
endpoint and creates the topics (exactly as `pantau worker` does before it joins the group), and merely
importing this module (a linter, a test collector, `faust --help`) must do none of that. Settings come from
the `PANTAU_*` environment over `.pantau/dev.env`, as for `pantau worker`.
"""

from __future__ import annotations

from typing import Any

_built: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if "app" not in _built:
        from pantau.services.worker import assemble
        from pantau.settings import load_settings

        _built["app"] = assemble(load_settings())
    return _built["app"]
