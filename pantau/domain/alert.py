"""The alert as a typed record, with the one mapping to and from its JSON (CONTRACT.md "Alerts (Redis)").

`to_json` gives the dict that goes on the stream and into the state key, keys in the producers' order;
`from_json` reads a stream alert or a stored state, tolerating the optional fields older alerts lack.
Keys of a state that the record does not name (e.g. the dashboard's `stream_id`) travel in `extra`. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from pantau.domain.kinds import AlertType, Severity, TriageStatus
from pantau.domain.rules import Evidence

JSON = dict[str, Any]


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the evidence came from in Kafka, so any alert can be traced back to its message."""

    topic: str
    partition: int
    offset: int

    def to_json(self) -> JSON:
        return {"topic": self.topic, "partition": self.partition, "offset": self.offset}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Provenance:
        return cls(str(raw.get("topic", "")), int(raw.get("partition", 0)), int(raw.get("offset", 0)))


@dataclass(frozen=True, slots=True)
class AccountRef:
    id: str
    handle: str | None = None

    def to_json(self) -> JSON:
        return {"id": self.id, "handle": self.handle}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> AccountRef:
        return cls(str(raw.get("id", "")), raw.get("handle"))


@dataclass(frozen=True, slots=True)
class AsnView:
    """The roster entry as a reviewer sees it: the pseudonym, never the NIP."""

    nip_hash: str
    name: str
    opd: str
    status: str
    region: str | None = None

    def to_json(self) -> JSON:
        return {
            "nip_hash": self.nip_hash,
            "name": self.name,
            "opd": self.opd,
            "status": self.status,
            "region": self.region,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> AsnView:
        return cls(
            str(raw.get("nip_hash", "")),
            raw.get("name", ""),
            raw.get("opd", ""),
            raw.get("status", ""),
            raw.get("region"),
        )


@dataclass(frozen=True, slots=True)
class CandidateView:
    """The pair an act is for or against (pantau.domain.candidates.Attribution as JSON); `pairs` lists every
    pair of an asn_neutrality act, absent on citizen reports."""

    region: str | None
    office: str | None
    number: int | None
    names: tuple[str, ...] = ()
    matched: str | None = None
    stance: str | None = None
    pairs: tuple[CandidateView, ...] | None = None

    def to_json(self) -> JSON:
        out: JSON = {
            "region": self.region,
            "office": self.office,
            "number": self.number,
            "names": list(self.names),
            "matched": self.matched,
        }
        if self.stance:
            out["stance"] = self.stance
        if self.pairs is not None:
            out["pairs"] = [p.to_json() for p in self.pairs]
        return out

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> CandidateView:
        pairs = raw.get("pairs")
        return cls(
            raw.get("region"),
            raw.get("office"),
            raw.get("number"),
            tuple(raw.get("names") or ()),
            raw.get("matched"),
            raw.get("stance"),
            tuple(cls.from_json(p) for p in pairs) if isinstance(pairs, list) else None,
        )


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why the rule fired. A citizen report's explanation names the rules that fired instead (`fired`)."""

    rule: str
    source: str | None = None
    label: str | None = None
    score: float | None = None
    threshold: float | None = None
    margin: float | None = None
    target_author: str | None = None
    candidate_span: str | None = None
    reach: int | None = None
    fired: tuple[str, ...] | None = None

    def to_json(self) -> JSON:
        if self.fired is not None:
            return {"rule": self.rule, "source": self.source, "fired": list(self.fired)}
        return {
            "rule": self.rule,
            "label": self.label,
            "score": self.score,
            "threshold": self.threshold,
            "margin": self.margin,
            "source": self.source,
            "target_author": self.target_author,
            "candidate_span": self.candidate_span,
            "reach": self.reach,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Explanation:
        fired = raw.get("fired")
        return cls(
            str(raw.get("rule", "")),
            raw.get("source"),
            raw.get("label"),
            raw.get("score"),
            raw.get("threshold"),
            raw.get("margin"),
            raw.get("target_author"),
            raw.get("candidate_span"),
            raw.get("reach"),
            tuple(fired) if isinstance(fired, list) else None,
        )


@dataclass(frozen=True, slots=True)
class TargetView:
    """What a like, share or comment acted on."""

    id: str | None
    author: str | None
    excerpt: str

    def to_json(self) -> JSON:
        return {"id": self.id, "author": self.author, "excerpt": self.excerpt}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> TargetView:
        return cls(raw.get("id"), raw.get("author"), str(raw.get("excerpt", "")))


def evidence_from_json(raw: Mapping[str, Any]) -> Evidence:
    """One evidence item: its `kind`, the rest as it was stored (items are heterogeneous)."""
    return Evidence(str(raw.get("kind", "")), {k: v for k, v in raw.items() if k != "kind"})


@dataclass(frozen=True, slots=True)
class TriageRecord:
    """The staff's decisions on an alert (pantau.domain.triage); `history` steps as stored."""

    status: TriageStatus = TriageStatus.NEW
    raw: Mapping[str, Any] = field(default_factory=lambda: {"status": "new"})

    def to_json(self) -> JSON:
        return dict(self.raw)  # key order follows the decisions taken, so the stored record is kept whole

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> TriageRecord:
        return cls(TriageStatus(raw.get("status") or TriageStatus.NEW), dict(raw))

    @property
    def history(self) -> list[Mapping[str, Any]]:
        return list(self.raw.get("history") or [])

    @property
    def escalation_requested(self) -> bool:
        return bool(self.raw.get("escalation_requested"))


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert, or its stored state when `triage` (and the state keys) are set."""

    alert_id: str
    type: AlertType
    severity: Severity
    event_id: str = ""
    platform: str = ""
    action: str | None = None
    account: AccountRef | None = None
    asn: AsnView | None = None
    candidate: CandidateView | None = None
    scores: Mapping[str, float] = field(default_factory=dict)
    thresholds: Mapping[str, float] = field(default_factory=dict)
    model_version: str | None = None
    excerpt: str = ""
    url: str | None = None
    region: str | None = None
    phase: str | None = None
    event_time: str | None = None
    detected_at: str | None = None
    occurrences: int = 1
    prior_alerts: int = 0
    reports: int | None = None  # citizen reports on this alert (any type a report joined)
    tracking_codes: tuple[str, ...] | None = None
    explanation: Explanation | None = None
    evidence: tuple[Evidence, ...] = ()
    target: TargetView | None = None  # never on a citizen_report
    source: Provenance | None = None
    last_event_id: str | None = None  # state keys from here on
    triage: TriageRecord | None = None
    last_report_at: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_report(self) -> bool:
        return self.type == AlertType.CITIZEN_REPORT

    def to_json(self) -> JSON:
        out: JSON = {
            "alert_id": self.alert_id,
            "type": self.type,
            "severity": self.severity,
            "event_id": self.event_id,
            "platform": self.platform,
            "action": self.action,
            "account": self.account.to_json() if self.account else None,
            "asn": self.asn.to_json() if self.asn else None,
            "candidate": self.candidate.to_json() if self.candidate else None,
            "scores": dict(self.scores),
            "thresholds": dict(self.thresholds),
            "model_version": self.model_version,
            "excerpt": self.excerpt,
            "url": self.url,
            "region": self.region,
            "phase": self.phase,
            "event_time": self.event_time,
            "detected_at": self.detected_at,
            "occurrences": self.occurrences,
            "prior_alerts": self.prior_alerts,
        }
        reports = (
            {} if self.reports is None else {"reports": self.reports, "tracking_codes": list(self.tracking_codes or ())}
        )
        if self.is_report:
            out.update(reports)
        out["explanation"] = self.explanation.to_json() if self.explanation else None
        out["evidence"] = [item.as_dict() for item in self.evidence]
        if not self.is_report:
            out["target"] = self.target.to_json() if self.target else None
        out["source"] = self.source.to_json() if self.source else None
        if self.last_event_id is not None:
            out["last_event_id"] = self.last_event_id
        if self.triage is not None:
            out["triage"] = self.triage.to_json()
        if not self.is_report:
            out.update(reports)  # a report that joined this alert's case: added to the state last
        if self.last_report_at is not None:
            out["last_report_at"] = self.last_report_at
        out.update(self.extra)
        return out

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Alert:
        def part(name: str) -> Mapping[str, Any] | None:
            value = raw.get(name)
            return value if isinstance(value, Mapping) and value else None

        account, asn, candidate = part("account"), part("asn"), part("candidate")
        explanation, target, source, triage = part("explanation"), part("target"), part("source"), part("triage")
        codes = raw.get("tracking_codes")
        return cls(
            alert_id=str(raw.get("alert_id", "")),
            type=AlertType(raw["type"]),
            severity=Severity(raw.get("severity") or Severity.LOW),
            event_id=str(raw.get("event_id", "")),
            platform=str(raw.get("platform", "")),
            action=raw.get("action"),
            account=AccountRef.from_json(account) if account else None,
            asn=AsnView.from_json(asn) if asn else None,
            candidate=CandidateView.from_json(candidate) if candidate else None,
            scores=dict(_mapping(raw.get("scores"))),
            thresholds=dict(_mapping(raw.get("thresholds"))),
            model_version=raw.get("model_version"),
            excerpt=str(raw.get("excerpt") or ""),
            url=raw.get("url"),
            region=raw.get("region"),
            phase=raw.get("phase"),
            event_time=raw.get("event_time"),
            detected_at=raw.get("detected_at"),
            occurrences=int(raw.get("occurrences") or 1),
            prior_alerts=int(raw.get("prior_alerts") or 0),
            reports=int(raw["reports"]) if raw.get("reports") is not None else None,
            tracking_codes=tuple(codes) if isinstance(codes, list) else None,
            explanation=Explanation.from_json(explanation) if explanation else None,
            evidence=tuple(evidence_from_json(e) for e in raw.get("evidence") or [] if isinstance(e, Mapping)),
            target=TargetView.from_json(target) if target else None,
            source=Provenance.from_json(source) if source else None,
            last_event_id=raw.get("last_event_id"),
            triage=TriageRecord.from_json(triage) if triage else None,
            last_report_at=raw.get("last_report_at"),
            extra={k: v for k, v in raw.items() if k not in _KNOWN},
        )

    def evidence_of(self, kind: str) -> Evidence | None:
        """The first evidence item of `kind` (e.g. the `claim` a hoax repeats)."""
        return next((e for e in self.evidence if e.kind == kind), None)

    @property
    def triage_status(self) -> TriageStatus:
        return self.triage.status if self.triage else TriageStatus.NEW


_KNOWN = frozenset(f.name for f in fields(Alert)) - {"extra"}
