"""`cockpit bench voice` on a slice of the synthetic set: every metric is there and plausible.

The whole bench (about 8 minutes) is `cockpit bench voice`; this runs each part on a few
recordings so a broken part fails here rather than in the next measurement. It takes about 45 s,
so it runs with the long suites (`make fuzz`, which .ci/run runs).
"""

from __future__ import annotations

import pytest

from cockpit.assistants.speech import bench

pytestmark = [pytest.mark.fuzz, pytest.mark.usefixtures("espeak")]


def test_a_small_bench_reports_every_metric_within_its_range():
    sizes = bench.Sizes(commands=6, snrs_db=(10.0,), paced=3, wake=2, negatives=2, prose_s=20.0)
    metrics = {metric.name: metric for metric in bench.measure(sizes)}
    assert set(metrics) == {
        "intent_accuracy_10db", "word_error_rate_10db", "out_of_grammar_acted_10db", "real_time_factor",
        "end_of_speech_to_command", "wake_word_hits_alexa", "wake_word_hits_android",
        "false_wakes_per_hour", "rescinded_wakes_per_hour", "ring_lit_per_hour_alexa",
        "ring_lit_per_hour_android", "load_average_1min"}
    assert metrics["intent_accuracy_10db"].median >= 50.0  # 6 clear commands; the set scores ~85 %
    assert metrics["out_of_grammar_acted_10db"].median == 0.0
    assert 0.0 < metrics["real_time_factor"].median < 2.0
    latency = metrics["end_of_speech_to_command"]
    assert latency.samples and all(0.0 < ms < 5000.0 for ms in latency.samples)
    assert latency.budget == 500.0 and latency.budget_on == "p99"
    assert metrics["wake_word_hits_alexa"].median > 0.0
