"""What a reporter or a partner channel sends, validated into one typed record, or refused with a reason.

Reasons are a bounded set (they label `pantau_reports_rejected_total`). Every refusal happens before anything
is stored, so a bad report never leaves half of itself behind. Links are checked for form only: the server
never fetches them (a report must not make Pantau visit an address of the reporter's choosing).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pantau.domain.events import PLATFORMS, decode_json
from pantau.errors import InvalidEvent, PantauError

# Reason codes; the first five are shared with event validation (pantau.events).
TOO_LARGE = "too_large"
INVALID_UTF8 = "invalid_utf8"
INVALID_JSON = "invalid_json"
MISSING_FIELD = "missing_field"
WRONG_TYPE = "wrong_type"
TOO_LONG = "too_long"
INVALID_URL = "invalid_url"
INVALID_HANDLE = "invalid_handle"
INVALID_PLATFORM = "invalid_platform"
CONTROL_CHARACTERS = "control_characters"
CONSENT_REQUIRED = "consent_required"
CHALLENGE_FAILED = "challenge_failed"
RATE_LIMITED_CLIENT = "rate_limited_client"
RATE_LIMITED_ACCOUNT = "rate_limited_account"
UNAUTHORISED = "unauthorised"
UNAVAILABLE = "unavailable"
REASONS = (
    TOO_LARGE,
    INVALID_UTF8,
    INVALID_JSON,
    MISSING_FIELD,
    WRONG_TYPE,
    TOO_LONG,
    INVALID_URL,
    INVALID_HANDLE,
    INVALID_PLATFORM,
    CONTROL_CHARACTERS,
    CONSENT_REQUIRED,
    CHALLENGE_FAILED,
    RATE_LIMITED_CLIENT,
    RATE_LIMITED_ACCOUNT,
    UNAUTHORISED,
    UNAVAILABLE,
)
_EVENT_REASONS = {"lone_surrogate": INVALID_UTF8, "duplicate_key": INVALID_JSON, "non_finite_number": INVALID_JSON}

LIMITS = {"platform": 16, "handle": 64, "url": 2048, "text": 2000, "content_text": 4000, "contact": 200}
FIELDS = ("platform", "handle", "url", "content_text", "text", "contact", "consent")
_HANDLE = re.compile(r"^[a-z0-9._-]{1,64}$")
_HOST = re.compile(r"^[a-z0-9.-]{1,253}$")
# Share-button additions that change nothing about the content (x.com's ?s=20&t=…, YouTube's ?si=…).
_TRACKING_PREFIXES = ("utm_",)
_TRACKING_PARAMS = frozenset({"fbclid", "gclid", "igshid", "si", "s", "t", "mibextid", "_rdr", "ref", "ref_src"})


class InvalidReport(PantauError):
    """A report is refused: `reason` is the metric label, `field` what to fix, the message says how."""

    def __init__(self, reason: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.field = field


@dataclass(frozen=True, slots=True)
class Report:
    """One validated report. `handle` is `@name` in lower case, `url` normalised; text fields are NFC with
    line ends unified. `contact` never leaves the store's contact key."""

    platform: str
    handle: str
    url: str
    text: str
    content_text: str = ""
    contact: str | None = None


def decode_body(raw: bytes, max_bytes: int) -> dict[str, Any]:
    """A JSON request body (partner API) as an object, with event validation's strictness."""
    try:
        return decode_json(raw, max_bytes)
    except InvalidEvent as exc:
        raise InvalidReport(_EVENT_REASONS.get(exc.reason, exc.reason), exc.message) from None


def decode_form(raw: bytes, max_bytes: int) -> dict[str, str]:
    """An `application/x-www-form-urlencoded` body (the public page), refusing broken UTF-8 rather than
    replacing it (a replaced character would be a report that says something else)."""
    if len(raw) > max_bytes:
        raise InvalidReport(TOO_LARGE, f"the report is {len(raw)} bytes, the limit is {max_bytes}")
    try:
        pairs = urllib.parse.parse_qsl(raw.decode("ascii"), keep_blank_values=True, errors="strict")
    except UnicodeError:
        raise InvalidReport(INVALID_UTF8, "the form was not sent as UTF-8") from None
    form: dict[str, str] = {}
    for key, value in pairs:
        if key in form:
            raise InvalidReport(INVALID_JSON, f"field {key!r} was sent twice", key)
        form[key] = value
    return form


