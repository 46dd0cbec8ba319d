"""The `asn_neutrality` rule: who acted, on what, for or against which pair, and what shows it. Pure.

A patrol officer decides from structure first and from language second, and so does this rule:
1. Structure: content authored by a pair's campaign account, carrying its hashtag or slogan, or calling for
   its number or ballot position ("coblos 2", "nomor tigo bae", "yang paling kiri") is that pair's campaign
   content whatever the model says; "jangan pilih 2" is a call against pair 2.
2. Language: for a text that names a pair without such structure, the model's stance scores (`endorsement`
   = support, `attack` = against) decide, each against its threshold. A text that favours one pair and
   attacks another yields both.
3. Context (`pantau.domain.context`): likes, shares and bare agreeing comments take the stance of what they act on.
Only a neutrality-bound roster account (PNS, PPPK, PTT_APBD) raises an alert, never a pair's own campaign
account; news reports (a reporter's phrasing, no call) never count on the model alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pantau.domain.campaign import CAMPAIGN_ACCOUNT, NAME, SourceMatch, caps_fold
from pantau.domain.candidates import Attribution, CandidateMatcher, Contest, Pair
from pantau.domain.context import AGAINST, SUPPORT, PairStance, in_context
from pantau.domain.cues import electoral, number_cues, other_date, pair_at, position_cues
from pantau.domain.events import Event
from pantau.domain.labels import ATTACK, ENDORSEMENT, POLITICAL, Scores
from pantau.domain.lexicon import polarity
from pantau.domain.roster import RosterEntry
from pantau.domain.rules import ASN_RULE, Detection, Evidence, threshold_for

STANCE_LABEL = {SUPPORT: ENDORSEMENT, AGAINST: ATTACK}
STRUCTURAL_SCORE = 1.0  # a campaign source or an explicit call is certain, whatever the model says
_CONTRAST = re.compile(r"\b(mending|mendingan|daripada|drpd|ketimbang|dibanding|dibandingkan|bukan|jangan|jgn)\b")
_PEOPLE = r"(?i:rakyat|semua|kita|warga|negeri|daerah|kabupaten|kota|provinsi)\b"
_NEWS = re.compile(
    r"\b(ujar|ujarnya|katanya|ungkapnya|jelasnya|tuturnya|imbuhnya|dikutip|dilansir|dilaporkan|wib|pukul|"
    r"jadwal|digelar|menggelar|kpu|kpud|bawaslu|survei|hitung cepat|quick count|rekapitulasi|penetapan|"
    r"ditetapkan|tetapkan|menetapkan|nomor urut|pengundian|debat publik|debat kandidat|redaksi|reporter|"
    r"wartawan|liputan|berita|press release|kpps|ppk|pps|temukan|menemukan|mengimbau|imbau|himbau|komisioner|"
    r"ketua kpu|sidang|putusan|melaporkan|rilis|konferensi pers|menurut data)\b"
)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the rule concluded: a detection for a bound account, else the stance for the metrics."""

    detection: Detection | None = None
    campaign_stance: str | None = None
    stances: list[PairStance] = field(default_factory=list)


def _is_news(text: str) -> bool:
    return len(set(_NEWS.findall(text.lower()))) >= 2


@dataclass
class _Reading:
    """One text's stances under construction: evidence per pair, and the pairs merely named."""

    source: str
    support: dict[tuple[str, int], list[Evidence]] = field(default_factory=dict)
    against: dict[tuple[str, int], list[Evidence]] = field(default_factory=dict)
    named: dict[tuple[str, int], str] = field(default_factory=dict)
    where: dict[tuple[str, int], int] = field(default_factory=dict)  # a name's place in the normalised text
    pairs: dict[tuple[str, int], tuple[Contest, Pair, str]] = field(default_factory=dict)
    model: dict[tuple[str, int], float] = field(default_factory=dict)
    unpaired: tuple[str, float] | None = None

    def note(
        self,
        side: dict[tuple[str, int], list[Evidence]],
        contest: Contest,
        pair: Pair,
        matched: str,
        evidence: Evidence,
    ) -> None:
        key = (contest.region, pair.number)
        self.pairs.setdefault(key, (contest, pair, matched))
        side.setdefault(key, []).append(evidence)

    def stances(self) -> list[PairStance]:
        out = []
        for stance, side in ((SUPPORT, self.support), (AGAINST, self.against)):
            for key, evidence in side.items():
                contest, pair, matched = self.pairs[key]
                structural = any(e.kind != "stance" for e in evidence)
                out.append(
                    PairStance(
                        contest, pair, stance, matched, self.source, tuple(evidence), structural, self.model.get(key)
                    )
                )
        return out


