"""The evidence package sent to Bawaslu, shaped after an election-violation report, and its Indonesian
rendering. Pure: takes alert states as stored, returns JSON-ready dicts and text.

Report shape (after the fields of a Bawaslu violation report): reporting body, reported party, time and
place, what happened, evidence (excerpts, links, scores, model version, roster entry, prior alerts, staff
decisions), and where the person stands on the sanction ladder.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pantau.escalation.policy import REASON_TEXT_ID, ladder_step

SCHEMA = "pantau.escalation.v1"

ACTION_ID = {"post": "mengunggah", "comment": "mengomentari", "share": "membagikan", "like": "menyukai"}
STATUS_ID = {"PNS": "PNS", "PPPK": "PPPK", "PTT_APBD": "PTT/honorer (APBD)", "PTT_NON_APBD": "PTT non-APBD"}
TYPE_ID = {
    "asn_neutrality": "dugaan pelanggaran netralitas ASN",
    "hoax": "dugaan penyebaran hoaks/disinformasi",
    "hate_sara": "dugaan ujaran kebencian SARA",
}
SEVERITY_ID = {"low": "rendah", "medium": "sedang", "high": "tinggi", "critical": "kritis"}
DECISION_ID = {"confirm": "konfirmasi", "dismiss": "tolak", "assign": "tugaskan", "escalate": "teruskan ke Bawaslu"}
TRIAGE_ID = {"new": "belum ditinjau", "assigned": "ditugaskan", "confirmed": "dikonfirmasi", "dismissed": "ditolak"}


def _incident(alert: Mapping[str, Any]) -> dict[str, Any]:
    explanation = alert.get("explanation") or {}
    return {
        "alert_id": alert["alert_id"],
        "type": alert["type"],
        "severity": alert["severity"],
        "action": alert.get("action"),
        "event_id": alert.get("event_id"),
        "event_time": alert.get("event_time"),
        "detected_at": alert.get("detected_at"),
        "platform": alert.get("platform"),
        "account": alert.get("account"),
        "region": alert.get("region"),
        "url": alert.get("url"),
        "excerpt": alert.get("excerpt"),
        "target_author": explanation.get("target_author"),
        "candidate": alert.get("candidate"),
        "phase": alert.get("phase"),
        "scores": alert.get("scores"),
        "thresholds": alert.get("thresholds"),
        "explanation": explanation,
        "model_version": alert.get("model_version"),
        "occurrences": alert.get("occurrences", 1),
        "source": alert.get("source"),
        "triage": alert.get("triage") or {"status": "new"},
        # the fact-checked claim a hoax repeats: which falsehood, and who debunked it
        "claim": next((e for e in alert.get("evidence") or [] if e.get("kind") == "claim"), None),
    }


def _summary(alert: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "alert_id": alert["alert_id"],
        "type": alert["type"],
        "severity": alert["severity"],
        "event_time": alert.get("event_time"),
        "url": alert.get("url"),
        "excerpt": alert.get("excerpt"),
        "triage_status": (alert.get("triage") or {}).get("status", "new"),
    }


def _decisions(alerts: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for alert in alerts:
        for step in (alert.get("triage") or {}).get("history", []):
            out.append({"alert_id": alert["alert_id"], **step})
    return sorted(out, key=lambda d: str(d.get("at", "")))


def _reported_party(alerts: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    accounts = []
    for alert in alerts:
        account = {"platform": alert.get("platform"), **(alert.get("account") or {})}
        if account not in accounts:
            accounts.append(account)
    asn = next((a["asn"] for a in alerts if a.get("asn")), None)
    if asn:
        return {"kind": "asn", **asn, "accounts": accounts}
    return {"kind": "account", "accounts": accounts}


def build_evidence(
    *,
    escalation_id: str,
    reason: str,
    created_at: str,
    alerts: Sequence[Mapping[str, Any]],
    prior_alerts: Sequence[Mapping[str, Any]] = (),
    ladder_stage: int | None = None,
    previous_escalations: Sequence[Mapping[str, Any]] = (),
    reporting_body: str,
    requested_by: str | None = None,
    audit_head: tuple[int, str] | None = None,
) -> dict[str, Any]:
    if not alerts:
        raise ValueError("an escalation needs at least one alert")
    times = sorted(str(a.get("event_time")) for a in alerts if a.get("event_time"))
    regions = sorted({str(a["region"]) for a in alerts if a.get("region")})
    step = ladder_step(ladder_stage) if ladder_stage else None
    return {
        "schema": SCHEMA,
        "escalation_id": escalation_id,
        "created_at": created_at,
        "reason": {"code": reason, "text": REASON_TEXT_ID.get(reason, reason)},
        "reporting_body": {"name": reporting_body, "system": "Pantau"},
        "addressed_to": f"Bawaslu {regions[0]}" if len(regions) == 1 else "Bawaslu",
        "reported_party": _reported_party(alerts),
        "time_and_place": {
            "first_event_time": times[0] if times else None,
            "last_event_time": times[-1] if times else None,
            "regions": regions,
            "platforms": sorted({str(a.get("platform")) for a in alerts}),
        },
        "incidents": [_incident(a) for a in alerts],
        "prior_alerts": [_summary(a) for a in prior_alerts],
        "staff_decisions": _decisions(alerts),
        "sanction_ladder": {
            "stage": ladder_stage,
            "step": step.code,
            "label": step.label_id,
            "previous_escalations": list(previous_escalations),
        }
        if step
        else None,
        "requested_by": requested_by,
        "audit": {"seq": audit_head[0], "hash": audit_head[1]} if audit_head else None,
    }


def _what_happened(incident: Mapping[str, Any], party: Mapping[str, Any]) -> str:
    who = party.get("name") or ", ".join(str(a.get("handle") or a.get("id")) for a in party.get("accounts", []))
    verb = ACTION_ID.get(str(incident.get("action")), str(incident.get("action")))
    candidate = incident.get("candidate") or {}
    if incident["type"] == "asn_neutrality":
        stance = "menyerang" if (incident.get("explanation") or {}).get("label") == "attack" else "mendukung"
        about = (
            f" pasangan calon nomor {candidate.get('number')} ({' & '.join(candidate.get('names') or [])})"
            if candidate
            else " peserta pemilihan"
        )
        return f"{who} {verb} konten kampanye yang {stance}{about} di {incident.get('platform')}."
    return f"{who} {verb} konten di {incident.get('platform')}: {TYPE_ID.get(incident['type'], incident['type'])}."


def _id(table: Mapping[str, str], value: Any) -> str:
    return table.get(str(value), str(value))


def _source(source: Any) -> str:
    if not isinstance(source, Mapping):
        return "-"
    return f"topik {source.get('topic')}, partisi {source.get('partition')}, offset {source.get('offset')}"


def render_id(evidence: Mapping[str, Any]) -> str:
    """The package as a readable Indonesian report (plain text, Markdown-friendly)."""
    party = evidence["reported_party"]
    place = evidence["time_and_place"]
    lines = [
        f"# Laporan Dugaan Pelanggaran — {evidence['escalation_id']}",
        "",
        f"Kepada: {evidence['addressed_to']}",
        f"Pelapor: {evidence['reporting_body']['name']} (sistem pemantauan {evidence['reporting_body']['system']})",
        f"Dibuat: {evidence['created_at']}",
        f"Alasan penerusan: {evidence['reason']['text']}",
        "",
        "## 1. Terlapor",
    ]
    # Sections 1–3 are always there; the later ones only when they have content, numbered as they come so
    # the report reads 1, 2, 3, 4 without gaps.
    section = iter(range(4, 10))
    if party["kind"] == "asn":
        lines += [
            f"- Nama: {party.get('name')}",
            f"- Status kepegawaian: {STATUS_ID.get(str(party.get('status')), party.get('status'))}",
            f"- Unit kerja (OPD): {party.get('opd')}",
            f"- Wilayah: {party.get('region')}",
            f"- Pseudonim NIP: {party.get('nip_hash')}",
        ]
    for account in party.get("accounts", []):
        lines.append(f"- Akun {account.get('platform')}: {account.get('handle') or ''} (id {account.get('id')})")
    lines += [
        "",
        "## 2. Waktu dan tempat",
        f"- Waktu kejadian: {place['first_event_time']}"
        + (f" s.d. {place['last_event_time']}" if place["last_event_time"] != place["first_event_time"] else ""),
        f"- Wilayah: {', '.join(place['regions']) or '-'}; platform: {', '.join(place['platforms'])}",
        "",
        "## 3. Uraian kejadian dan bukti",
    ]
    for n, incident in enumerate(evidence["incidents"], 1):
        explanation = incident.get("explanation") or {}
        triage = incident.get("triage") or {}
        lines += [
            f"### 3.{n} {_id(TYPE_ID, incident['type'])} (tingkat: {_id(SEVERITY_ID, incident['severity'])})",
            _what_happened(incident, party),
            f"- Waktu: {incident.get('event_time')}; terdeteksi: {incident.get('detected_at')}",
            f"- Tautan: {incident.get('url') or '-'}",
            f"- Kutipan: «{incident.get('excerpt')}»",
            f"- Skor model {incident.get('model_version')}: {explanation.get('label')} = {explanation.get('score')}"
            f" (ambang {explanation.get('threshold')})",
            f"- Bagian teks yang menyebut calon: {explanation.get('candidate_span') or '-'}",
        ]
        claim = incident.get("claim")
        if claim:
            lines.append(
                f"- Mengulang hoaks yang sudah dicek: «{claim.get('title')}» — {claim.get('publisher') or '-'}"
                f", {claim.get('date') or '-'}: {claim.get('url') or '-'} (kemiripan {claim.get('similarity')})"
            )
        lines += [
            f"- Status tinjauan petugas: {TRIAGE_ID.get(str(triage.get('status')), triage.get('status'))}",
            f"- Jejak data: {_source(incident.get('source'))}",
        ]
    if evidence["prior_alerts"]:
        lines += ["", f"## {next(section)}. Peringatan sebelumnya"]
        lines += [
            f"- {p['event_time']} {TYPE_ID.get(p['type'], p['type'])} ("
            f"{_id(SEVERITY_ID, p['severity'])}, {_id(TRIAGE_ID, p['triage_status'])}): "
            f"{p['excerpt']}"
            for p in evidence["prior_alerts"]
        ]
    if evidence["staff_decisions"]:
        lines += ["", f"## {next(section)}. Keputusan petugas"]
        lines += [
            f"- {d.get('at')} {d.get('by')}: {DECISION_ID.get(str(d.get('action')), d.get('action'))}"
            + (f" — {d['reason']}" if d.get("reason") else "")
            for d in evidence["staff_decisions"]
        ]
    ladder = evidence.get("sanction_ladder")
    if ladder:
        lines += [
            "",
            f"## {next(section)}. Tahapan sanksi",
            f"- Penerusan ke-{ladder['stage']} untuk ASN ini; tahap yang disarankan: {ladder['label']}",
        ]
        lines += [
            f"- Sebelumnya: {p.get('escalation_id')} ({p.get('created_at')})" for p in ladder["previous_escalations"]
        ]
    if evidence.get("audit"):
        lines += ["", f"Jejak audit: entri {evidence['audit']['seq']}, hash {evidence['audit']['hash']}"]
    return "\n".join(lines) + "\n"
