"""`make install`'s pip steps with progress on one line: `python infra/install_progress.py PIP-ARGS…`.

pip --quiet is silent for the ~95 s the install takes; pip without it prints hundreds of lines. This shows
a counter of packages collected and the one being fetched, and on failure the end of pip's own output, so
nothing is hidden when it matters. Standard library only: it runs before anything else is installed.
"""

from __future__ import annotations

import subprocess
import sys
from collections import deque

TAIL_LINES = 40


def status_line(collected: int, current: str, width: int = 78) -> str:
    return f"    {collected} packages collected; {current}"[:width]


def main(pip_args: list[str]) -> int:
    interactive = sys.stdout.isatty()
    command = [sys.executable, "-m", "pip", *pip_args, "--progress-bar", "off"]
    tail: deque[str] = deque(maxlen=TAIL_LINES)
    collected = 0
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as pip:
        assert pip.stdout is not None
        for raw in pip.stdout:
            line = raw.rstrip()
            tail.append(line)
            if line.startswith("Collecting "):
                collected += 1
                current = "collecting " + line.split()[1]
            elif line.startswith("Downloading "):
                current = "downloading " + " ".join(line.split()[1:3])
            elif line.startswith("Installing collected packages"):
                current = "installing (the longest quiet part: unpacking and compiling)"
            else:
                continue
            if interactive:
                sys.stdout.write("\r" + status_line(collected, current).ljust(78))
            elif line.startswith(("Downloading", "Installing collected")):
                sys.stdout.write(status_line(collected, current) + "\n")  # a log file gets whole lines
            sys.stdout.flush()
    if interactive:
        sys.stdout.write("\n")
    if pip.returncode != 0:
        sys.stdout.write("pip failed; its last lines:\n" + "\n".join(tail) + "\n")
    else:
        sys.stdout.write(f"    done: {collected} packages\n")
    return pip.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