def _read(
    source: str,
    text: str,
    author: SourceMatch | None,
    scores: Scores | None,
    thresholds: Mapping[str, float],
    matcher: CandidateMatcher,
    local: Contest | None,
    in_view: bool = False,
    phase: str | None = None,
) -> _Reading:
    reading = _Reading(source)
    if author is not None and (local is None or author.contest is local):
        detail = {"account": author.matched, "pair": author.pair.number}
        if author.partial:
            detail["declared"] = False  # recognised from the account's name, not listed in the candidates file
        reading.note(reading.support, author.contest, author.pair, author.matched, Evidence(CAMPAIGN_ACCOUNT, detail))
    found = matcher.campaign.find(text, local)
    if any(m.partial for m in found) and not (in_view or electoral(text) or any(not m.partial for m in found)):
        found = [m for m in found if not m.partial]  # "Bu Sari penjual sayur" is not Sari Wulandari
    for match in found:
        key = (match.contest.region, match.pair.number)
        if match.kind == NAME:
            reading.pairs.setdefault(key, (match.contest, match.pair, match.matched))
            reading.named.setdefault(key, match.matched)
            reading.where.setdefault(key, match.position)
        else:
            reading.note(
                reading.support,
                match.contest,
                match.pair,
                match.matched,
                Evidence(match.kind, {"matched": match.matched, "pair": match.pair.number}),
            )
    contest = local or (found[0].contest if found else None) or (author.contest if author else None)
    if contest is not None and text.strip():
        _cues(reading, text, contest, in_view, phase)
    if scores:
        _model(reading, text, scores, thresholds)
    return reading


def _cues(reading: _Reading, text: str, contest: Contest, in_view: bool, phase: str | None = None) -> None:
    """`in_view`: the election is already in view around this text (a reply to campaign content). In the quiet
    period and on voting day a reminder ("jangan lupa ✌️") is about the ballot too, unless the text names
    another date ("tanggal 4 ... jangan lupa ✌️" reminds of that day's appointment)."""
    by_number = {p.number: p for p in contest.pairs}
    in_view = in_view or electoral(text, contest.voting_day) or bool(reading.support or reading.named)
    quiet = phase in ("quiet_period", "voting_day") and not other_date(text, contest.voting_day)
    for cue in number_cues(text):
        pair = by_number.get(cue.number)
        if pair is None:
            continue
        if cue.weak and not (in_view or (quiet and cue.reminder)):
            continue  # a bare "02", a ✌️ or "nomor 1 di hati" with nothing electoral around it
        if cue.generic and not cue.call and not in_view:
            continue  # "produk nomor 1", "baju nomor 2": a plain number names a pair only in an electoral text
        key = (contest.region, pair.number)
        if not cue.call:
            reading.pairs.setdefault(key, (contest, pair, cue.matched))
            reading.named.setdefault(key, cue.matched)
            continue
        side = reading.against if cue.against else reading.support
        reading.note(
            side,
            contest,
            pair,
            cue.matched,
            Evidence("number_cue", {"matched": cue.matched, "pair": pair.number, "call": not cue.against}),
        )
    numbers = [p.number for p in contest.pairs]
    for position in position_cues(text):
        number = pair_at(position.position, numbers)
        if number is None:
            continue
        side = reading.against if position.against else reading.support
        reading.note(
            side,
            contest,
            by_number[number],
            position.matched,
            Evidence("position_cue", {"matched": position.matched, "position": position.position, "pair": number}),
        )


