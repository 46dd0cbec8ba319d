"""Input events: strict validation of raw Kafka message bytes into typed, immutable events.

Every way a message can be wrong has a short reason code; those codes label the rejection metric and
travel in the dead-letter record, so operators can tell malformed producers from hostile input.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pantau.domain.kinds import EventAction
from pantau.errors import InvalidEvent
from pantau.reports.codes import parse_code

PLATFORMS = frozenset({"x", "facebook", "instagram", "tiktok", "youtube", "other"})
ACTIONS = frozenset(a.value for a in EventAction)  # plain strings: error messages list them as text
REPORT = EventAction.REPORT  # a citizen's report: `target` the reported account and content, `text` the reporter's
METRIC_FIELDS = ("followers", "likes", "shares", "views")

# Reason codes (bounded set: they become metric label values).
TOO_LARGE = "too_large"
INVALID_UTF8 = "invalid_utf8"
INVALID_JSON = "invalid_json"
DUPLICATE_KEY = "duplicate_key"
NON_FINITE_NUMBER = "non_finite_number"
LONE_SURROGATE = "lone_surrogate"
NOT_AN_OBJECT = "not_an_object"
MISSING_FIELD = "missing_field"
WRONG_TYPE = "wrong_type"
INVALID_VALUE = "invalid_value"
EMPTY_TEXT = "empty_text"
REASONS = (
    TOO_LARGE,
    INVALID_UTF8,
    INVALID_JSON,
    DUPLICATE_KEY,
    NON_FINITE_NUMBER,
    LONE_SURROGATE,
    NOT_AN_OBJECT,
    MISSING_FIELD,
    WRONG_TYPE,
    INVALID_VALUE,
    EMPTY_TEXT,
)


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    handle: str | None = None


@dataclass(frozen=True, slots=True)
class Target:
    id: str | None = None
    author: str | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """A validated social-media event; `text` and `target.text` are the original words, kept as evidence."""

    event_id: str
    platform: str
    action: str
    account: Account
    created_at: datetime
    text: str = ""
    target: Target | None = None
    url: str | None = None
    region: str | None = None
    metrics: Mapping[str, int] = field(default_factory=dict)
    tracking_code: str | None = None  # a report's (`report.tracking_code`); never the reporter's contact

    @property
    def reach(self) -> int:
        """The larger of followers and views: how many people the act could reach."""
        return max(self.metrics.get("followers", 0), self.metrics.get("views", 0))


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise InvalidEvent(DUPLICATE_KEY, f"key {key!r} appears more than once in one object")
        obj[key] = value
    return obj


def _reject_constant(name: str) -> None:
    raise InvalidEvent(NON_FINITE_NUMBER, f"{name} is not a valid JSON number")


def _check_strings(value: Any, path: str = "$") -> None:
    """JSON escapes can smuggle lone surrogates (\\ud800) that no UTF-8 sink can store."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidEvent(LONE_SURROGATE, f"{path} contains a lone surrogate escape") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key, f"{path} (key)")
            _check_strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_strings(item, f"{path}[{index}]")


