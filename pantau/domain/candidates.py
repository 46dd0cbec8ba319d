"""Contests, candidate pairs and the election calendar; attribution of a text to a pair. Pure.

Attribution reads the normalised text (so "c0bl0s pa5lon 2" still names pair 2) and keeps the matched
phrase as evidence. Bare numbers ("01", "nomor 2") name a pair only when the event's region selects one
contest: numbers repeat across contests, names and hashtags do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from nlp.serving.normalize import normalize
from pantau.domain.events import PLATFORMS
from pantau.domain.textfile import decode_utf8
from pantau.errors import PantauError

OFFICES = ("presiden", "gubernur", "bupati", "walikota")
PHASES = ("before_campaign", "campaign", "quiet_period", "voting_day", "after")


class CandidatesError(PantauError):
    """A candidates file is invalid; nothing of it was imported."""


@dataclass(frozen=True, slots=True)
class Pair:
    number: int
    names: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    slogans: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()  # `platform:@handle` (or a bare `@handle`): official and volunteer accounts

    @property
    def campaign_hashtags(self) -> tuple[str, ...]:
        """Declared hashtags plus older files' aliases that start with `#`."""
        return (*self.hashtags, *(a for a in self.aliases if a.startswith("#") and a not in self.hashtags))

    @property
    def campaign_handles(self) -> tuple[tuple[str | None, str], ...]:
        """(platform or None, casefolded @handle) of every campaign account, older `@` aliases included."""
        found: list[tuple[str | None, str]] = []
        for account in (*self.accounts, *(a for a in self.aliases if a.startswith("@"))):
            platform, _, handle = account.rpartition(":")
            found.append((platform.casefold() or None, handle.casefold()))
        return tuple(found)

    @property
    def name_aliases(self) -> tuple[str, ...]:
        """Names and nicknames only: aliases that are neither hashtags nor accounts."""
        return (*self.names, *(a for a in self.aliases if not a.startswith(("#", "@"))))


@dataclass(frozen=True, slots=True)
class Contest:
    region: str
    office: str
    voting_day: date
    campaign_start: date
    campaign_end: date
    pairs: tuple[Pair, ...]

    def phase(self, moment: datetime) -> str:
        """The election phase on the local calendar day of `moment` (its own UTC offset)."""
        day = moment.date()
        if day < self.campaign_start:
            return "before_campaign"
        if day <= self.campaign_end:
            return "campaign"
        if day < self.voting_day:
            return "quiet_period"
        return "voting_day" if day == self.voting_day else "after"