def _model(reading: _Reading, text: str, scores: Scores, thresholds: Mapping[str, float]) -> None:
    endorsement, attack = scores.get(ENDORSEMENT, 0.0), scores.get(ATTACK, 0.0)
    t_endorse, t_attack = threshold_for(thresholds, ASN_RULE, ENDORSEMENT), threshold_for(thresholds, ASN_RULE, ATTACK)
    news = _is_news(text)

    def stance(label: str, score: float, threshold: float, key: tuple[str, int]) -> Evidence:
        reading.model[key] = round(score, 4)
        return Evidence(
            "stance",
            {
                "label": label,
                "score": round(score, 4),
                "threshold": threshold,
                "pair": key[1],
                "source": reading.source,
            },
        )

    supported = set(reading.support)
    others = [k for k in reading.named if k not in supported and k not in reading.against]
    # a text favouring one pair attacks the others it names, when the model or its wording says so
    if supported and others and (attack >= t_attack or _CONTRAST.search(text.lower()) or polarity(text).negative):
        for key in others:
            reading.against.setdefault(key, []).append(
                stance(ATTACK, attack, t_attack, key)
                if attack >= t_attack
                else Evidence("stance", {"label": ATTACK, "wording": "contrast", "pair": key[1]})
            )
        return
    for key in supported:
        if endorsement >= t_endorse:
            reading.support[key].append(stance(ENDORSEMENT, endorsement, t_endorse, key))
    if news or not others:
        if not reading.pairs and not news and max(endorsement - t_endorse, attack - t_attack) >= 0:
            reading.unpaired = (
                (ENDORSEMENT, endorsement) if endorsement - t_endorse >= attack - t_attack else (ATTACK, attack)
            )
        return
    if len(others) > 1 and not supported:
        _wording(reading, text, others)  # the model cannot tell which of several named pairs it favours
    elif endorsement >= t_endorse and endorsement - t_endorse >= attack - t_attack and not supported:
        first = min(others, key=lambda k: list(reading.named).index(k))
        reading.support.setdefault(first, []).append(stance(ENDORSEMENT, endorsement, t_endorse, first))
    elif attack >= t_attack:
        for key in others:
            reading.against.setdefault(key, []).append(stance(ATTACK, attack, t_attack, key))
    else:
        _wording(reading, text, others)


def _wording(reading: _Reading, text: str, others: list[tuple[str, int]]) -> None:
    """Praise or mockery around a pair the model had no opinion on ("jujur nian, semoga menang",
    "bosen, lima tahun cuma baliho 🙄"); with two pairs named, each takes the signal nearest to it."""
    lexical = polarity(text)
    capitals = caps_fold(text)
    for key in others:
        side = lexical.leaning if len(others) == 1 or key not in reading.where else lexical.near(reading.where[key])
        put_forward = rf"(?i:{re.escape(reading.named[key])})\s+(?i:untuk|buat|utk)\s+(?:[A-Z]|{_PEOPLE})"
        if side is None and re.search(put_forward, capitals):
            side = SUPPORT  # "IRAMA untuk Rejang Hulu": a pair's name put forward for a place or its people
        if side is None:
            continue
        label = ENDORSEMENT if side == SUPPORT else ATTACK
        evidence = Evidence("stance", {"label": label, "wording": lexical.words[:6], "pair": key[1]})
        (reading.support if side == SUPPORT else reading.against).setdefault(key, []).append(evidence)


def _adopt_pairs(reading: _Reading, donor: list[PairStance], thresholds: Mapping[str, float]) -> None:
    """Own words with a stance but no pair ("dia pasti menang") are about the pair of what they answer."""
    if reading.unpaired is None or not donor:
        return
    label, score = reading.unpaired
    side = reading.support if label == ENDORSEMENT else reading.against
    for stance in donor:
        reading.pairs.setdefault(stance.key, (stance.contest, stance.pair, stance.matched))
        reading.model[stance.key] = round(score, 4)
        side.setdefault(stance.key, []).append(
            Evidence(
                "stance",
                {
                    "label": label,
                    "score": round(score, 4),
                    "threshold": threshold_for(thresholds, ASN_RULE, label),
                    "pair": stance.pair.number,
                    "source": reading.source,
                },
            )
        )
    reading.unpaired = None