def decode_json(raw: bytes, max_bytes: int) -> dict[str, Any]:
    """Bytes to a JSON object, refusing anything a lenient parser would quietly accept."""
    if len(raw) > max_bytes:
        raise InvalidEvent(TOO_LARGE, f"payload is {len(raw)} bytes, the limit is {max_bytes}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidEvent(INVALID_UTF8, f"not valid UTF-8 at byte {exc.start}") from None
    try:
        obj = json.loads(text, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InvalidEvent(INVALID_JSON, f"{exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise InvalidEvent(INVALID_JSON, "nesting is too deep") from None
    if not isinstance(obj, dict):
        raise InvalidEvent(NOT_AN_OBJECT, f"top level must be a JSON object, got {_json_type(obj)}")
    _check_strings(obj)
    return obj


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _get(obj: Mapping[str, Any], key: str, kind: type | tuple[type, ...], path: str, required: bool) -> Any:
    if key not in obj or obj[key] is None:
        if required:
            raise InvalidEvent(MISSING_FIELD, f"required field {path} is missing")
        return None
    value = obj[key]
    # bool is an int subclass in Python but never a valid number or id here
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        expected = " or ".join(_json_type(t()) for t in _as_tuple(kind))
        raise InvalidEvent(WRONG_TYPE, f"field {path} must be a {expected}, got {_json_type(value)}")
    return value


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _required_str(obj: Mapping[str, Any], key: str, path: str) -> str:
    value: str = _get(obj, key, str, path, required=True)
    if not value.strip():
        raise InvalidEvent(MISSING_FIELD, f"required field {path} is empty")
    return value


def _optional_str(obj: Mapping[str, Any], key: str, path: str) -> str | None:
    value: str | None = _get(obj, key, str, path, required=False)
    return value


def _parse_created_at(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidEvent(INVALID_VALUE, f"created_at {value[:40]!r} is not an ISO 8601 timestamp") from None
    if moment.tzinfo is None:
        # Quiet-period and voting-day rules depend on local time: a guessed zone would be false evidence.
        raise InvalidEvent(INVALID_VALUE, "created_at needs a UTC offset, e.g. 2024-11-20T08:15:00+07:00")
    return moment


def _parse_metrics(obj: Mapping[str, Any]) -> dict[str, int]:
    raw: dict[str, Any] | None = _get(obj, "metrics", dict, "metrics", required=False)
    metrics: dict[str, int] = {}
    for name in METRIC_FIELDS:
        if raw is None:
            break
        value = _get(raw, name, int, f"metrics.{name}", required=False)
        if value is None:
            continue
        if value < 0:
            raise InvalidEvent(INVALID_VALUE, f"metrics.{name} must not be negative, got {value}")
        metrics[name] = value
    return metrics


def event_from_object(obj: Mapping[str, Any]) -> Event:
    """A decoded JSON object to an Event, per CONTRACT.md; unknown fields are ignored."""
    event_id = _required_str(obj, "event_id", "event_id")
    platform = _required_str(obj, "platform", "platform")
    if platform not in PLATFORMS:
        raise InvalidEvent(INVALID_VALUE, f"platform {platform[:40]!r} is not one of {sorted(PLATFORMS)}")
    action = _required_str(obj, "action", "action")
    if action not in ACTIONS:
        raise InvalidEvent(INVALID_VALUE, f"action {action[:40]!r} is not one of {sorted(ACTIONS)}")
    account_obj: dict[str, Any] = _get(obj, "account", dict, "account", required=True)
    account = Account(
        id=_required_str(account_obj, "id", "account.id"),
        handle=_optional_str(account_obj, "handle", "account.handle"),
    )
    created_at = _parse_created_at(_required_str(obj, "created_at", "created_at"))
    text = _optional_str(obj, "text", "text") or ""
    target_obj: dict[str, Any] | None = _get(obj, "target", dict, "target", required=False)
    target = None
    if target_obj is not None:
        target = Target(
            id=_optional_str(target_obj, "id", "target.id"),
            author=_optional_str(target_obj, "author", "target.author"),
            text=_optional_str(target_obj, "text", "target.text") or "",
        )
    if not text.strip() and not (target and target.text.strip()):
        raise InvalidEvent(EMPTY_TEXT, "text or target.text must be non-empty")
    tracking_code = _report_fields(obj, target) if action == REPORT else None
    return Event(
        event_id=event_id,
        platform=platform,
        action=action,
        account=account,
        created_at=created_at,
        text=text,
        target=target,
        url=_optional_str(obj, "url", "url"),
        region=_optional_str(obj, "region", "region"),
        metrics=_parse_metrics(obj),
        tracking_code=tracking_code,
    )


def _report_fields(obj: Mapping[str, Any], target: Target | None) -> str:
    """A report names the reported account (`target.author`) and carries its tracking code."""
    if target is None or not (target.author or "").strip():
        raise InvalidEvent(MISSING_FIELD, "a report needs target.author, the reported account's handle")
    report: dict[str, Any] = _get(obj, "report", dict, "report", required=True)
    code = _required_str(report, "tracking_code", "report.tracking_code")
    if parse_code(code) != code:
        raise InvalidEvent(INVALID_VALUE, f"report.tracking_code {code[:20]!r} is not a tracking code")
    return code


def parse_event(raw: bytes, max_bytes: int = 64 * 1024) -> Event:
    """Validate one raw message; raises InvalidEvent with a reason code and a readable message."""
    return event_from_object(decode_json(raw, max_bytes))
