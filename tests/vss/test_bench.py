"""`cockpit bench vss` measures with the real kuksa-client in its own process (the speed is not asserted)."""

from __future__ import annotations

import json

from cockpit.bench import run
from cockpit.vss import bench


def test_the_vss_benchmark_reports_subscribe_latency_against_its_budget_and_gets_per_second() -> None:
    lines: list[str] = []
    run(["vss"], as_json=True, out=lines.append)
    metrics = json.loads(lines[0])["metrics"]
    latency, gets = metrics["subscribe_latency"], metrics["gets_per_second"]
    assert (latency["unit"], latency["samples"], latency["budget"], latency["budget_on"]) == (
        "ms", bench.SAMPLES, 5.0, "p99")
    assert 0 < latency["median"] <= latency["p99"]
    assert gets["unit"] == "gets/s" and gets["samples"] == bench.WINDOWS and gets["median"] > 0
