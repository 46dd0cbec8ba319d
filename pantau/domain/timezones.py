"""Local time for staff: an alert's region decides its zone (WIB UTC+7, WITA UTC+8, WIT UTC+9), and times
are shown as "27 Nov 2024 09:15 WITA". Pure.

A region is matched, in order, as a city or regency ("Kota Makassar", "Kabupaten Banjar"), as a province or
its short name ("Sulawesi Selatan", "Kalsel", also inside a longer name), then by island ("Provinsi Sulawesi
Teluk" is on Sulawesi, so WITA). A region none of these places gets WIB with `known` false, so the page can
say the zone was assumed rather than pass a guess off as fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from functools import cache

from pantau.domain.timezone_regions import CITIES, ISLAND_ZONE, PROVINCE_ALIASES, PROVINCE_ZONE, REGENCIES, ZONE_OFFSETS

DEFAULT_ZONE = "WIB"
MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
_KIND = re.compile(r"^(?:(kota administrasi|kota|kabupaten|kab|provinsi|prov)\b\.?\s*)?(.*)$")


@dataclass(frozen=True, slots=True)
class RegionZone:
    zone: str  # WIB, WITA or WIT
    offset_hours: int
    province: str | None  # None when only the island, or nothing, told the zone
    known: bool  # False: nothing in the region name placed it, WIB is assumed


@dataclass(frozen=True, slots=True)
class LocalTime:
    text: str  # "27 Nov 2024 09:15 WITA", or the value unchanged when it is no timestamp
    iso: str  # the same instant with its UTC offset, for <time datetime=…>
    zone: RegionZone


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s-]", " ", text.casefold()).replace("-", " ").split())


def _names(table: dict[str, str]) -> dict[str, str]:
    return {_norm(name): province for province, names in table.items() for name in names.split(",")}


@cache
def _tables() -> tuple[dict[str, str], dict[str, str], list[tuple[str, str]]]:
    provinces = {_norm(p): p for p in PROVINCE_ZONE} | {_norm(a): p for a, p in PROVINCE_ALIASES.items()}
    # Longest first, so "papua barat daya" wins over "papua" inside a longer region name.
    ordered = sorted(provinces.items(), key=lambda item: -len(item[0]))
    return _names(CITIES), _names(REGENCIES), ordered


def _zone(zone: str, province: str | None, known: bool = True) -> RegionZone:
    return RegionZone(zone, ZONE_OFFSETS[zone], province, known)


def _within(needle: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", text) is not None


def zone_of(region: str | None) -> RegionZone:
    """The time zone of a region name as alerts carry it ("Kota Bengkulu", "Kabupaten Banjar", "Kalsel")."""
    cities, regencies, provinces = _tables()
    folded = _norm(region or "")
    found = _KIND.match(folded)
    kind, name = (found.group(1), found.group(2)) if found else (None, folded)
    province = None
    if name:
        if kind in ("kota", "kota administrasi"):
            province = cities.get(name)
        elif kind in ("kabupaten", "kab"):
            province = regencies.get(name)
        elif kind is None:
            province = dict(provinces).get(name) or regencies.get(name) or cities.get(name)
        if province is None:
            province = next((p for alias, p in provinces if _within(alias, folded)), None)
    if province is not None:
        return _zone(PROVINCE_ZONE[province], province)
    island = next((zone for word, zone in ISLAND_ZONE.items() if _within(_norm(word), folded)), None)
    if island is not None:
        return _zone(island, None)
    return _zone(DEFAULT_ZONE, None, known=False)


def parse_instant(value: str | datetime | None) -> datetime | None:
    """An aware datetime; a timestamp without an offset is UTC (the stores write UTC)."""
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value or "").strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def in_zone(moment: datetime, zone: RegionZone) -> datetime:
    return moment.astimezone(timezone(timedelta(hours=zone.offset_hours), zone.zone))


def format_local(moment: datetime, zone: RegionZone, lang: str = "id") -> str:
    local = in_zone(moment, zone)
    month = MONTHS.get(lang, MONTHS["id"])[local.month - 1]
    return f"{local.day} {month} {local.year} {local:%H:%M} {zone.zone}"


def local_time(value: str | datetime | None, region: str | None, lang: str = "id") -> LocalTime:
    """`value` (ISO 8601, any offset) as local time of `region`'s zone."""
    zone = zone_of(region)
    moment = parse_instant(value)
    if moment is None:
        return LocalTime(str(value or ""), "", zone)
    return LocalTime(format_local(moment, zone, lang), in_zone(moment, zone).isoformat(), zone)
