"""Child `pantau` processes for the demo, the scenario runner and the benchmark: started with their own log,
stopped politely, and given a model to run (a tiny random placeholder when none is trained)."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

import click

from infra.devservices import port_is_free
from pantau.settings import state_dir


def free_port(preferred: int = 0) -> int:
    """The preferred port when free, else any free one (0: any)."""
    if preferred and port_is_free(preferred):
        return preferred
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def spawn(args: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "pantau", *args],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )


def stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def ensure_model(model_dir: Path) -> Path:
    if (model_dir / "config.json").is_file():
        return model_dir
    from nlp.training.tiny import build_tiny_model

    placeholder = state_dir() / "models" / "tiny-random"
    click.secho(
        f"No trained model at {model_dir}: using a tiny RANDOM placeholder model ({placeholder}). "
        "The pipeline runs for real, but its scores mean nothing.",
        fg="yellow",
        bold=True,
    )
    if not (placeholder / "config.json").is_file():
        build_tiny_model(placeholder)
    return placeholder
