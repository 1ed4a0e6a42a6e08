"""The assistant part of the Session, and the intents benchmark's shape (not its speed)."""

from __future__ import annotations

import pytest

from cockpit.assistants import bench
from cockpit.assistants.android import AndroidAdapter
from cockpit.core import signals as sig
from cockpit.core.commands import ApplyProfile
from cockpit.core.errors import AdapterError
from cockpit.session import Session, Settings


def test_session_builds_and_closes_the_chosen_assistant():
    with Session(Settings(assistant="android")) as session:
        adapter = session.assistant
        assert isinstance(adapter, AndroidAdapter)
        adapter.respond("OK Google, turn on the seat heating")
        assert session.cockpit.value(sig.SEAT_HEAT) == 67
    assert adapter.closed


def test_the_assistant_follows_the_driver_unless_the_settings_fix_one():
    with Session(Settings(profile="bernd")) as session:
        assert session.assistant is not None and session.assistant.name == "android"
        session.cockpit.submit(ApplyProfile("alice"))
        assert session.assistant.name == "alexa"
        assert [p.name for p in session.assistant.grammar.context.places] == ["Home", "Office"]  # Alice's
        assert session.assistant.grammar.context.profiles["bernd"] == "bernd"
    with Session(Settings(profile="alice", assistant="android")) as session:
        assert session.assistant is not None and session.assistant.name == "android"


def test_a_session_fixed_to_an_unknown_assistant_fails_with_the_installed_names():
    with pytest.raises(AdapterError, match="installed: alexa, android"), \
            Session(Settings(assistant="alxa")):
        pass


def test_bench_measures_each_adapter_over_the_whole_corpus():
    metrics = {m.name: m for m in bench.run()}
    assert set(metrics) == {"utterance_alexa", "utterance_android"}
    utterances = len(bench.corpus_utterances())
    for metric in metrics.values():
        assert metric.unit == "ms" and metric.budget == 1.0
        assert len(metric.samples) == bench.ROUNDS * utterances
        assert all(sample > 0 for sample in metric.samples)
