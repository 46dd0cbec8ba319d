"""The exception hierarchy: one root, short named subclasses."""


class PantauError(Exception):
    """Root of every error Pantau raises on purpose."""


class ConfigError(PantauError):
    """Configuration is missing or inconsistent."""


class InvalidEvent(PantauError):
    """An input message does not satisfy the event contract."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message


class ModelError(PantauError):
    """The classifier cannot be loaded or does not fit the label contract."""


class InferenceError(PantauError):
    """The classifier failed on a batch of texts."""


class SinkError(PantauError):
    """An output (Redis, dead-letter topic) refused a write."""


class DevServiceError(PantauError):
    """An embedded development service could not be started, checked or stopped."""


class Unreachable(PantauError):
    """A service (Redis, Kafka) did not answer; the message names the address and how to fix it."""


class BadFile(PantauError):
    """An input file cannot be read as the format it should have (encoding, syntax)."""
