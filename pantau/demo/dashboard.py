"""The demo's dashboard leg: the web UI on a free port and a demo account with a fresh password."""

from __future__ import annotations

import secrets
import subprocess
from pathlib import Path

from pantau.runtime.children import free_port, spawn


def start_dashboard(
    env: dict[str, str], preferred_port: int, users_file: Path, logs: Path
) -> tuple[subprocess.Popen[bytes], str, str]:
    """(process, URL, password of the `demo` triage account, renewed at each demo run)."""
    from dashboard.auth import upsert_user

    password = secrets.token_urlsafe(12)
    upsert_user(users_file, "demo", "triage", password)
    port = free_port(preferred_port)
    process = spawn(
        ["dashboard", "--port", str(port)],
        {**env, "PANTAU_DASHBOARD_USERS_FILE": str(users_file)},
        logs / "dashboard.log",
    )
    return process, f"http://127.0.0.1:{port}/", password
