"""A pair's campaign sources (accounts, hashtags, slogans) and name mentions, found in events; masking of
every pair mention for the stance model. Pure; built once per candidates version.

Hashtags and slogans match however they are typed: "#BudiRina", "#budirina", "#Bud1R1na" and "budi rina"
all fold to the same key (`nlp.serving.normalize` undoes case, camel case and leetspeak; spaces are then dropped).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from nlp.serving.normalize import normalize
from pantau.domain.candidates import Contest, Pair, collapse_spaced

CAMPAIGN_ACCOUNT, HASHTAG, SLOGAN, NAME = "campaign_account", "hashtag", "slogan", "name"
PLACEHOLDER = "paslon"
# Folded keys this long are distinctive enough to find inside run-together text ("sukamajuhebat").
_MIN_JOINED_KEY = 8
_RAW_TAG = re.compile(r"#(\w+)")
# Words that make an account named after a pair a campaign account; and those that make it a critic or a news
# account instead.
_CAMPAIGN_WORDS_TEXT = """relawan official resmi timses pendukung sahabat laskar barisan fans lovers squad pemenangan
    menang posko milenial bersatu juara emak santri kawan sobat"""
_CRITIC_WORDS_TEXT = "anti tolak bukan kritik watch pantau cekfakta fakta hoax hoaks berita info news media kabar"
_CAMPAIGN_WORDS = frozenset(_CAMPAIGN_WORDS_TEXT.split())
_CRITIC_WORDS = frozenset(_CRITIC_WORDS_TEXT.split())
_RAW_HANDLE = re.compile(r"(?<![\w@])@[\w.]*\w")
# Acronym aliases ("RUMI", "DESA") are ordinary words in lower case ("desa" is a village): they count only
# written in capitals, however spaced ("R U M I") or leeted ("IR4M4").
_SPACED_CAPS = re.compile(r"\b(?:[A-Z][ .\-_*]){2,}[A-Z]\b")
_CAPS_LEET = re.compile(r"(?<=[A-Z])[0134578@$]+(?=[A-Z]|\b)|\b[04@](?=[A-Z]{2})")
_CAPS_TABLE = str.maketrans("0134578@$", "OIEASTBAS")


def is_acronym(alias: str) -> bool:
    return alias.isupper() and " " not in alias.strip() and len(re.sub(r"\W", "", alias)) <= 8


_TAG_BODY = re.compile(r"#(\w+)")
_TAG_SPLIT = re.compile(r"(?<=[A-Z])(?=[A-Z][a-z])|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


def caps_fold(text: str) -> str:
    """The original text with capitals kept, spaced or leeted capitals joined, hashtags split at their capitals
    ("#RUMIJuara" → "RUMI Juara")."""
    text = unicodedata.normalize("NFKC", text)
    text = _SPACED_CAPS.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group(0)), text)
    text = _CAPS_LEET.sub(lambda m: m.group(0).translate(_CAPS_TABLE), text)
    return _TAG_BODY.sub(lambda m: "#" + _TAG_SPLIT.sub(" ", m.group(1)), text)


@dataclass(frozen=True, slots=True)
class SourceMatch:
    contest: Contest
    pair: Pair
    kind: str  # campaign_account | hashtag | slogan | name
    matched: str
    position: int = 0  # where in the normalised text, to tell which pair a nearby word is about
    partial: bool = False  # one word of a name ("Rusdi"): a mention only where the election is in view


def _key(text: str) -> str:
    return normalize(text).replace(" ", "")


def _words_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    cleaned = sorted({collapse_spaced(normalize(p)) for p in phrases if normalize(p)}, key=len, reverse=True)
    if not cleaned:
        return None
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(p) for p in cleaned) + r")(?![\w])")


def _raw_pattern(phrases: Iterable[str]) -> str:
    """A phrase in the original text, whatever its case, punctuation or spacing between words."""
    parts = []
    for phrase in phrases:
        words = normalize(phrase).split()
        if words:
            parts.append(r"#?" + r"[\W_]*".join(re.escape(w) for w in words))
    return "|".join(sorted(parts, key=len, reverse=True))


class CampaignSources:
    def __init__(self, contests: list[Contest]) -> None:
        self.contests = contests
        self._accounts: dict[str, list[tuple[str | None, Contest, Pair]]] = {}
        self._tags: list[tuple[Contest, Pair, str, str, re.Pattern[str] | None]] = []
        self._slogans: list[tuple[Contest, Pair, str, str, re.Pattern[str] | None]] = []
        self._names: list[tuple[Contest, Pair, re.Pattern[str]]] = []
        self._acronyms: list[tuple[Contest, Pair, re.Pattern[str]]] = []
        self._parts: list[tuple[Contest, Pair, re.Pattern[str]]] = []
        self._titled: list[tuple[Contest, Pair, re.Pattern[str]]] = []
        self._handle_keys: list[tuple[Contest, Pair, tuple[str, ...], tuple[str, ...]]] = []
        masked: list[str] = []
        acronyms: list[str] = []
        for contest in contests:
            for pair in contest.pairs:
                for platform, handle in pair.campaign_handles:
                    self._accounts.setdefault(handle, []).append((platform, contest, pair))
                for tag in pair.campaign_hashtags:
                    self._tags.append((contest, pair, tag, _key(tag), _words_pattern([tag])))
                for slogan in pair.slogans:
                    self._slogans.append((contest, pair, slogan, _key(slogan), _words_pattern([slogan])))
                plain = [a for a in pair.name_aliases if not is_acronym(a)]
                short = [a.strip() for a in pair.name_aliases if is_acronym(a)]
                names = _words_pattern(plain)
                if names:
                    self._names.append((contest, pair, names))
                if short:
                    pattern = r"(?<![\w])(" + "|".join(re.escape(a) for a in short) + r")(?![\w])"
                    self._acronyms.append((contest, pair, re.compile(pattern)))
                    # "Rumi" in title case may be the pair or an ordinary word ("Desa kami..."): a partial mention
                    titled = r"(?<![\w])(" + "|".join(re.escape(a.capitalize()) for a in short) + r")(?![\w])"
                    self._titled.append((contest, pair, re.compile(titled)))
                # one word of a person's name: "Rusdi lagi Rusdi lagi" is about Rusdi Marwan
                parts = {w for name in pair.names for w in normalize(name).split() if len(w) >= 4}
                parts = parts - {w for a in plain for w in normalize(a).split() if " " not in normalize(a)}
                if parts:
                    pattern = r"(?<![\w])(" + "|".join(sorted(map(re.escape, parts))) + r")(?![\w])"
                    self._parts.append((contest, pair, re.compile(pattern)))
                full = tuple(k for k in (_key(n) for n in pair.names) if len(k) >= 8)
                named = tuple({_key(a) for a in pair.name_aliases if len(_key(a)) >= 4} | set(parts))
                self._handle_keys.append((contest, pair, full, named))
                masked += [*plain, *pair.campaign_hashtags, *pair.slogans]
                acronyms += short
                masked += [handle for _platform, handle in pair.campaign_handles]
        handles = [re.escape(h) for h in self._accounts]
        alternatives = [p for p in (_raw_pattern(masked), "|".join(handles)) if p]
        self._mask = (
            re.compile(r"(?<![\w@#])(?:" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE)
            if alternatives
            else None
        )
        self._mask_acronyms = (
            re.compile(r"(?<![\w])(?:" + "|".join(re.escape(a) for a in acronyms) + r")(?![\w])") if acronyms else None
        )

    def author(self, handle: str | None, platform: str | None = None) -> SourceMatch | None:
        """The pair whose campaign account this is (an account on the same platform first)."""
        if not handle:
            return None
        entries = self._accounts.get(handle.casefold()) or self._accounts.get("@" + handle.casefold().lstrip("@"))
        if not entries:
            return None
        same = [e for e in entries if e[0] in (None, platform)] or entries
        _platform, contest, pair = same[0]
        return SourceMatch(contest, pair, CAMPAIGN_ACCOUNT, handle)

    def inferred_author(self, handle: str | None) -> SourceMatch | None:
        """An undeclared account that is plainly a pair's: a candidate's own name ("@rusdimarwan"), or the pair's
        name with a campaign word ("@relawan.rumi", "@rumi_lovers"), never a critic's or a news account."""
        if not handle:
            return None
        tokens = [t for t in re.split(r"[^a-z]+", handle.casefold()) if t]
        joined = "".join(tokens)
        if not joined or any(t.startswith(word) for t in tokens for word in _CRITIC_WORDS):
            return None
        campaign_word = any(word in joined for word in _CAMPAIGN_WORDS)
        for contest, pair, full, short in self._handle_keys:
            if any(name in joined for name in full) or (campaign_word and any(k in joined for k in short)):
                return SourceMatch(contest, pair, CAMPAIGN_ACCOUNT, handle, partial=True)
        return None

    def find(self, text: str, contest: Contest | None = None) -> list[SourceMatch]:
        """Every hashtag, slogan and name of a pair in the text (of `contest` only, where one is given)."""
        if not text.strip():
            return []
        normalised = collapse_spaced(normalize(text))
        joined = normalised.replace(" ", "")
        raw_tags = {_key("#" + t) for t in _RAW_TAG.findall(unicodedata.normalize("NFKC", text))}
        found: list[SourceMatch] = []
        for kind, table in ((HASHTAG, self._tags), (SLOGAN, self._slogans)):
            for owner, pair, shown, key, pattern in table:
                if contest is not None and owner is not contest:
                    continue
                hit = pattern.search(normalised) if pattern else None
                if hit or (kind == HASHTAG and key in raw_tags):
                    found.append(SourceMatch(owner, pair, kind, shown, hit.start() if hit else 0))
                elif len(key) >= _MIN_JOINED_KEY and key in joined:
                    found.append(SourceMatch(owner, pair, kind, shown, 0))
        for owner, pair, pattern in self._names:
            if contest is not None and owner is not contest:
                continue
            for hit in pattern.finditer(normalised):
                found.append(SourceMatch(owner, pair, NAME, hit.group(0), hit.start()))
        covered = [(m.position, m.position + len(m.matched)) for m in found if m.kind == NAME]
        for owner, pair, pattern in self._parts:
            if contest is not None and owner is not contest:
                continue
            for hit in pattern.finditer(normalised):
                if not any(s <= hit.start() < e for s, e in covered):
                    found.append(SourceMatch(owner, pair, NAME, hit.group(0), hit.start(), partial=True))
        for handle in _RAW_HANDLE.findall(text):  # "mantap @rumi.official!" names the pair behind the account
            account = self.author(handle)
            if account is not None and (contest is None or account.contest is contest):
                found.append(SourceMatch(account.contest, account.pair, NAME, handle, 0))
        capitals = caps_fold(text) if self._acronyms else ""
        for owner, pair, pattern in self._acronyms:
            if contest is not None and owner is not contest:
                continue
            for hit in pattern.finditer(capitals):
                # the place is in the folded original, close enough to the normalised text for "nearest"
                found.append(SourceMatch(owner, pair, NAME, hit.group(0), hit.start()))
        for owner, pair, pattern in self._titled:
            if contest is not None and owner is not contest:
                continue
            for hit in pattern.finditer(capitals):
                found.append(SourceMatch(owner, pair, NAME, hit.group(0), hit.start(), partial=True))
        return found

    def mask(self, text: str) -> str:
        """Every name, alias, hashtag, slogan and campaign handle of any pair replaced by "paslon": the stance
        model then learns how people speak of a pair, not who the pairs of one election are."""
        text = self._mask.sub(PLACEHOLDER, text) if self._mask else text
        return self._mask_acronyms.sub(PLACEHOLDER, caps_fold(text)) if self._mask_acronyms else text


def mask_pairs(text: str, contests: list[Contest]) -> str:
    """`CampaignSources(contests).mask(text)`, for callers without a prepared matcher."""
    return CampaignSources(contests).mask(text)
