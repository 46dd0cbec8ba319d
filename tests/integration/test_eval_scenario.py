"""`pantau eval scenario` end to end: a 40-event slice of the development scenario through the real broker,
a worker of its own and Redis, scored against the scenario's annotations."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from pantau.eval.scenario import EVAL_REDIS_DB, load_scenario
from pantau.stores.alerts import ALERT_STREAM

from .conftest import Stack, Worker, wait_for

pytestmark = pytest.mark.integration

SCENARIO = Path(__file__).parents[1] / "scenarios" / "pilkada_dev"
SLICE = 40


@pytest.mark.skipif(not (SCENARIO / "events.jsonl").is_file(), reason="the development scenario is not there")
def test_a_scenario_slice_replays_and_scores(stack: Stack, worker: Worker) -> None:
    before = sum(worker.outcomes().values())
    result = subprocess.run(
        [sys.executable, "-m", "pantau", "eval", "scenario", str(SCENARIO), "--limit", str(SLICE), "--json"],
        env=stack.env(PANTAU_PSEUDONYM_KEY="integration-test-key"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"all {SLICE} events accounted for" in result.stderr
    report = json.loads(result.stdout)
    assert report["events"] == SLICE

    scenario = load_scenario(SCENARIO, SLICE)
    wanted = sum("asn_neutrality" in scenario.expected.get(e, ()) for e in scenario.event_ids)
    asn = report["per_type"]["asn_neutrality"]
    assert asn["expected"] == wanted
    # Campaign structure and wording decide without the model: the random test model can add false alarms,
    # never take a structural detection away.
    assert asn["recall"] >= 0.9, report["errors"]

    # Only neutrality-bound roster accounts alert, never a pair's own campaign account.
    client = redis.Redis.from_url(stack.redis.url.rsplit("/", 1)[0] + f"/{EVAL_REDIS_DB}")
    alerts = [json.loads(fields[b"alert"]) for _id, fields in client.xrange(ALERT_STREAM)]
    neutrality = [a for a in alerts if a["type"] == "asn_neutrality"]
    assert neutrality and all(a["asn"]["status"] in ("PNS", "PPPK", "PTT_APBD") for a in neutrality)
    assert all(a["evidence"] and a["candidate"]["pairs"] for a in neutrality if a["candidate"])

    # The session's own worker (another consumer group) reads the same events: let it finish before the next
    # test counts its outcomes.
    wait_for(lambda: sum(worker.outcomes().values()) - before >= SLICE, 120, "the session worker to drain the slice")
