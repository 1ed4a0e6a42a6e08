"""Jarvis keeps the cockpit's adapter contract, checked with the cockpit's own kit."""

from cockpit_jarvis import JarvisAdapter

from cockpit.assistants.testing import run_contract
from cockpit.core.cockpit import Cockpit


def test_jarvis_keeps_the_adapter_contract():
    run_contract(lambda cockpit, settings=None: JarvisAdapter(cockpit, settings))


def test_jarvis_logs_each_turn_with_the_drivers_honorific():
    with JarvisAdapter(Cockpit(), {"honorific": "madam"}) as jarvis:
        result = jarvis.respond("Jarvis, turn on the air conditioning")
    assert result.native[0]["addressing"] == "madam"
    assert result.native[0]["intent"] == "climate.ac"
    assert result.reply.startswith("Very good.")