@dataclass(frozen=True, slots=True)
class Attribution:
    contest: Contest
    pair: Pair
    matched: str
    stance: str | None = None  # support | against, where the neutrality rule decided it

    def as_dict(self) -> dict[str, Any]:
        view: dict[str, Any] = {
            "region": self.contest.region,
            "office": self.contest.office,
            "number": self.pair.number,
            "names": list(self.pair.names),
            "matched": self.matched,
        }
        if self.stance:
            view["stance"] = self.stance
        return view


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CandidatesError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CandidatesError(f"{where} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


_ACCOUNT = re.compile(r"^(?:[a-z]+:)?@[\w.]+$")


def _accounts(value: Any, where: str) -> tuple[str, ...]:
    accounts = _strings(value, where)
    for account in accounts:
        platform, _, _handle = account.rpartition(":")
        if not _ACCOUNT.match(account) or (platform and platform not in PLATFORMS):
            raise CandidatesError(f"{where}: {account!r} is not `platform:@handle` (platform in {sorted(PLATFORMS)})")
    return accounts


def read_candidates_yaml(data: bytes, name: str) -> Any:
    """The YAML document in a candidates file; a syntax error names the file, line and column to fix."""
    import yaml

    text = decode_utf8(data, name, "save it as UTF-8 and import it again")
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        problem = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise CandidatesError(
            f"{where}: invalid YAML ({problem}); check the indentation and quoting there "
            "(a value containing `: ` or starting with `#` needs quotes)"
        ) from None
    except yaml.YAMLError as exc:
        raise CandidatesError(f"{name}: invalid YAML ({exc})") from None


def parse_contests(document: Mapping[str, Any]) -> list[Contest]:
    """Validate the whole candidates document (CONTRACT.md); raises CandidatesError on the first problem."""
    raw = document.get("contests") if isinstance(document, Mapping) else None
    if not isinstance(raw, list) or not raw:
        raise CandidatesError("the file needs a non-empty `contests:` list")
    contests = []
    for i, c in enumerate(raw, start=1):
        where = f"contest {i}"
        if not isinstance(c, Mapping):
            raise CandidatesError(f"{where} must be a mapping")
        region, office = str(c.get("region") or "").strip(), str(c.get("office") or "").strip()
        if not region or office not in OFFICES:
            raise CandidatesError(f"{where} needs a region and an office in {list(OFFICES)}")
        campaign = c.get("campaign") or {}
        if not isinstance(campaign, Mapping):
            raise CandidatesError(f"{where} campaign must be a mapping {{start: YYYY-MM-DD, end: YYYY-MM-DD}}")
        start = _date(campaign.get("start"), f"{where} campaign.start")
        end = _date(campaign.get("end"), f"{where} campaign.end")
        voting = _date(c.get("voting_day"), f"{where} voting_day")
        if not start <= end < voting:
            raise CandidatesError(f"{where}: need campaign start <= end < voting_day")
        pairs = []
        for j, p in enumerate(c.get("pairs") or [], start=1):
            number = p.get("number") if isinstance(p, Mapping) else None
            if not isinstance(number, int) or number < 1:
                raise CandidatesError(f"{where} pair {j} needs a positive integer number")
            names = _strings(p.get("names"), f"{where} pair {number} names")
            if not names:
                raise CandidatesError(f"{where} pair {number} needs names")
            pairs.append(
                Pair(
                    number,
                    names,
                    _strings(p.get("aliases"), f"{where} pair {number} aliases"),
                    _strings(p.get("parties"), f"{where} pair {number} parties"),
                    _strings(p.get("hashtags"), f"{where} pair {number} hashtags"),
                    _strings(p.get("slogans"), f"{where} pair {number} slogans"),
                    _accounts(p.get("accounts"), f"{where} pair {number} accounts"),
                )
            )
        if len({p.number for p in pairs}) != len(pairs) or not pairs:
            raise CandidatesError(f"{where} needs pairs with distinct numbers")
        contests.append(Contest(region, office, voting, start, end, tuple(pairs)))
    return contests


def _number_phrases(number: int) -> list[str]:
    forms = {str(number), f"{number:02d}"}
    words = ("paslon", "nomor", "nomer", "no", "nmr", "coblos", "pilih", "urut", "capres", "calon")
    return [f"{w} {n}" for w in words for n in forms] + [f"{number:02d}"]


_SPACED = re.compile(r"\b(?:[a-z] ){2,}[a-z]\b")


def collapse_spaced(normalised: str) -> str:
    """Letters spaced out to dodge filters ("r u m i") read as the word they spell."""
    return _SPACED.sub(lambda m: m.group(0).replace(" ", ""), normalised)


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    cleaned = sorted({normalize(p) for p in phrases if normalize(p)}, key=len, reverse=True)
    if not cleaned:
        return None
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(p) for p in cleaned) + r")(?![\w])")


class CandidateMatcher:
    """Finds which pair a text is about; built once per candidates version, then reused for every event."""

    def __init__(self, contests: list[Contest]) -> None:
        self.contests = contests
        self._named: list[tuple[Contest, Pair, re.Pattern[str]]] = []
        self._numbered: list[tuple[Contest, Pair, re.Pattern[str]]] = []
        self._handles: dict[str, tuple[Contest, Pair]] = {}
        for contest in contests:
            for pair in contest.pairs:
                # Account handles match the author of liked or shared content exactly; normalisation
                # would fold every @mention to the same placeholder.
                for _platform, handle in pair.campaign_handles:
                    self._handles[handle] = (contest, pair)
                # Full names, nicknames, hashtags and slogans, matched on normalised text.
                named = _phrase_pattern([*pair.name_aliases, *pair.campaign_hashtags, *pair.slogans])
                if named:
                    self._named.append((contest, pair, named))
                numbered = _phrase_pattern(_number_phrases(pair.number))
                if numbered:
                    self._numbered.append((contest, pair, numbered))

        from pantau.domain.campaign import CampaignSources  # that module builds on this one's types

        self.campaign = CampaignSources(contests)

    def contest_for(self, region: str | None) -> Contest | None:
        if region:
            for contest in self.contests:
                if contest.region.casefold() == region.casefold():
                    return contest
        return self.contests[0] if len(self.contests) == 1 else None

    def attribute(self, texts: Iterable[str], region: str | None, author: str | None = None) -> Attribution | None:
        """The first pair named in any of the texts, else the pair whose account authored the content."""
        local = self.contest_for(region)
        normalised = [collapse_spaced(normalize(t)) for t in texts if t]
        for text in normalised:
            for contest, pair, pattern in self._named:
                if local is not None and contest is not local:
                    continue
                found = pattern.search(text)
                if found:
                    return Attribution(contest, pair, found.group(0))
        if author and author.casefold() in self._handles:
            contest, pair = self._handles[author.casefold()]
            if local is None or contest is local:
                return Attribution(contest, pair, author)
        if local is None:
            return None
        for text in normalised:
            for contest, pair, pattern in self._numbered:
                if contest is local:
                    found = pattern.search(text)
                    if found:
                        return Attribution(contest, pair, found.group(0))
        return None
