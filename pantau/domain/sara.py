"""The structural `hate_sara` signal: a group named for its ethnicity, religion, race or origin, and hostility
toward it in the same clause. Pure; the word lists live in `pantau.domain.sara_words`.

The model misses regional-election SARA (its training data is national Twitter hate), so, as the neutrality
rule does for campaigning, structure comes first: a GROUP ("orang pendatang", "yang Kristen", "suku Batak")
plus a HOSTILITY or EXCLUSION predicate on it ("licik semua", "jangan dikasih jadi gubernur", "pulang saja",
"tidak rela dipimpin") is SARA hate whatever the model says. A group named without hostility (greetings,
profiles, festivals), criticism of a candidate that names no group, and texts that reject SARA or report on it
("jangan bawa SARA", "bukan soal suku", a police statement) yield nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from nlp.serving.normalize import normalize
from pantau.domain import sara_words as w
from pantau.domain.events import Event
from pantau.domain.labels import HATE_SARA, Scores
from pantau.domain.rules import CONTENT_SOURCES, HATE_SARA_RULE, Detection, Evidence, threshold_for

STRUCTURAL_SCORE = 1.0  # a group with hostility toward it is SARA hate whatever the model says
INSULT, EXCLUSION, THREAT, TIE, TAKEOVER = "insult", "exclusion", "threat", "tie", "takeover"
MAX_GAP_WORDS = 8  # a predicate further from the group than this is about something else
_SENTENCES = re.compile(r"[.!?;\n]+|[\"“”«»]")
_CLAUSE_BREAKS = re.compile(rf"\b{w.CLAUSE_BREAKS}\b")


def _alternation(phrases: str | list[str]) -> str:
    items = phrases.split() if isinstance(phrases, str) else phrases
    return "|".join(sorted({re.escape(p) for p in items}, key=len, reverse=True))


def _spellings(table: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Each spelling → (group, category)."""
    out: dict[str, tuple[str, str]] = {}
    for group, (category, spellings) in table.items():
        for spelling in (part.strip() for part in spellings.split(",")):
            out.setdefault(spelling, (group, category))
    return out


_PEOPLE = _spellings(w.PEOPLE_GROUPS) | {name: (name, w.SUKU) for name in w.MORE_SUKU.split()}
_PLACES = _spellings(w.PLACE_GROUPS) | {name: (name, w.SUKU) for name in w.MORE_PLACE_SUKU.split()}
_MARKERS = _alternation(w.PEOPLE_MARKERS)
_PEOPLE_RE = re.compile(rf"(?<!\w)(?:(?:{_MARKERS}) )?({_alternation(list(_PEOPLE))})(?!\w)")
_PLACES_RE = re.compile(rf"(?<!\w)(?:{_MARKERS}) (?:\w+ )?({_alternation(list(_PLACES))})(?!\w)")
_INSULTS = re.compile(
    rf"(?<!\w)({_alternation(w.INSULT_PHRASES)}|{_alternation(w.INSULTS)}|"
    r"tukang (?:tipu|bohong|rusuh|onar|palak|peras|copet|curi|bikin \w+))(?!\w)"
)
_EXCLUSIONS = [re.compile(rf"(?<!\w){p}(?!\w)") for p in w.EXCLUSION]
_IN_GROUP = _alternation(list(w.IN_GROUP))
_IN_GROUP_CALL = re.compile(
    rf"(?<!\w)(?:harus|wajib|mesti|hanya|cuma|kudu|utamakan|dahulukan) (?:\w+ ){{0,3}}({_IN_GROUP})"
    r"(?!\w)|(?<!\w)pilih (?:\w+ ){0,3}(seiman|seagama|sesuku|sesama muslim|sesama islam)(?!\w)"
)
_THREATS = re.compile(rf"(?<!\w){w.THREATS}(?!\w)")
_PASSIVE_THREATS = re.compile(rf"(?<!\w){w.PASSIVE_THREATS}(?!\w)")
_TAKEOVER = re.compile(rf"(?<!\w)(?:{w.TAKEOVER})(?!\w)")
_ANAPHORA = re.compile(w.ANAPHORA)
_CONDITIONAL = re.compile(rf"(?<!\w){w.CONDITIONAL}(?!\w)")
_CONSEQUENCE = re.compile(rf"(?<!\w)(?:{w.CONSEQUENCE})(?!\w)")
_DEHUMANISING = frozenset(w.DEHUMANISING.split())
_COPULA = frozenset(w.COPULA.split())
_SIMILE_BEFORE = re.compile(rf"(?<!\w){w.SIMILE}$")
_SAID_OF = 2  # "pendatang itu benalu": at most this many words from the group to a dehumanising name
_SLURS = re.compile(rf"(?<!\w)({_alternation(w.SLURS)})(?!\w)")
_TIES = re.compile(rf"(?<!\w)({_alternation(w.TIES)})(?!\w)")
_QUANTIFIERS = re.compile(rf"(?<!\w)(memang begitu|rata rata|sama saja|{_alternation(w.QUANTIFIERS)})(?!\w)")
_NEGATED = re.compile(rf"(?<!\w)(?:{_alternation(w.NEGATIONS)})(?: \w+)?$")
_NOT_EXCLUSION = re.compile(r"(?<!\w)(?:jangan|tidak usah) (?:lupa|sampai lupa|golput|ragu)(?!\w)")
_COUNTER = [re.compile(rf"(?<!\w){p}") for p in w.COUNTER]
_DISCLAIMER = re.compile(rf"(?<!\w){w.DISCLAIMER}(?!\w)")
_REPORTING = re.compile(rf"(?<!\w)(kata dia|pemilik akun|uu ite|{_alternation(w.REPORTING)})(?!\w)")


