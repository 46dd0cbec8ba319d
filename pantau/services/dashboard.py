"""Runs the staff dashboard and the citizen report page (one aiohttp app) until stopped."""

from __future__ import annotations

from aiohttp import web

from dashboard.app import create_app
from pantau.settings import Settings


def serve(settings: Settings) -> None:
    web.run_app(create_app(settings), host=settings.dashboard_host, port=settings.dashboard_port, print=None)