def _text(obj: Mapping[str, Any], name: str, *, required: bool, multiline: bool) -> str:
    value = obj.get(name)
    if value is None or value == "":
        if required:
            raise InvalidReport(MISSING_FIELD, f"{name} is required", name)
        return ""
    if not isinstance(value, str):
        raise InvalidReport(WRONG_TYPE, f"{name} must be text", name)
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    for char in value:
        if unicodedata.category(char) == "Cc" and not (multiline and char in "\n\t"):
            raise InvalidReport(CONTROL_CHARACTERS, f"{name} contains a control character (U+{ord(char):04X})", name)
        if 0xD800 <= ord(char) <= 0xDFFF:
            raise InvalidReport(INVALID_UTF8, f"{name} contains a lone surrogate", name)
    if len(value) > LIMITS[name]:
        raise InvalidReport(TOO_LONG, f"{name} has {len(value)} characters, at most {LIMITS[name]} are kept", name)
    if required and not value:
        raise InvalidReport(MISSING_FIELD, f"{name} is required", name)
    return value


def normalise_handle(value: str) -> str:
    """`@Budi_S`, `budi_s`, full-width `＠ｂｕｄｉ＿ｓ` → `@budi_s`; a look-alike letter from another script
    (Cyrillic `а` for Latin `a`) is refused, naming the character, because it names a different account."""
    folded = unicodedata.normalize("NFKC", value).strip().removeprefix("@").lower()
    for char in folded:
        if not (char.isascii() and (char.isalnum() or char in "._-")):
            name = unicodedata.name(char, f"U+{ord(char):04X}")
            raise InvalidReport(
                INVALID_HANDLE, f"the handle has {name!s} (U+{ord(char):04X}): use a-z, 0-9, '.', '_' or '-'", "handle"
            )
    if not _HANDLE.match(folded):
        raise InvalidReport(INVALID_HANDLE, "the handle is empty or longer than 64 characters", "handle")
    return "@" + folded


def normalise_url(value: str) -> str:
    """A link as one canonical string: lower-case scheme and host, no fragment, no tracking parameters, no
    trailing slash. Only http(s) with a plain ASCII host (an internationalised look-alike host is refused)."""
    try:
        parts = urllib.parse.urlsplit(value.strip())
        port = parts.port
    except ValueError:
        raise InvalidReport(INVALID_URL, "the link is not a web address", "url") from None
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise InvalidReport(INVALID_URL, "the link must start with https:// or http:// and name a site", "url")
    if parts.username or parts.password:
        raise InvalidReport(INVALID_URL, "the link must not carry a user name or password", "url")
    if not _HOST.match(host) or ".." in host:
        raise InvalidReport(INVALID_URL, "the site name has characters a real address does not (copy the link)", "url")
    query = [
        (k, v)
        for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        if not (k.lower().startswith(_TRACKING_PREFIXES) or k.lower() in _TRACKING_PARAMS)
    ]
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = parts.path.rstrip("/")
    return urllib.parse.urlunsplit((parts.scheme.lower(), netloc, path, urllib.parse.urlencode(query), ""))


def validate(obj: Mapping[str, Any]) -> Report:
    """A decoded form or JSON object to a Report; InvalidReport names the first field to fix."""
    platform = _text(obj, "platform", required=True, multiline=False).lower()
    if platform not in PLATFORMS:
        raise InvalidReport(INVALID_PLATFORM, f"platform must be one of {', '.join(sorted(PLATFORMS))}", "platform")
    handle = normalise_handle(_text(obj, "handle", required=True, multiline=False))
    url = normalise_url(_text(obj, "url", required=True, multiline=False))
    text = _text(obj, "text", required=True, multiline=True)
    content_text = _text(obj, "content_text", required=False, multiline=True)
    contact = _text(obj, "contact", required=False, multiline=False) or None
    consent = obj.get("consent")
    if contact and consent not in (True, "1", "on", "yes", "true"):
        raise InvalidReport(CONSENT_REQUIRED, "to leave a contact, tick the consent box (or leave it empty)", "consent")
    return Report(platform, handle, url, text, content_text, contact)


def content_key(platform: str, handle: str, url: str) -> str:
    """The reported account and content: what reports and alerts about the same post share."""
    return hashlib.sha256(f"{platform}\x1f{handle}\x1f{url}".encode()).hexdigest()[:32]


def alert_content_key(alert: Mapping[str, Any]) -> str | None:
    """The content key of an alert raised from the stream (its account's handle and its link), if it has both."""
    handle, url = (alert.get("account") or {}).get("handle"), alert.get("url")
    if not handle or not url or alert.get("platform") not in PLATFORMS:
        return None
    try:
        return content_key(str(alert["platform"]), normalise_handle(str(handle)), normalise_url(str(url)))
    except InvalidReport:
        return None


def fold_key(report: Report) -> str:
    """Identical reports (same content, same words, whitespace and case aside) fold into one."""
    words = " ".join(report.text.casefold().split())
    return hashlib.sha256(f"{content_key(report.platform, report.handle, report.url)}\x1f{words}".encode()).hexdigest()[
        :32
    ]
