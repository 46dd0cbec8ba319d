"""The ASN roster: who is a civil servant bound to neutrality, by social-media account. Pure.

NIPs never leave this module in clear: each is replaced by a keyed HMAC pseudonym (`nip_hash`) that links
one person's alerts without revealing the NIP. Only the display fields monitoring staff need are kept.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import re
from dataclasses import asdict, dataclass
from typing import Any

from pantau.domain.events import PLATFORMS
from pantau.domain.textfile import decode_utf8
from pantau.errors import PantauError

STATUSES = ("PNS", "PPPK", "PTT_APBD", "PTT_NON_APBD")
BOUND_STATUSES = frozenset({"PNS", "PPPK", "PTT_APBD"})
COLUMNS = ("platform", "account_id", "handle", "nip", "name", "opd", "status", "region")
_NIP = re.compile(r"^\d{18}$")


DELIMITERS = (",", ";", "\t")  # Excel writes `;` where the decimal separator is a comma (Indonesian locale)
EXCEL_FIX = "save it as 'CSV UTF-8 (Comma delimited)' in Excel and import it again"


class RosterError(PantauError):
    """A roster file is invalid; nothing of it was imported."""

    def __init__(self, problems: list[str]) -> None:
        if len(problems) == 1:
            message = f"roster not imported: {problems[0]}"
        else:
            message = f"{len(problems)} problems in the roster; nothing imported:\n  " + "\n  ".join(problems)
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True, slots=True)
class RosterEntry:
    platform: str
    account_id: str
    handle: str
    nip_hash: str
    name: str
    opd: str
    status: str
    region: str

    @property
    def bound(self) -> bool:
        """PNS, PPPK and PTT paid from the APBD must stay neutral; other PTT need not."""
        return self.status in BOUND_STATUSES

    @property
    def key(self) -> str:
        return account_key(self.platform, self.account_id)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def account_key(platform: str, account_id: str) -> str:
    return f"{platform}:{account_id}"


def pseudonymise(key: bytes, value: str) -> str:
    """Keyed HMAC-SHA256: stable for one key, unlinkable to the NIP without it."""
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def decode_roster(data: bytes, name: str) -> str:
    """A roster file's bytes as text; a non-UTF-8 file (Excel's plain "CSV") is refused with the fix."""
    return decode_utf8(data, name, EXCEL_FIX)


def sniff_delimiter(header: str) -> str:
    """The separator that splits the header line into the most known column names (`,` on a tie)."""

    def known(delimiter: str) -> int:
        return sum(name.strip().strip('"').casefold() in COLUMNS for name in header.split(delimiter))

    return max(DELIMITERS, key=known)


def parse_roster(text: str, pseudonym_key: bytes) -> list[RosterEntry]:
    """Validate a whole roster CSV; raises RosterError listing every bad line, so nothing is half-imported."""
    text = text.removeprefix("\ufeff")
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    reader.fieldnames = [name.strip().casefold() for name in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in reader.fieldnames]
    if missing:
        raise RosterError(
            [f"the header lacks column(s) {', '.join(missing)}; the first line must be {','.join(COLUMNS)}"]
        )
    entries: list[RosterEntry] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(reader, start=2):
        values = {c: (row.get(c) or "").strip() for c in COLUMNS}
        errors = _row_errors(values)
        key = account_key(values["platform"], values["account_id"])
        if key in seen:
            errors.append(f"account {key} already listed on line {seen[key]}")
        if errors:
            problems += [f"line {line}: {e}" for e in errors]
            continue
        seen[key] = line
        # Honorer staff may have no NIP: their pseudonym is keyed on the account instead.
        person = f"nip:{values['nip']}" if values["nip"] else f"account:{key}"
        entries.append(
            RosterEntry(
                platform=values["platform"],
                account_id=values["account_id"],
                handle=values["handle"],
                nip_hash=pseudonymise(pseudonym_key, person),
                name=values["name"],
                opd=values["opd"],
                status=values["status"],
                region=values["region"],
            )
        )
    if problems:
        raise RosterError(problems)
    if not entries:
        raise RosterError(["the roster has no rows"])
    return entries


def _row_errors(values: dict[str, str]) -> list[str]:
    errors = []
    if values["platform"] not in PLATFORMS:
        errors.append(f"platform {values['platform']!r} is not one of {sorted(PLATFORMS)}")
    for column in ("account_id", "name", "opd", "region"):
        if not values[column]:
            errors.append(f"{column} is empty")
    if values["status"] not in STATUSES:
        errors.append(f"status {values['status']!r} is not one of {list(STATUSES)}")
    if values["nip"] and not _NIP.match(values["nip"]):
        errors.append("nip must be 18 digits")
    if not values["nip"] and values["status"] in ("PNS", "PPPK"):
        errors.append(f"nip is required for {values['status']}")
    return errors
