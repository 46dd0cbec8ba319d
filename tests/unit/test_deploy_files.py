"""There is no Docker engine here: check the production compose file's structure instead of running it."""

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


def test_compose_has_the_production_services() -> None:
    assert {"kafka", "kafka-init", "redis", "worker", "prometheus", "grafana"} <= compose()["services"].keys()


def test_kafka_runs_in_kraft_mode_and_topics_are_created() -> None:
    services = compose()["services"]
    env = services["kafka"]["environment"]
    assert "controller" in env["KAFKA_PROCESS_ROLES"] and "KAFKA_CONTROLLER_QUORUM_VOTERS" in env
    assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    script = services["kafka-init"]["command"][0]
    assert "pantau.events pantau.events.dlq" in script and "--if-not-exists" in script


def test_redis_persists_with_aof() -> None:
    command = compose()["services"]["redis"]["command"]
    assert command[command.index("--appendonly") + 1] == "yes"


def test_two_worker_replicas_built_from_the_dockerfile() -> None:
    worker = compose()["services"]["worker"]
    assert worker["deploy"]["replicas"] == 2
    assert (ROOT / worker["build"]["dockerfile"]).is_file()
    assert worker["environment"]["PANTAU_KAFKA_URL"] == "kafka://kafka:9092"
    assert worker["depends_on"]["kafka-init"]["condition"] == "service_completed_successfully"
    dockerfile = (ROOT / worker["build"]["dockerfile"]).read_text()
    assert "torch==2.13.0" in dockerfile and 'ENTRYPOINT ["pantau"]' in dockerfile


def test_prometheus_scrapes_the_workers_metrics_port() -> None:
    services = compose()["services"]
    mounts = services["prometheus"]["volumes"]
    config_path = ROOT / mounts[0].split(":")[0]
    scrape = yaml.safe_load(config_path.read_text())["scrape_configs"][0]
    assert scrape["dns_sd_configs"][0]["names"] == ["worker"]
    assert str(scrape["dns_sd_configs"][0]["port"]) == services["worker"]["environment"]["PANTAU_METRICS_PORT"]


def test_grafana_is_provisioned_with_prometheus() -> None:
    mount = compose()["services"]["grafana"]["volumes"][0].split(":")[0]
    datasource = yaml.safe_load((ROOT / mount / "datasources" / "prometheus.yml").read_text())
    assert datasource["datasources"][0]["url"] == "http://prometheus:9090"


def test_published_ports_bind_to_loopback_only() -> None:
    for name, service in compose()["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} on every interface"


def test_the_escalator_runs_with_a_stable_name_and_is_scraped() -> None:
    escalator = compose()["services"]["escalator"]
    assert escalator["command"] == ["escalator"] and escalator["environment"]["PANTAU_ESCALATOR_NAME"]
    config = yaml.safe_load((ROOT / "infra/prometheus/prometheus.yml").read_text())
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    assert jobs["pantau-escalator"]["static_configs"][0]["targets"] == ["escalator:9465"]


def test_grafana_dashboard_is_provisioned_and_queries_pantau_series() -> None:
    import json

    dashboard = json.loads((ROOT / "infra/grafana/dashboards/pantau.json").read_text())
    exprs = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
    assert len(exprs) >= 12 and all("pantau" in e for e in exprs)
    for needed in (
        "pantau_consumer_lag",
        "pantau:precision:ratio7d",
        "pantau_score_bucket",
        "pantau_threshold",
        "pantau:end_to_end_seconds:p95_5m",
        "pantau_alerts_by_region_total",
    ):
        assert any(needed in e for e in exprs), needed
    grafana = compose()["services"]["grafana"]["volumes"]
    assert any(v.startswith("./infra/grafana/dashboards:") for v in grafana)


def test_blank_secrets_from_compose_mean_unset() -> None:
    from pantau.settings import Settings

    settings = Settings(api_token="", webhook_secret=" ", webhook_url="")
    assert settings.api_token is None and settings.webhook_secret is None and settings.webhook_url is None
