"""The Android-style adapter: VHAL property writes, Android intents, VehiclePropValue input."""

from __future__ import annotations

import pytest

from cockpit.assistants.android import AndroidAdapter
from cockpit.assistants.android.vhal import PROPERTIES, ROW_1_LEFT, ROW_1_RIGHT
from cockpit.assistants.grammar import Place
from cockpit.core import signals as sig
from cockpit.core.outcome import Status

HVAC_TEMPERATURE_SET = 0x15600503
HVAC_FAN_SPEED = 0x15400500
HVAC_AC_ON = 0x15200505


def prop_value(prop: int, area: int, **value: list) -> dict:
    return {
        "prop": prop,
        "areaId": area,
        "timestamp": 0,
        "requestId": 7,
        "value": {
            "int32Values": [],
            "floatValues": [],
            "int64Values": [],
            "bytes": [],
            "stringValue": "",
            **value,
        },
    }


@pytest.fixture
def adapter_factory() -> type[AndroidAdapter]:
    """The adapter the contract kit's checks (cockpit.assistants.testing.plugin) build."""
    return AndroidAdapter


def test_android_keeps_the_adapter_contract(adapter_check, adapter_factory):
    adapter_check(adapter_factory)


def test_temperature_becomes_a_vhal_write_per_seat_area(android, cockpit):
    result = android.respond("Hey Google, set both sides to 23 degrees")
    writes = [(n["prop"], n["areaId"], n["value"]["floatValues"]) for n in result.native]
    assert writes == [(HVAC_TEMPERATURE_SET, ROW_1_LEFT, [23.0]), (HVAC_TEMPERATURE_SET, ROW_1_RIGHT, [23.0])]
    assert cockpit.value(sig.DRIVER_TEMP) == cockpit.value(sig.PASSENGER_TEMP) == 23.0
    assert result.reply == "Sure, setting both sides to 23.0 °C."


def test_relative_request_is_written_as_the_absolute_value(android, cockpit):
    result = android.respond("OK Google, fan up")
    (write,) = result.native
    assert (write["prop"], write["value"]["int32Values"]) == (HVAC_FAN_SPEED, [4])
    assert cockpit.value(sig.DRIVER_FAN) == 40


@pytest.mark.parametrize("utterance,level,reply", [
    ("Hey Google, set the fan to 1 percent", 0, "Sure, turning the fan off."),
    ("Hey Google, set the fan to 45 percent", 4, "Sure, fan on the driver side to 40 %."),
    ("Hey Google, fan to 7", 7, "Sure, fan on the driver side to 70 %."),
])
def test_the_reply_names_the_fan_speed_the_car_was_given(android, cockpit, utterance, level, reply):
    """The VHAL fan has ten steps: the reply says the step written, not the percentage asked for."""
    result = android.respond(utterance)
    (write,) = result.native
    assert write["value"]["int32Values"] == [level]
    assert cockpit.value(sig.DRIVER_FAN) == level * 10
    assert result.reply == reply


def test_navigation_phone_and_media_become_android_intents(android):
    route = list(android.respond("hey google navigate to 10 Downing Street").native)
    assert route == [
        {
            "kind": "intent",
            "action": "android.intent.action.VIEW",
            "data": "google.navigation:q=10%20downing%20street",
        }
    ]
    home = android.respond("hey google take me home").native
    assert home[0]["data"] == "google.navigation:q=60.17285,24.95287"
    call = list(android.respond("hey google call bob").native)
    assert call == [{"kind": "intent", "action": "android.intent.action.CALL", "data": "tel:+498912340004"}]
    playlist = android.respond("hey google play my road trip playlist").native
    assert playlist[0]["action"] == "android.media.action.MEDIA_PLAY_FROM_SEARCH"
    assert playlist[0]["extras"] == {
        "query": "road trip",
        "android.intent.extra.focus": "vnd.android.cursor.item/playlist",
    }
    assert len(playlist) == 1  # MEDIA_PLAY_FROM_SEARCH starts playing by itself: no play key after it


