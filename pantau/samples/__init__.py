"""Bundled fictional sample data for the demo and tests."""

from pathlib import Path

DEMO_EVENTS = Path(__file__).with_name("demo_events.jsonl")
DEMO_ROSTER = Path(__file__).with_name("roster.csv")
DEMO_CANDIDATES = Path(__file__).with_name("candidates.yaml")
DEMO_CLAIMS = Path(__file__).with_name("claims.jsonl")