Group = tuple[int, int, str, str, str]  # start, end, group, category, matched


@dataclass(frozen=True, slots=True)
class SaraFinding:
    """A group and the hostility toward it, as staff will read them."""

    group: str
    category: str  # suku | agama | ras | antargolongan
    matched: str  # the group's words as normalised
    hostility: str  # the predicate's words as normalised
    kind: str  # insult | exclusion | threat | tie
    generalised: bool  # "semua", "selalu", "memang begitu": said of the whole group


def clauses(text: str) -> list[str]:
    """Normalised clauses: sentences (and quoted spans) cut at "tapi", "namun", ..."""
    out = []
    for sentence in _SENTENCES.split(text):
        for clause in _CLAUSE_BREAKS.split(normalize(sentence)):
            if clause.strip():
                out.append(clause.strip())
    return out


def _rejects_or_reports(normalised: str) -> bool:
    """Counter-speech ("jangan bawa SARA", "bukan soal suku") or news about an incident. "Bukan SARA ya, tapi ..."
    is a disclaimer before the hostility, not a rejection."""
    if _DISCLAIMER.search(normalised):
        return False
    for pattern in _COUNTER:
        found = pattern.search(normalised)
        if found:  # "toleransi boleh, tapi ...": what follows the contrast is what the text says
            return not _CLAUSE_BREAKS.search(normalised, found.end())
    return len(set(_REPORTING.findall(normalised))) >= 2


def _groups(clause: str) -> list[Group]:
    """(start, end, group, category, matched) for every group term in the clause."""
    found = []
    for m in _PEOPLE_RE.finditer(clause):
        group, category = _PEOPLE[m.group(1)]
        found.append((m.start(), m.end(1), group, category, m.group(1)))  # a marker ("orang") is part of it
    for m in _PLACES_RE.finditer(clause):
        group, category = _PLACES[m.group(1)]
        found.append((m.start(), m.end(1), group, category, m.group(0)))  # "orang Jawa": the marker is its start
    return found


def _predicates(clause: str) -> list[tuple[int, int, str, str]]:
    """(start, end, phrase, kind): hostility wherever it sits in the clause."""
    found = []
    for m in _INSULTS.finditer(clause):
        if not _NEGATED.search(clause[: m.start()].rstrip()):
            found.append((m.start(), m.end(), m.group(0), INSULT))
    for pattern in _EXCLUSIONS:
        for m in pattern.finditer(clause):
            if not _NOT_EXCLUSION.match(clause, m.start()):
                found.append((m.start(), m.end(), m.group(0).strip(), EXCLUSION))
    for m in _THREATS.finditer(clause):
        found.append((m.start(), m.end(), m.group(0), THREAT))
    for m in _PASSIVE_THREATS.finditer(clause):
        found.append((m.start(), m.end(), m.group(0), THREAT))
    for m in _CONDITIONAL.finditer(clause):
        if _CONSEQUENCE.search(clause, m.end()):
            found.append((m.start(), m.end(), m.group(0), EXCLUSION))
    for m in _TAKEOVER.finditer(clause):
        if not _NEGATED.search(clause[: m.start()].rstrip()):
            found.append((m.start(), m.end(), m.group(0), TAKEOVER))
    return found