def test_vehicle_prop_value_input_is_applied_and_read_back(android, cockpit):
    result = android.handle_message(prop_value(HVAC_FAN_SPEED, ROW_1_RIGHT, int32Values=[6]))
    (answer,) = result.native
    assert answer["status"] == "OK" and answer["requestId"] == 7
    assert answer["value"]["value"]["int32Values"] == [6]
    assert cockpit.value(sig.PASSENGER_FAN) == 60


def test_boolean_property_takes_zero_or_one(android, cockpit):
    android.handle_message(prop_value(HVAC_AC_ON, ROW_1_LEFT | ROW_1_RIGHT, int32Values=[0]))
    assert cockpit.value(sig.AC) is False


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        (prop_value(0x11111111, 0, int32Values=[1]), "unknown or read-only property 0x11111111"),
        (prop_value(0x11600207, 0, floatValues=[1.0]), "unknown or read-only property 0x11600207"),
        (prop_value(HVAC_TEMPERATURE_SET, 0x10, floatValues=[21.0]), "has no area 16; valid areas: 0x1"),
        (
            prop_value(HVAC_TEMPERATURE_SET, ROW_1_LEFT, int32Values=[21]),
            "is FLOAT: expected exactly one value in floatValues",
        ),
        (prop_value(HVAC_FAN_SPEED, ROW_1_LEFT, int32Values=[3, 4]), "is INT32: expected exactly one value"),
        (prop_value(HVAC_AC_ON, 0x5, int32Values=[2]), "is BOOLEAN: expected 0 or 1, not 2"),
        (
            prop_value(HVAC_TEMPERATURE_SET, ROW_1_LEFT, floatValues=[35.0]),
            "35 is outside 16..28 at area 0x1",
        ),
        (prop_value(HVAC_FAN_SPEED, ROW_1_LEFT, int32Values=[-1]), "-1 is outside 0..10"),
        ({"prop": "HVAC", "areaId": 1}, "'prop' must be an integer"),
    ],
    ids=[
        "unknown",
        "read-only",
        "wrong-area",
        "wrong-type",
        "two-values",
        "bad-boolean",
        "too-hot",
        "negative-fan",
        "not-an-id",
    ],
)
def test_bad_vehicle_prop_values_are_rejected_with_the_reason(android, cockpit, message, reason):
    before = cockpit.snapshot()
    result = android.handle_message(message)
    (answer,) = result.native
    assert answer["status"] == "INVALID_ARG" and reason in answer["reason"]
    assert reason in result.reply
    assert cockpit.snapshot() == before


def test_while_driving_a_seat_write_waits_and_policy_refusals_say_why(driving):
    with AndroidAdapter(driving) as android:
        seat = android.handle_message(prop_value(0x15400B85, ROW_1_LEFT, int32Values=[200]))
        assert seat.outcomes[0].status is Status.DEFERRED and seat.native[0]["deferred"]
        assert seat.reply.startswith("Got it.") and "parked" in seat.reply
        assert driving.target(sig.SEAT_POSITION) == 150


def test_every_property_has_areas_with_signals_in_the_catalogue():
    for prop in PROPERTIES:
        assert prop.areas, prop.name
        for area in prop.areas:
            assert area.path in sig.CATALOGUE, (prop.name, area.path)


def test_the_active_drivers_places_and_contacts_reach_the_grammar(android):
    android.use_driver(
        places=[Place("Climbing Gym", 48.13, 11.62)],
        contacts={"Carol": "+441234"},
    )
    route = android.respond("OK Google, take me to the climbing gym")
    assert route.intent.slots["saved"] is True
    assert route.native[0]["data"] == "google.navigation:q=48.13,11.62"
    assert android.respond("OK Google, call carol").native[0]["data"] == "tel:+441234"
