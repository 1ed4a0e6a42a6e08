"""Jarvis keeps the cockpit's adapter contract, checked by the cockpit's own pytest plugin: each
check is a test of its own (test_jarvis_keeps_the_adapter_contract[wake-words], ...)."""

import pytest
from cockpit_jarvis import JarvisAdapter

from cockpit.core.cockpit import Cockpit


@pytest.fixture
def adapter_factory():
    return JarvisAdapter


def test_jarvis_keeps_the_adapter_contract(adapter_check, adapter_factory):
    adapter_check(adapter_factory)


def test_jarvis_logs_each_turn_with_the_drivers_honorific():
    with JarvisAdapter(Cockpit(), {"honorific": "madam"}) as jarvis:
        result = jarvis.respond("Jarvis, turn on the air conditioning")
    assert result.native[0]["addressing"] == "madam"
    assert result.native[0]["intent"] == "climate.ac"
    assert result.reply.startswith("Very good.")
