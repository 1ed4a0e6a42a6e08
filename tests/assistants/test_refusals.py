"""A number out of range is refused in the driver's words: the setting, its range in the driver's units
and language, what was asked; never a VHAL property id, an Alexa range step or a VSS path."""

from __future__ import annotations

import pytest

from cockpit.assistants.alexa import AlexaAdapter
from cockpit.assistants.android import AndroidAdapter
from cockpit.assistants.ranges import worded
from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import SetSignal, Source
from cockpit.scenario.words import Wording

ADAPTERS = {"alexa": AlexaAdapter, "android": AndroidAdapter}
DEVELOPER_WORDS = ("HVAC_", "0x", "Vehicle.", "..", "celsius", "area")


@pytest.mark.parametrize("name", ADAPTERS)
@pytest.mark.parametrize("utterance,reason", [
    ("set the temperature to 35", "Driver temperature goes from 16.0 °C to 28.0 °C, not 35.0 °C"),
    ("set the fan to 150 percent", "Fan goes from 0 % to 100 %, not 150 %"),
    ("set the volume to 150", "Volume goes from 0 % to 100 %, not 150 %"),
])
def test_an_out_of_range_number_is_refused_with_the_range(cockpit, name, utterance, reason):
    with ADAPTERS[name](cockpit) as adapter:
        result = adapter.respond(utterance)
    assert reason in result.reply
    assert not any(word in result.reply for word in DEVELOPER_WORDS), result.reply
    assert [o.reason for o in result.outcomes if o.rejected] == [reason]


@pytest.mark.parametrize("name", ADAPTERS)
def test_the_range_is_in_the_drivers_units_and_language(cockpit, name):
    cockpit.update(sig.TEMPERATURE_UNIT, "F")
    with ADAPTERS[name](cockpit) as adapter:
        assert "Driver temperature goes from 61 °F to 82 °F, not 95 °F" in adapter.respond(
            "set the temperature to 95").reply
        cockpit.update(sig.LANGUAGE, "de-DE")
        reply = adapter.respond("set the fan to 150 percent").reply
    assert "Gebläse geht von 0 % bis 100 %, nicht 150 %" in reply


def test_the_cockpits_own_refusal_is_worded_too():
    cockpit = Cockpit()
    outcome = cockpit.submit(SetSignal(sig.PASSENGER_TEMP, 99.0, source=Source.ASSISTANT))
    assert outcome.rejected and sig.PASSENGER_TEMP in outcome.reason  # the catalogue names the path
    said = worded(outcome, cockpit.catalogue, Wording())
    assert said.reason == "Passenger temperature goes from 16.0 °C to 28.0 °C, not 99.0 °C"


def test_a_refusal_for_another_reason_keeps_its_reason(driving):
    outcome = driving.submit(SetSignal(sig.SEAT_POSITION, 100.0, source=Source.REMOTE))
    assert outcome.rejected and outcome.reason
    assert worded(outcome, driving.catalogue, Wording()) is outcome
