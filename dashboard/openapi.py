"""The OpenAPI 3.1 description of the dashboard's JSON API, served at `GET /api/openapi.json`.

Written by hand: a test checks that every registered /api route and method is described here, so a new
route without a description fails the suite.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

_JSON_ERROR = {"description": "plain-text reason", "content": {"text/plain": {"schema": {"type": "string"}}}}
_READ_SECURITY: list[dict[str, list[str]]] = [{"session": []}, {"apiToken": []}]


def _ok(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _label_param() -> dict[str, Any]:
    return {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}, "example": "hoax"}


ALERT = {
    "type": "object",
    "description": "An alert as in the `pantau:alerts` stream (see CONTRACT.md), merged with its current "
    "state (`triage`, `occurrences`) and its `stream_id`.",
    "required": ["alert_id", "type", "severity", "event_id", "platform", "action", "detected_at"],
    "properties": {
        "alert_id": {"type": "string"},
        "type": {"enum": ["asn_neutrality", "hoax", "hate_sara", "citizen_report", "mobilisation"]},
        "severity": {"enum": ["low", "medium", "high", "critical"]},
        "event_id": {"type": "string"},
        "platform": {"type": "string"},
        "action": {"type": "string"},
        "account": {"type": "object"},
        "asn": {"type": ["object", "null"]},
        "candidate": {"type": ["object", "null"]},
        "scores": {"type": "object", "additionalProperties": {"type": "number"}},
        "thresholds": {"type": "object", "additionalProperties": {"type": "number"}},
        "excerpt": {"type": "string"},
        "url": {"type": ["string", "null"]},
        "event_time": {"type": "string", "format": "date-time"},
        "detected_at": {"type": "string", "format": "date-time"},
        "evidence": {"type": "array", "items": {"type": "object"}},
        "triage": {"type": "object", "properties": {"status": {"type": "string"}}},
        "stream_id": {"type": "string"},
    },
}

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "Pantau dashboard API",
        "version": "1",
        "description": "Alerts and thresholds of Pantau. Reads need a dashboard session or a read-only API token "
        "(`pantau dashboard token add NAME`); the threshold write needs PANTAU_API_TOKEN.",
    },
    "components": {
        "securitySchemes": {
            "session": {"type": "apiKey", "in": "cookie", "name": "pantau_session"},
            "apiToken": {"type": "http", "scheme": "bearer", "description": "read-only: `pantau_ro_…`"},
            "writeToken": {"type": "http", "scheme": "bearer", "description": "PANTAU_API_TOKEN"},
            "partnerToken": {
                "type": "http",
                "scheme": "bearer",
                "description": "a partner channel's token, `pantau_rp_…` (`pantau reports token add NAME`)",
            },
        },
        "schemas": {
            "Alert": ALERT,
            "ReportIn": {
                "type": "object",
                "required": ["platform", "handle", "url", "text"],
                "properties": {
                    "platform": {"enum": ["x", "facebook", "instagram", "tiktok", "youtube", "other"]},
                    "handle": {"type": "string", "maxLength": 64, "example": "@budi_s"},
                    "url": {"type": "string", "format": "uri", "maxLength": 2048},
                    "content_text": {"type": "string", "maxLength": 4000, "description": "the post's text, pasted"},
                    "text": {"type": "string", "maxLength": 2000, "description": "what happened, the reporter's words"},
                    "contact": {"type": "string", "maxLength": 200, "description": "stored apart; needs consent"},
                    "consent": {"type": "boolean"},
                },
            },
            "Filed": {
                "type": "object",
                "properties": {
                    "tracking_code": {"type": "string", "example": "LPR-7K2M-Q9XD"},
                    "status": {"type": "string"},
                    "folded": {"type": "boolean"},
                    "status_url": {"type": "string"},
                },
            },
            "ReportStatus": {
                "type": "object",
                "properties": {
                    "tracking_code": {"type": "string"},
                    "status": {"enum": ["received", "in_review", "forwarded", "closed"]},
                    "received_at": {"type": "string", "format": "date-time"},
                    "outcome": {"type": ["string", "null"]},
                    "status_url": {"type": "string"},
                },
            },
            "ReportError": {
                "type": "object",
                "properties": {
                    "error": {"type": "string", "description": "reason code"},
                    "field": {"type": "string"},
                    "message": {"type": "string"},
                },
            },
        },
    },
    "paths": {
        "/api/alerts": {
            "get": {
                "summary": "The newest alerts (of the last 300), newest first, filtered",
                "security": _READ_SECURITY,
                "parameters": [
                    {"name": n, "in": "query", "required": False, "schema": {"type": "string"}}
                    for n in ("type", "severity", "status", "region", "opd", "candidate")
                ]
                + [{"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "default": 100}}],
                "responses": {
                    "200": _ok(
                        "alerts",
                        {
                            "type": "object",
                            "properties": {
                                "alerts": {"type": "array", "items": {"$ref": "#/components/schemas/Alert"}}
                            },
                        },
                    ),
                    "401": _JSON_ERROR,
                },
            }
        },
        "/api/stream": {
            "get": {
                "summary": "Server-sent events: `event: alert` per new alert matching the same filters as /api/alerts",
                "security": _READ_SECURITY,
                "parameters": [
                    {"name": "last_id", "in": "query", "required": False, "schema": {"type": "string"}},
                    {"name": "Last-Event-ID", "in": "header", "required": False, "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {"description": "event stream", "content": {"text/event-stream": {}}},
                    "401": _JSON_ERROR,
                },
            }
        },
        "/api/thresholds": {
            "get": {
                "summary": "Thresholds in force, which are live overrides, and the latest changes",
                "responses": {
                    "200": _ok(
                        "thresholds",
                        {
                            "type": "object",
                            "properties": {
                                "thresholds": {"type": "object", "additionalProperties": {"type": "number"}},
                                "live": {"type": "array", "items": {"type": "string"}},
                                "changes": {"type": "array", "items": {"type": "object"}},
                            },
                        },
                    )
                },
            }
        },
        "/api/thresholds/{name}": {
            "put": {
                "summary": "Change one label's threshold (recorded with who and why)",
                "security": [{"writeToken": []}],
                "parameters": [_label_param()],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["value", "reason"],
                                "properties": {
                                    "value": {"type": "number", "minimum": 0, "maximum": 1},
                                    "reason": {"type": "string"},
                                    "by": {"type": "string"},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": _ok("the change", {"type": "object"}),
                    "400": _JSON_ERROR,
                    "401": _JSON_ERROR,
                    "503": _JSON_ERROR,
                },
            }
        },
        "/api/thresholds/{name}/whatif": {
            "get": {
                "summary": "Alerts/day and triage precision over a threshold grid, from recent scores",
                "parameters": [
                    _label_param(),
                    {"name": "days", "in": "query", "required": False, "schema": {"type": "number", "default": 7}},
                ],
                "responses": {
                    "200": _ok(
                        "what-if rows",
                        {
                            "type": "object",
                            "properties": {
                                "label": {"type": "string"},
                                "days": {"type": "number"},
                                "threshold": {"type": "number"},
                                "rows": {"type": "array", "items": {"type": "object"}},
                            },
                        },
                    ),
                    "400": _JSON_ERROR,
                    "404": _JSON_ERROR,
                },
            }
        },
        "/api/reports": {
            "post": {
                "summary": "File a citizen report from a partner channel (same validation, limits and tracking "
                "codes as the public page /lapor); the link is never fetched",
                "security": [{"partnerToken": []}],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReportIn"}}},
                },
                "responses": {
                    "201": _ok("filed", {"$ref": "#/components/schemas/Filed"}),
                    "200": _ok(
                        "identical to a report filed before: its tracking code", {"$ref": "#/components/schemas/Filed"}
                    ),
                    "400": _ok("refused: what to fix", {"$ref": "#/components/schemas/ReportError"}),
                    "401": _ok("no or unknown partner token", {"$ref": "#/components/schemas/ReportError"}),
                    "413": _ok("larger than PANTAU_REPORTS_MAX_BYTES", {"$ref": "#/components/schemas/ReportError"}),
                    "429": _ok("rate limited (Retry-After)", {"$ref": "#/components/schemas/ReportError"}),
                    "503": _ok(
                        "Kafka did not take it: nothing was filed", {"$ref": "#/components/schemas/ReportError"}
                    ),
                },
            }
        },
        "/api/reports/{code}": {
            "get": {
                "summary": "A report's public status: received, in_review, forwarded (to Bawaslu) or closed",
                "security": [{"partnerToken": []}],
                "parameters": [
                    {
                        "name": "code",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                        "example": "LPR-7K2M-Q9XD",
                    }
                ],
                "responses": {
                    "200": _ok("status", {"$ref": "#/components/schemas/ReportStatus"}),
                    "401": _ok("no or unknown partner token", {"$ref": "#/components/schemas/ReportError"}),
                    "404": _ok("unknown code", {"$ref": "#/components/schemas/ReportError"}),
                },
            }
        },
        "/api/openapi.json": {
            "get": {"summary": "This description", "responses": {"200": _ok("OpenAPI 3.1", {"type": "object"})}}
        },
    },
}


async def openapi(_request: web.Request) -> web.Response:
    return web.json_response(SPEC)
