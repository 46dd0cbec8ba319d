"""Reading claim files: CSV (TurnBackHoax's export as it is, or our own columns), JSONL (our records or
ClaimReview objects, one a line) and schema.org ClaimReview JSON-LD (one object, a list, or an @graph).
Pure: bytes in, Claim records out; the whole file is refused with the line that is wrong."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from pantau.claims.model import Claim
from pantau.errors import PantauError


class ClaimFileError(PantauError):
    """A claims file that cannot be read as a whole."""


# Column names accepted for each field, first found wins (TurnBackHoax, Komdigi, Indonesia False News, ours).
COLUMNS: dict[str, tuple[str, ...]] = {
    "claim_text": ("claim_text", "claim", "claimreviewed", "text", "narasi"),
    "title": ("title", "judul", "clean_title", "headline"),
    "verdict": ("verdict", "rating", "label_text"),
    "url": ("url", "fact_check_url", "link"),
    "publisher": ("publisher", "author", "source"),
    "date": ("date", "datepublished", "tanggal"),
    "category": ("category", "kategori"),
    "language": ("language", "lang", "inlanguage"),
}
_DATE_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%d-%b-%y", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S%z")
_QUOTES = "\"'“”‘’«»„"
PUBLISHER_BY_FILE = {"turnbackhoax": "TurnBackHoax (Mafindo)", "komdigi": "Komdigi", "kominfo": "Kominfo"}


def iso_date(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        return value[:32]  # keep what the fact-checker wrote rather than refuse the file


def _clean(text: str) -> str:
    return " ".join(str(text).split()).strip(_QUOTES + " ")


def _name(value: Any) -> str:
    """schema.org `author`/`publisher`: a string, an Organization, or a list of them."""
    if isinstance(value, list):
        return ", ".join(filter(None, (_name(v) for v in value)))
    if isinstance(value, dict):
        return str(value.get("name") or value.get("url") or "")
    return str(value or "")


def from_claim_review(obj: dict[str, Any], defaults: dict[str, str]) -> Claim:
    rating = obj.get("reviewRating") or {}
    if isinstance(rating, list):
        rating = rating[0] if rating else {}
    item = obj.get("itemReviewed") or {}
    text = _clean(obj.get("claimReviewed") or (item.get("name") if isinstance(item, dict) else "") or "")
    if not text:
        raise ClaimFileError("a ClaimReview without claimReviewed")
    return Claim.new(
        text,
        title=_clean(obj.get("headline") or obj.get("name") or ""),
        verdict=_clean(str(rating.get("alternateName") or rating.get("ratingValue") or "hoax")).lower(),
        url=str(obj.get("url") or ""),
        publisher=_name(obj.get("author") or obj.get("publisher")) or defaults.get("publisher", ""),
        date=iso_date(str(obj.get("datePublished") or "")),
        language=str(obj.get("inLanguage") or defaults.get("language", "id")),
        added_by=defaults.get("added_by", ""),
    )


def from_row(row: dict[str, Any], defaults: dict[str, str]) -> Claim:
    lowered = {str(k).strip().lower(): ("" if v is None else str(v)) for k, v in row.items() if k is not None}
    if "claimreviewed" in lowered and "reviewrating" in lowered:  # a flattened ClaimReview
        return from_claim_review(row, defaults)
    got = {f: next((lowered[c] for c in names if lowered.get(c, "").strip()), "") for f, names in COLUMNS.items()}
    text = _clean(got["claim_text"] or got["title"])
    if not text:
        raise ClaimFileError("no claim text (columns claim_text, claim, text or title)")
    return Claim.new(
        text,
        title=_clean(got["title"]),
        verdict=(_clean(got["verdict"]) or defaults.get("verdict", "hoax")).lower(),
        url=got["url"].strip(),
        publisher=_clean(got["publisher"]) or defaults.get("publisher", ""),
        date=iso_date(got["date"]),
        category=_clean(got["category"]),
        language=_clean(got["language"]) or defaults.get("language", "id"),
        added_by=str(row.get("added_by") or defaults.get("added_by", "")),
        retired=str(row.get("retired", "")).lower() in ("1", "true", "yes"),
    )


def _json_objects(document: Any) -> Iterable[dict[str, Any]]:
    if isinstance(document, list):
        for item in document:
            yield from _json_objects(item)
    elif isinstance(document, dict):
        if "@graph" in document:
            yield from _json_objects(document["@graph"])
        else:
            yield document


def _read_json_object(obj: dict[str, Any], defaults: dict[str, str]) -> Claim | None:
    kind = obj.get("@type")
    if "claimReviewed" in obj or kind == "ClaimReview":
        return from_claim_review(obj, defaults)
    if kind is not None:  # other schema.org nodes of a @graph (Organization, WebPage, ...)
        return None
    return from_row(obj, defaults)


def parse_claims(text: str, *, fmt: str, defaults: dict[str, str]) -> list[Claim]:
    """`fmt`: csv, jsonl or json. Later duplicates (same normalised text) replace earlier ones."""
    claims: dict[str, Claim] = {}
    if fmt == "csv":
        for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            try:
                claim = from_row(row, defaults)
            except ClaimFileError as exc:
                raise ClaimFileError(f"line {line}: {exc}; fix the row or drop it") from None
            claims[claim.id] = claim
    elif fmt == "jsonl":
        for line, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                found = [_read_json_object(o, defaults) for o in _json_objects(json.loads(raw))]
            except (json.JSONDecodeError, ClaimFileError, AttributeError, TypeError) as exc:
                raise ClaimFileError(f"line {line}: {exc}; each line must be one JSON object") from None
            claims.update((c.id, c) for c in found if c is not None)
    elif fmt == "json":
        try:
            found = [_read_json_object(o, defaults) for o in _json_objects(json.loads(text))]
        except json.JSONDecodeError as exc:
            raise ClaimFileError(f"not JSON ({exc}); give a ClaimReview object, a list, or @graph") from None
        claims.update((c.id, c) for c in found if c is not None)
    else:
        raise ClaimFileError(f"unknown claims format {fmt!r}; use a .csv, .jsonl or .json file")
    return list(claims.values())


def read_claims_file(path: Path, *, added_by: str = "", publisher: str | None = None) -> list[Claim]:
    suffix = path.suffix.lower().lstrip(".")
    fmt = {"jsonld": "json", "ndjson": "jsonl"}.get(suffix, suffix)
    known = next((name for key, name in PUBLISHER_BY_FILE.items() if key in path.name.lower()), "")
    defaults = {"added_by": added_by, "publisher": publisher or known, "language": "id", "verdict": "hoax"}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ClaimFileError(f"{path} is not UTF-8 text; re-save it as UTF-8") from None
    claims = parse_claims(text, fmt=fmt, defaults=defaults)
    if not claims:
        raise ClaimFileError(f"{path} holds no claims; check its columns (claim_text or title)")
    return claims
