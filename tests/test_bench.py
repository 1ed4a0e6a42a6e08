"""The bench framework's statistics and output (the speed itself is measured, never asserted)."""

from __future__ import annotations

import json

import pytest

from cockpit.bench import Metric, run
from cockpit.core.errors import InvalidInput


def test_median_p99_and_the_ratio_of_the_budgeted_statistic():
    samples = [float(n) for n in range(1, 101)]
    on_median = Metric("m", "ms", samples, budget=101.0)
    on_p99 = Metric("p", "ms", samples, budget=50.0, budget_on="p99")
    assert on_median.median == 50.5 and on_median.p99 == 99.0
    assert on_median.ratio == pytest.approx(0.5)
    assert on_p99.ratio == pytest.approx(99.0 / 50.0)
    assert Metric("t", "msg/s", samples).ratio is None
    assert on_p99.to_dict() == {"median": 50.5, "p99": 99.0, "unit": "ms", "samples": 100, "budget": 50.0,
                                "budget_on": "p99", "ratio": 1.98}


def test_an_unknown_benchmark_names_the_known_ones():
    with pytest.raises(InvalidInput, match=r"unknown benchmark nope; known: .*render"):
        run(["nope"], as_json=True)


def test_json_output_is_one_object_per_benchmark_in_the_design_format():
    lines: list[str] = []
    run(["profile-switch"], as_json=True, out=lines.append)
    (line,) = lines
    data = json.loads(line)
    assert data["bench"] == "profile-switch"
    assert set(data["metrics"]["switch"]) >= {"median", "p99", "unit"}
    assert data["machine"]["cpus"] >= 1


def test_several_benchmarks_each_run_in_a_fresh_process_and_print_one_object_each():
    lines: list[str] = []
    run(["profile-switch", "intents"], as_json=True, out=lines.append)
    assert [json.loads(line)["bench"] for line in lines] == ["profile-switch", "intents"]
    assert set(json.loads(lines[1])["metrics"]) == {"utterance_alexa", "utterance_android"}
