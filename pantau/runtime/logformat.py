"""Log output for people (text) or for log shippers (json: one object per line, `PANTAU_LOG_FORMAT=json`).

The JSON lines carry only what the log record carries (time, level, logger, message, exception): Pantau's
own messages name ids and counts, never account handles, names or texts, and this formatter adds nothing.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

LOG_FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Client libraries narrate every connection at INFO; their warnings and errors still show.
NOISY_LOGGERS = ("kafka", "aiokafka")


class JsonFormatter(logging.Formatter):
    """{"time", "level", "logger", "message"[, "exception"]} per record, UTC time with milliseconds."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(*, verbose: bool = False, log_format: str = "text") -> None:
    """The root logger of a command: to stderr, text or JSON."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for noisy in NOISY_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.WARNING)


FAUST_LEVELS = {"crit": "CRITICAL", "error": "ERROR", "warn": "WARNING", "info": "INFO", "debug": "DEBUG"}


def faust_logging_config(log_format: str, loglevel: str = "warn") -> dict[str, Any] | None:
    """The dictConfig a Faust worker sets up instead of its coloured console log; None keeps Faust's own."""
    if log_format != "json":
        return None
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"default": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "root": {"handlers": ["default"], "level": FAUST_LEVELS.get(loglevel, loglevel.upper())},
        "loggers": {name: {"level": "WARNING"} for name in NOISY_LOGGERS},
    }
