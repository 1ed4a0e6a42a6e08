"""`cockpit bench fleet` runs end to end (scaled down here) and prints the metrics the issue names."""

from __future__ import annotations

import json

import pytest

from cockpit.bench import run
from cockpit.fleet import bench as fleet_bench


def test_bench_fleet_prints_cars_real_time_and_roaming_latency(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fleet_bench, "STEPS", (10,))
    monkeypatch.setattr(fleet_bench, "RUN_S", 3.0)
    monkeypatch.setattr(fleet_bench, "WARM_UP_S", 1.0)
    monkeypatch.setattr(fleet_bench, "ROAMING_SAMPLES", 10)
    lines: list[str] = []
    run(["fleet"], as_json=True, out=lines.append)
    (line,) = lines
    data = json.loads(line)
    metrics = data["metrics"]
    assert data["bench"] == "fleet"
    assert {"cars_real_time", "roaming_latency", "messages_per_s", "cpu_per_car", "memory_per_car",
            "tick_lag", "cars_real_time_one_worker"} <= set(metrics)
    assert metrics["cars_real_time"]["median"] == 10  # ten cars hold even on a busy machine
    assert "roaming_latency_idle" in metrics and "roaming_fleet_lag" in metrics
    assert metrics["roaming_latency"]["samples"] == 10 and metrics["roaming_latency"]["budget_on"] == "p99"
    assert metrics["messages_per_s"]["median"] > 0
