"""examples/prometheus: the alerting rules use only exported metrics, and fire when they should.

promtool (Debian's `prometheus` package) checks the rules and runs their unit tests
(`alerts_test.yml`) when it is installed; the structure and metric names are checked here
in any case.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmiptui.exporter.metrics import METRIC_NAMES, METRICS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "prometheus"
COUNTER_NAMES = {spec.name for spec in METRICS if spec.type == "counter"}
REQUIRED = {
    "PmipRouterDown": {"pmiptui_router_up"},
    "PmipRouterStale": {"pmiptui_last_success_timestamp_seconds"},
    "PmipPbuRejectRatioHigh": {"pmiptui_pba_rejected_total", "pmiptui_pba_accepted_total"},
    "PmipBindingsNearLimit": {"pmiptui_bindings", "pmiptui_bindings_limit"},
    "PmipTunnelDown": {"pmiptui_tunnels_up", "pmiptui_tunnels"},
}
"""The alerts the exporter exists for, with the metrics each must read."""
DURATION = re.compile(r"([0-9]+(ms|s|m|h|d|w|y))+")
METRIC = re.compile(r"\bpmiptui_[a-z0-9_]+")


def load(name: str) -> Any:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


def rules() -> list[dict[str, Any]]:
    return [rule for group in load("alerts.yml")["groups"] for rule in group["rules"]]


def test_the_rule_file_has_the_shape_prometheus_reads() -> None:
    document = load("alerts.yml")

    assert set(document) == {"groups"}
    for group in document["groups"]:
        assert set(group) == {"name", "rules"} and group["rules"]
        for rule in group["rules"]:
            assert set(rule) == {"alert", "expr", "for", "labels", "annotations"}, rule
            assert re.fullmatch(r"[A-Z][A-Za-z]+", rule["alert"])
            assert isinstance(rule["expr"], str) and rule["expr"].strip()
            assert rule["expr"].count("(") == rule["expr"].count(")")
            assert DURATION.fullmatch(rule["for"]), rule["for"]
            assert rule["labels"]["severity"] in {"critical", "warning", "info"}
            assert set(rule["annotations"]) == {"summary", "description"}


def test_every_metric_an_alert_reads_is_exported() -> None:
    for rule in rules():
        assert set(METRIC.findall(rule["expr"])) <= METRIC_NAMES, rule["alert"]


def test_counters_are_read_through_rate_and_gauges_never() -> None:
    for rule in rules():
        expr = rule["expr"]
        in_rate = set(re.findall(r"\b(?:rate|increase)\((pmiptui_[a-z0-9_]+)\[", expr))
        assert in_rate <= COUNTER_NAMES, rule["alert"]
        assert set(METRIC.findall(expr)) & COUNTER_NAMES <= in_rate, rule["alert"]


def test_every_required_alert_exists_and_reads_its_metrics() -> None:
    by_name = {rule["alert"]: rule for rule in rules()}

    for alert, metrics in REQUIRED.items():
        assert alert in by_name, f"no {alert} in alerts.yml"
        assert metrics <= set(METRIC.findall(by_name[alert]["expr"])), alert


def test_alerts_on_a_router_name_it() -> None:
    for rule in rules():
        if METRIC.search(rule["expr"]):
            for text in rule["annotations"].values():
                assert "{{ $labels.router }}" in text, rule["alert"]


def test_the_scrape_example_loads_the_rules_and_names_the_job_they_watch() -> None:
    config = load("prometheus.yml")
    jobs = {job["job_name"] for job in config["scrape_configs"]}
    watched = {m for rule in rules() for m in re.findall(r'up\{job="([^"]+)"\}', rule["expr"])}

    assert config["rule_files"] == ["alerts.yml"]
    assert watched and watched <= jobs


def test_the_rule_unit_tests_feed_only_exported_series() -> None:
    tests = load("alerts_test.yml")["tests"]
    names = {series["series"].split("{")[0] for test in tests for series in test["input_series"]}
    alerts = {case["alertname"] for test in tests for case in test["alert_rule_test"]}

    assert names <= METRIC_NAMES | {"up"}
    assert alerts == {rule["alert"] for rule in rules()}


PROMTOOL = shutil.which("promtool")


@pytest.mark.skipif(PROMTOOL is None, reason="promtool is not installed (apt: prometheus)")
@pytest.mark.parametrize(
    "command",
    [
        ["check", "rules", "alerts.yml"],
        ["check", "config", "prometheus.yml"],
        ["test", "rules", "alerts_test.yml"],
    ],
    ids=lambda command: " ".join(command),
)
def test_promtool_passes(command: list[str]) -> None:
    assert PROMTOOL is not None
    run = subprocess.run(
        [PROMTOOL, *command], cwd=EXAMPLES, capture_output=True, text=True, timeout=60
    )

    assert run.returncode == 0, run.stdout + run.stderr