def assess(
    event: Event,
    scores: Mapping[str, Scores],
    thresholds: Mapping[str, float],
    *,
    asn: RosterEntry | None,
    candidates: CandidateMatcher | None,
    phase: str | None,
) -> Verdict:
    """The neutrality verdict on one event: at most one detection, naming every pair and every evidence."""
    if candidates is None:
        return _unpaired_only(event, scores, thresholds, asn, phase)
    local = candidates.contest_for(event.region)
    target = event.target
    target_reading = None
    if target is not None:
        author = candidates.campaign.author(target.author, event.platform) or candidates.campaign.inferred_author(
            target.author
        )
        target_reading = _read(
            "target", target.text, author, scores.get("target"), thresholds, candidates, local, phase=phase
        )
    voting_day = local.voting_day if local is not None else None
    in_view = target_reading is not None and bool(
        target_reading.pairs or electoral(target.text if target else "", voting_day)
    )
    own = _read("text", event.text, None, scores.get("text"), thresholds, candidates, local, in_view, phase)
    target_stances = target_reading.stances() if target_reading else []
    if target_reading is not None and not target_stances and target_reading.pairs:
        # a target that names a pair without taking a side still tells a reply which pair it is about
        target_stances = [
            PairStance(c, p, SUPPORT, m, "target", (), False) for c, p, m in target_reading.pairs.values()
        ]
        _adopt_pairs(own, target_stances, thresholds)
        target_stances = []
    else:
        _adopt_pairs(own, target_stances, thresholds)
    stances = in_context(event.action, event.text, own.stances(), target_stances)
    if not stances:
        unpaired = own.unpaired if event.action in ("post", "comment", "share") else None
        if unpaired is None and event.action in ("like", "share") and target_reading is not None:
            unpaired = target_reading.unpaired
        return _from_unpaired(event, scores, thresholds, asn, phase, unpaired)
    stances.sort(key=lambda s: (s.stance != SUPPORT, not s.structural, s.source != "text"))
    primary = stances[0]
    label = STANCE_LABEL[primary.stance]
    own_account = candidates.campaign.author(event.account.handle, event.platform) or (
        candidates.campaign.author(asn.handle, asn.platform) if asn is not None else None
    )
    if asn is None or not asn.bound or own_account is not None:
        return Verdict(None, label, stances)
    threshold = threshold_for(thresholds, ASN_RULE, label)
    score = primary.score if primary.score is not None and not primary.structural else STRUCTURAL_SCORE
    attribution = _attribution(primary)
    also = tuple(_attribution(s) for s in stances[1:] if s.key != primary.key or s.stance != primary.stance)
    detection = Detection(
        ASN_RULE,
        label,
        score,
        threshold,
        primary.source,
        dict(scores.get(primary.source, {})),
        asn=asn,
        attribution=attribution,
        phase=primary.contest.phase(event.created_at),
        evidence=tuple(e for s in stances for e in s.evidence),
        also=also,
    )
    return Verdict(detection, None, stances)


def _attribution(stance: PairStance) -> Attribution:
    return Attribution(stance.contest, stance.pair, stance.matched, stance.stance)


def _from_unpaired(
    event: Event,
    scores: Mapping[str, Scores],
    thresholds: Mapping[str, float],
    asn: RosterEntry | None,
    phase: str | None,
    unpaired: tuple[str, float] | None,
) -> Verdict:
    """A partisan score about no pair we can name: counted, and alerted only when the text is political."""
    if unpaired is None:
        return Verdict()
    label, score = unpaired
    source = "text" if event.action in ("post", "comment") or "target" not in scores else "target"
    if event.action == "share" and "text" in scores and scores["text"].get(label, 0.0) >= score:
        source = "text"
    political = scores.get(source, {}).get(POLITICAL, 0.0) >= thresholds.get(POLITICAL, 1.0)
    if asn is None or not asn.bound or not political:
        return Verdict(None, label)
    threshold = threshold_for(thresholds, ASN_RULE, label)
    evidence = Evidence("stance", {"label": label, "score": round(score, 4), "threshold": threshold, "source": source})
    detection = Detection(
        ASN_RULE,
        label,
        score,
        threshold,
        source,
        dict(scores.get(source, {})),
        asn=asn,
        phase=phase,
        evidence=(evidence,),
    )
    return Verdict(detection, None)


def _unpaired_only(
    event: Event,
    scores: Mapping[str, Scores],
    thresholds: Mapping[str, float],
    asn: RosterEntry | None,
    phase: str | None,
) -> Verdict:
    """Without a candidates file only the model can speak."""
    best: tuple[str, float] | None = None
    for source in ("text", "target"):
        if source not in scores or (source == "text" and event.action == "like"):
            continue
        for label in (ENDORSEMENT, ATTACK):
            score = scores[source].get(label, 0.0)
            if score >= threshold_for(thresholds, ASN_RULE, label) and (best is None or score > best[1]):
                best = (label, score)
    return _from_unpaired(event, scores, thresholds, asn, phase, best)
