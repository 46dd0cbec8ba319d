"""Decision rules: model scores plus who acted, how, about whom and when, to detections. Pure; no I/O.

- `asn_neutrality`: a neutrality-bound civil servant posts, comments, shares or likes content whose
  endorsement or attack score passes its threshold. For likes and shares the target's text is what counts;
  for a comment, the comment and, separately, the target.
- `hoax`, `hate_sara`: anyone's own words, or content they share (a like does not repeat it).
- Campaigning by anyone else raises no alert; it is reported as a stance for the metrics.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from pantau.claims.model import CLAIM_DEFAULTS, CLAIM_SEMANTIC, CLAIM_SIMILARITY, ClaimMatch
from pantau.domain.candidates import Attribution, CandidateMatcher
from pantau.domain.events import Event
from pantau.domain.kinds import AlertType
from pantau.domain.labels import ATTACK, ENDORSEMENT, HATE_SARA, HOAX, Scores
from pantau.domain.roster import RosterEntry

ASN_RULE = AlertType.ASN_NEUTRALITY
HOAX_RULE = AlertType.HOAX
HATE_SARA_RULE = AlertType.HATE_SARA
RULES = (ASN_RULE, HOAX_RULE, HATE_SARA_RULE)

CONTENT_SOURCES: Mapping[str, tuple[str, ...]] = {
    "post": ("text",),
    "comment": ("text",),
    "share": ("text", "target"),
    "like": (),
}
PARTISAN_SOURCES: Mapping[str, tuple[str, ...]] = {
    "post": ("text",),
    "comment": ("text", "target"),
    "share": ("text", "target"),
    "like": ("target",),
}
CONTENT_RULES: Mapping[str, str] = {HOAX_RULE: HOAX, HATE_SARA_RULE: HATE_SARA}
STANCE_LABELS = (ENDORSEMENT, ATTACK)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One thing that fired, shown to staff as is: `kind` (`campaign_account`, `hashtag`, `slogan`,
    `number_cue`, `stance`, `claim`, `style_score`, ...) and what it matched (JSON-safe values only)."""

    kind: str
    detail: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, **self.detail}


@dataclass(frozen=True, slots=True)
class Detection:
    """One rule that fired on one event, with everything needed to explain why."""

    rule: str
    label: str
    score: float
    threshold: float
    source: str
    scores: Scores
    asn: RosterEntry | None = None
    attribution: Attribution | None = None
    phase: str | None = None
    evidence: tuple[Evidence, ...] = ()
    also: tuple[Attribution, ...] = ()  # other pairs the act is for or against (asn_neutrality)

    @property
    def margin(self) -> float:
        """How far the score clears its threshold, as a share of the room above the threshold."""
        headroom = 1.0 - self.threshold
        return (self.score - self.threshold) / headroom if headroom > 0 else 1.0


@dataclass(frozen=True, slots=True)
class Decision:
    detections: list[Detection] = field(default_factory=list)
    campaign_stance: str | None = None  # a partisan act by someone not bound to neutrality
    phase: str | None = None


def threshold_for(thresholds: Mapping[str, float], rule: str, label: str) -> float:
    """A rule-specific override (`asn_neutrality.endorsement`) wins over the label's threshold."""
    return thresholds.get(f"{rule}.{label}", thresholds[label])


def scoring_sources(event: Event, candidates: CandidateMatcher | None = None) -> dict[str, str]:
    """The texts of an event that the model must score, by source name. With candidates, every pair
    mention is masked to "paslon": the stance model judges how a pair is spoken of, not which pair it is
    (the unmasked text stays the evidence and feeds the cue rules)."""
    mask = candidates.campaign.mask if candidates is not None else (lambda text: text)
    sources = {}
    if event.text.strip():
        sources["text"] = mask(event.text)
    if event.target is not None and event.target.text.strip():
        sources["target"] = mask(event.target.text)
    return sources


def _best(
    event: Event,
    scores: Mapping[str, Scores],
    sources: tuple[str, ...],
    labels: tuple[str, ...],
    rule: str,
    thresholds: Mapping[str, float],
) -> Detection | None:
    best: Detection | None = None
    for source in sources:
        if source not in scores:
            continue
        for label in labels:
            threshold = threshold_for(thresholds, rule, label)
            score = scores[source][label]
            if score >= threshold:
                candidate = Detection(rule, label, score, threshold, source, dict(scores[source]))
                if best is None or candidate.margin > best.margin:
                    best = candidate
    return best


def _hoax(
    event: Event,
    scores: Mapping[str, Scores],
    style: Detection | None,
    claims: Mapping[str, ClaimMatch],
    thresholds: Mapping[str, float],
) -> Detection | None:
    """A post repeating a known, fact-checked claim is the evidence of a hoax; the classifier's style score
    alone is a weak signal (pantau.domain.severity keeps such an alert at `low`). Debunks, negations and questions
    about a claim (framing `debunk`, `negated`, `question`) raise nothing."""
    best: tuple[ClaimMatch, str, float] | None = None
    for source in CONTENT_SOURCES[event.action]:
        match = claims.get(source)
        if match is None or match.framing != "assert":
            continue
        name = CLAIM_SEMANTIC if match.method == "semantic" else CLAIM_SIMILARITY
        threshold = thresholds.get(name, CLAIM_DEFAULTS[name])
        if match.similarity >= threshold and (best is None or match.similarity > best[0].similarity):
            best = (match, source, threshold)
    style_evidence = (
        (Evidence("style_score", {"label": HOAX, "score": round(style.score, 4), "threshold": style.threshold}),)
        if style
        else ()
    )
    if best is None:  # style alone: only where its threshold is below 1 (STYLE_ONLY_DEFAULTS)
        return replace(style, evidence=style_evidence) if style and style.threshold < 1.0 else None
    match, source, threshold = best
    return Detection(
        HOAX_RULE,
        "claim",
        match.similarity,
        threshold,
        source,
        dict(scores.get(source, {})),
        evidence=(Evidence("claim", match.evidence()), *style_evidence),
    )


def evaluate(
    event: Event,
    scores: Mapping[str, Scores],
    thresholds: Mapping[str, float],
    *,
    asn: RosterEntry | None = None,
    candidates: CandidateMatcher | None = None,
    claims: Mapping[str, ClaimMatch] | None = None,
) -> Decision:
    """Every rule that fires on this event (at most one detection per rule), and the campaign stance."""
    contest = candidates.contest_for(event.region) if candidates else None
    phase = contest.phase(event.created_at) if contest else None
    detections = []
    for rule, label in CONTENT_RULES.items():
        found = _best(event, scores, CONTENT_SOURCES[event.action], (label,), rule, thresholds)
        if rule == HOAX_RULE:
            found = _hoax(event, scores, found, claims or {}, thresholds)
        elif rule == HATE_SARA_RULE:
            from pantau.domain.sara import hate_sara  # that module builds on this one's types

            found = hate_sara(event, scores, found, thresholds)
        if found:
            detections.append(replace(found, phase=phase))
    from pantau.domain.neutrality import assess  # that module builds on this one's types

    verdict = assess(event, scores, thresholds, asn=asn, candidates=candidates, phase=phase)
    if verdict.detection is None:
        return Decision(detections, verdict.campaign_stance, phase)
    detections.append(verdict.detection)
    return Decision(detections, None, verdict.detection.phase or phase)