def _gap_words(clause: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return len(clause[a[1] : b[0]].split())
    if b[1] <= a[0]:
        return len(clause[b[1] : a[0]].split())
    return -1  # overlap: the group's own words ("aliran sesat") are not a predicate on it


def _said_of(clause: str, group: tuple[int, int], start: int) -> bool:
    """A dehumanising name counts after a simile ("dasar", "kayak") or right after the group it names."""
    if _SIMILE_BEFORE.search(clause[:start].rstrip()):
        return True
    between = clause[group[1] : start].split()
    return group[1] <= start and len(between) <= _SAID_OF and all(word in _COPULA for word in between)


def _aimed_at(group: tuple[int, int], threat: tuple[int, int], gap: int, passive: object) -> bool:
    """ "Usir pendatang", "orang Dayak harus dibantai": the group is the threat's object, not a bystander."""
    before = threat[1] <= group[0] if not passive else group[1] <= threat[0]
    return before and 0 <= gap <= w.THREAT_GAP


def _in_clause(clause: str, carried: list[Group]) -> tuple[SaraFinding | None, list[Group]]:
    """The finding in this clause, and the groups a following "mereka"/"kalian" refers to. `carried`: the groups
    the previous clause named, standing where this clause says "mereka"."""
    generalised = _QUANTIFIERS.search(clause) is not None
    call = _IN_GROUP_CALL.search(clause)
    if call and not _NEGATED.search(
        clause[: call.start()].rstrip()
    ):  # "harus yang seiman": the requirement names the group and excludes everyone else
        term = call.group(1) or call.group(2)
        category = w.IN_GROUP[term]
        return SaraFinding(term, category, term, call.group(0), EXCLUSION, generalised), []
    named = _groups(clause)
    groups = named
    if not groups and carried:
        groups = [(m.start(), m.end(), *g[2:]) for m in _ANAPHORA.finditer(clause) for g in carried]
    if not groups:
        return None, []
    predicates = _predicates(clause)
    best: tuple[tuple[int, int], SaraFinding] | None = None
    for start, end, group, category, matched in groups:
        for p_start, p_end, phrase, kind in predicates:
            gap = _gap_words(clause, (start, end), (p_start, p_end))
            if phrase in _DEHUMANISING and not _said_of(clause, (start, end), p_start):
                continue
            if kind == THREAT and not _aimed_at((start, end), (p_start, p_end), gap, _PASSIVE_THREATS.match(phrase)):
                continue
            # Nearest first; at equal distance the group a call or threat is aimed at ("jangan mau dipimpin X").
            key = (gap, 0 if kind in (EXCLUSION, THREAT) and p_end <= start else 1)
            if 0 <= gap <= MAX_GAP_WORDS and (best is None or key < best[0]):
                best = (key, SaraFinding(group, category, matched, phrase, kind, generalised))
    if best is not None:
        return best[1], named
    slur = _SLURS.search(clause)
    tie = _TIES.search(clause)
    if slur and tie:  # "paslon 2 didukung aseng"
        group, category = _PEOPLE.get(slur.group(1), (slur.group(1), w.AGAMA))
        return SaraFinding(group, category, slur.group(1), tie.group(1), TIE, generalised), named
    return None, named or groups


def find_sara(text: str) -> SaraFinding | None:
    """The first clause where a named group meets hostility, or None (also for counter-speech and news)."""
    if not text.strip() or _rejects_or_reports(normalize(text)):
        return None
    carried: list[Group] = []
    for clause in clauses(text):
        found, carried = _in_clause(clause, carried)
        if found is not None:
            return found
    return None


def _source_text(event: Event, source: str) -> str:
    if source == "target":
        return event.target.text if event.target is not None else ""
    return event.text


def _style(scores: Mapping[str, Scores], source: str, threshold: float) -> tuple[Evidence, ...]:
    if source not in scores or HATE_SARA not in scores[source]:
        return ()
    detail = {"label": HATE_SARA, "score": round(scores[source][HATE_SARA], 4), "threshold": threshold}
    return (Evidence("style_score", detail),)


def hate_sara(
    event: Event, scores: Mapping[str, Scores], model: Detection | None, thresholds: Mapping[str, float]
) -> Detection | None:
    """The group-and-hostility structure in the event's own words or what it shares (never a like) fires with
    its evidence; else the model's score above its threshold fires alone, as it always has."""
    threshold = threshold_for(thresholds, HATE_SARA_RULE, HATE_SARA)
    for source in CONTENT_SOURCES[event.action]:
        found = find_sara(_source_text(event, source))
        if found is None:
            continue
        hostility = {"phrase": found.hostility, "type": found.kind, "generalised": found.generalised}
        evidence = (
            Evidence("sara_group", {"group": found.group, "category": found.category, "matched": found.matched}),
            Evidence("hostility", hostility),
            *_style(scores, source, threshold),
        )
        source_scores = dict(scores.get(source, {}))
        return Detection(
            HATE_SARA_RULE, HATE_SARA, STRUCTURAL_SCORE, threshold, source, source_scores, evidence=evidence
        )
    if model is None:
        return None
    return replace(model, evidence=_style(scores, model.source, model.threshold))
