"""The Alexa-style adapter: directives out, directives in, the car-control configuration."""

from __future__ import annotations

import copy

import pytest

from cockpit.assistants.alexa import AlexaAdapter
from cockpit.assistants.alexa.carcontrol import CONTROLS, configuration
from cockpit.assistants.alexa.envelope import directive
from cockpit.core import signals as sig
from cockpit.core.commands import HomeCommand, SetSignal, Source
from cockpit.core.events import AssistantReplied
from cockpit.core.facts import HomeDevice
from cockpit.core.outcome import Outcome, Status
from tests.assistants.conftest import shipped_home


@pytest.fixture
def adapter_factory() -> type[AlexaAdapter]:
    """The adapter the contract kit's checks (cockpit.assistants.testing.plugin) build."""
    return AlexaAdapter


def test_alexa_keeps_the_adapter_contract(adapter_check, adapter_factory):
    adapter_check(adapter_factory)


def test_utterance_becomes_a_version_3_directive_that_is_then_carried_out(alexa, cockpit):
    result = alexa.respond("Alexa, set the fan to 4")
    (message,) = result.native
    header = message["directive"]["header"]
    assert header["namespace"] == "Alexa.RangeController" and header["name"] == "SetRangeValue"
    assert header["payloadVersion"] == "3" and header["instance"] == "fan.speed"
    assert header["messageId"] and header["correlationToken"]
    assert message["directive"]["endpoint"]["endpointId"] == "driver.fan"
    assert message["directive"]["payload"] == {"rangeValue": 4}
    assert cockpit.value(sig.DRIVER_FAN) == 40
    assert result.reply == "Fan on the driver side to 40 %."


def test_the_reply_names_the_fan_speed_the_range_controller_set(alexa, cockpit):
    """The fan's range has ten steps: "45 percent" is step 4, and the reply says 40 %."""
    assert alexa.respond("Alexa, set the fan to 45 percent").reply == "Fan on the driver side to 40 %."
    assert cockpit.value(sig.DRIVER_FAN) == 40
    assert alexa.respond("Alexa, set the fan to 2 percent").reply == "Turning the fan off."
    assert cockpit.value(sig.DRIVER_FAN) == 0


def test_brief_mode_is_a_drivers_setting_and_off_by_default(cockpit):
    with AlexaAdapter(cockpit, {"brief_mode": True}) as brief:
        assert brief.respond("Alexa, set the fan to 4").reply == "OK."
        assert brief.respond("Alexa, what's my range?").reply.startswith("You have about")  # answers stay
    with AlexaAdapter(cockpit) as alexa:
        assert alexa.respond("Alexa, set the fan to 5").reply == "Fan on the driver side to 50 %."


def test_relative_temperature_becomes_an_adjust_directive(alexa, cockpit):
    result = alexa.respond("alexa make it a bit warmer")
    body = result.native[0]["directive"]
    assert body["header"]["name"] == "AdjustRangeValue"
    assert body["payload"] == {"rangeValueDelta": 1.0, "rangeValueDeltaDefault": False}
    assert cockpit.target(sig.DRIVER_TEMP) == 22.0


def test_out_of_range_utterance_is_refused_with_the_range(alexa, cockpit):
    result = alexa.respond("Alexa, set the temperature to 40")
    assert [o.status for o in result.outcomes] == [Status.REJECTED]
    assert result.reply == ("Sorry, I can't do that: Driver temperature goes from 16.0 °C to 28.0 °C, "
                            "not 40.0 °C.")
    assert cockpit.target(sig.DRIVER_TEMP) == 21.0


def test_directive_input_is_answered_with_the_new_state_and_the_token_echoed(alexa, cockpit):
    request = directive(
        "Alexa.RangeController",
        "SetRangeValue",
        "passenger.heater",
        {"rangeValue": 24.5},
        "heater.temperature",
    )
    result = alexa.handle_message(request)
    event = result.native[0]["event"]
    assert event["header"]["namespace"] == "Alexa" and event["header"]["name"] == "Response"
    assert event["header"]["correlationToken"] == request["directive"]["header"]["correlationToken"]
    (prop,) = result.native[0]["context"]["properties"]
    assert prop["namespace"] == "Alexa.RangeController" and prop["instance"] == "heater.temperature"
    assert prop["name"] == "rangeValue" and prop["value"] == 24.5
    assert prop["timeOfSample"].startswith("2026-01-01T08:00:00") and prop["uncertaintyInMilliseconds"] == 0
    assert cockpit.value(sig.PASSENGER_TEMP) == 24.5


def test_power_directive_reports_power_state(alexa, cockpit):
    result = alexa.handle_message(directive("Alexa.PowerController", "TurnOff", "default.ac", {}))
    assert result.native[0]["context"]["properties"][0]["value"] == "OFF"
    assert cockpit.value(sig.AC) is False


def _error(alexa, message) -> dict:
    event = alexa.handle_message(message).native[0]["event"]
    assert event["header"]["name"] == "ErrorResponse"
    return event["payload"]


def test_unknown_endpoint_is_no_such_endpoint(alexa):
    payload = _error(alexa, directive("Alexa.PowerController", "TurnOn", "rear.jacuzzi", {}))
    assert payload["type"] == "NO_SUCH_ENDPOINT" and "rear.jacuzzi" in payload["message"]


def test_out_of_range_directive_is_value_out_of_range_with_the_valid_range(alexa, cockpit):
    payload = _error(
        alexa,
        directive("Alexa.RangeController", "SetRangeValue", "driver.fan", {"rangeValue": 11}, "fan.speed"),
    )
    assert payload["type"] == "VALUE_OUT_OF_RANGE"
    assert payload["validRange"] == {"minimumValue": 0, "maximumValue": 10}
    assert cockpit.value(sig.DRIVER_FAN) == 30


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda m: m["directive"]["header"].update(payloadVersion="2"), "payloadVersion"),
        (lambda m: m["directive"]["header"].pop("messageId"), "messageId"),
        (lambda m: m["directive"]["header"].update(instance="fan.colour"), "does not support"),
        (lambda m: m.pop("directive"), "no 'directive'"),
    ],
    ids=["old-version", "no-message-id", "wrong-instance", "not-a-directive"],
)
def test_malformed_directive_is_invalid_directive(alexa, change, expected):
    message = copy.deepcopy(
        directive("Alexa.RangeController", "SetRangeValue", "driver.fan", {"rangeValue": 3}, "fan.speed")
    )
    change(message)
    payload = _error(alexa, message)
    assert payload["type"] == "INVALID_DIRECTIVE" and expected in payload["message"]


def test_while_driving_seat_moves_and_video_are_not_supported_in_current_mode(driving):
    with AlexaAdapter(driving) as alexa:
        seat = directive(
            "Alexa.RangeController", "SetRangeValue", "driver.seat", {"rangeValue": 200}, "seat.position"
        )
        payload = _error(alexa, seat)
        assert payload["type"] == "NOT_SUPPORTED_IN_CURRENT_MODE" and "parked" in payload["message"]
        assert [p.path for p in driving.pending()] == [sig.SEAT_POSITION]
        video = _error(
            alexa, directive("Alexa.InputController", "SelectInput", "default.media", {"input": "TV"})
        )
        assert video["type"] == "NOT_SUPPORTED_IN_CURRENT_MODE" and "video" in video["message"]
        assert driving.value(sig.MEDIA_SOURCE) == "FM"


def test_home_directive_without_a_home_bridge_is_endpoint_unreachable(alexa):
    payload = _error(alexa, directive("Alexa.LockController", "Lock", "home.front_door", {}))
    assert payload["type"] == "ENDPOINT_UNREACHABLE" and "not connected" in payload["message"]


def test_home_directive_reaches_the_home_bridge_as_a_home_command(cockpit):
    received: list[HomeCommand] = []

    def bridge(command: HomeCommand) -> Outcome:
        received.append(command)
        return Outcome(Status.APPLIED, command)

    cockpit.add_handler(HomeCommand, bridge)
    with AlexaAdapter(cockpit) as alexa:
        alexa.use_home(shipped_home())
        result = alexa.respond("Alexa, set the kitchen lights to red")
        assert result.native[0]["directive"]["header"]["namespace"] == "Alexa.ColorController"
        assert result.native[0]["directive"]["payload"]["color"] == {
            "hue": 0.0,
            "saturation": 1.0,
            "brightness": 1.0,
        }
        asked = alexa.respond("Alexa, open the garage")
        assert asked.native == () and asked.reply == "Are you sure you want to open the garage door?"
        garage = alexa.respond("Alexa, yes")
        assert garage.native[0]["directive"]["payload"] == {"mode": "Position.Up"}
        assert garage.reply == "Opening the garage door."
    assert [(c.device_id, c.action, c.params) for c in received] == [
        ("light_kitchen", "set_color", {"rgb": "FF0000"}),
        ("garage_door", "open", {}),
    ]


def test_home_endpoints_are_the_connected_home_s_devices(alexa):
    alexa.use_home((HomeDevice("garage_left", "Left garage", "garage_door", "Garage"),))
    (command,) = alexa.handle_message(directive("Alexa.ModeController", "SetMode", "home.garage_left",
                                                {"mode": "Position.Up"}, "GarageDoor.Position")).commands
    assert command == HomeCommand("garage_left", "open", source=command.source)
    payload = _error(alexa, directive("Alexa.LockController", "Lock", "home.front_door", {}))
    assert payload["type"] == "NO_SUCH_ENDPOINT" and "home.front_door" in payload["message"]


def test_every_turn_publishes_assistant_replied(alexa, cockpit):
    replies: list[AssistantReplied] = []
    cockpit.bus.subscribe(replies.append, AssistantReplied)
    alexa.respond("Alexa, what's my range?")
    assert (
        replies[0].adapter == "alexa" and replies[0].reply == "You have about 320 kilometres of range left."
    )


def test_config_describes_every_control_with_assets_and_zones():
    config = configuration()["aace.carControl"]
    endpoints = {e["endpointId"]: e for e in config["endpoints"]}
    for control in CONTROLS:
        capabilities = endpoints[control.endpoint_id]["capabilities"]
        assert any(
            c["interface"] == control.interface and c.get("instance") == control.instance
            for c in capabilities
        ), control
    heater = next(
        c for c in endpoints["driver.heater"]["capabilities"] if c.get("instance") == "heater.temperature"
    )
    assert heater["configuration"]["supportedRange"] == {
        "minimumValue": 16,
        "maximumValue": 28,
        "precision": 0.5,
    }
    assert heater["configuration"]["unitOfMeasure"] == "Alexa.Unit.Temperature.Celsius"
    assert (
        endpoints["driver.seat"]["endpointResources"]["friendlyNames"][0]["value"]["assetId"]
        == "Alexa.Automotive.DeviceName.Seat"
    )
    zones = {z["zoneId"]: [m["endpointId"] for m in z["members"]] for z in config["zones"]}
    assert config["defaultZoneId"] == "zone.driver" and "driver.heater" in zones["zone.driver"]
    assert "passenger.heater" in zones["zone.passenger"] and set(zones["zone.all"]) == set(endpoints)


def test_utterances_only_address_endpoints_the_config_declares(cockpit):
    declared = {e["endpointId"] for e in configuration()["aace.carControl"]["endpoints"]}
    with AlexaAdapter(cockpit) as alexa:
        for text in (
            "fan up",
            "heat my seat",
            "turn on recirculation",
            "defrost",
            "steering wheel heat on",
            "the passenger side too",
            "auto climate on",
        ):
            for message in alexa.respond(text).native:
                assert message["directive"]["endpoint"]["endpointId"] in declared


def _verifications(capability: dict) -> list[dict]:
    return capability.get("verificationsRequired", [])


def test_the_car_control_config_asks_before_unlocking_in_the_documented_form():
    endpoints = {e["endpointId"]: e for e in configuration()["aace.carControl"]["endpoints"]}
    (lock,) = endpoints["default.doorlock"]["capabilities"]
    assert lock["interface"] == "Alexa.LockController"
    assert _verifications(lock) == [{"directive": "Unlock", "methods": [{"@type": "Confirmation"}]}]
    assert not any(_verifications(c) for e in endpoints.values() for c in e["capabilities"] if c is not lock)
    with_pin = {e["endpointId"]: e for e in configuration(pin=True)["aace.carControl"]["endpoints"]}
    assert [c["interface"] for c in with_pin["default.doorlock"]["capabilities"]] == [
        "Alexa.LockController", "Alexa.AuthorizationController"]


def test_discovery_marks_what_opens_the_house_and_nothing_else():
    from cockpit.assistants.alexa.discovery import discover_response

    def guarded(pin: bool) -> dict[str, list]:
        endpoints = discover_response(shipped_home(), pin=pin)["event"]["payload"]["endpoints"]
        return {e["endpointId"]: [(c["interface"], [v["directive"] for v in _verifications(c)])
                                  for c in e["capabilities"] if _verifications(c)
                                  or c["interface"] == "Alexa.AuthorizationController"]
                for e in endpoints}

    marked = {endpoint: found for endpoint, found in guarded(False).items() if found}
    assert marked == {"home.garage_door": [("Alexa.ModeController", ["SetMode"])],
                      "home.front_door": [("Alexa.LockController", ["Unlock"])],
                      "home.alarm_panel": [("Alexa.SecurityPanelController", ["Disarm"])]}
    with_pin = {endpoint: found for endpoint, found in guarded(True).items() if found}
    assert set(with_pin) == set(marked)
    assert all(found[-1] == ("Alexa.AuthorizationController", []) for found in with_pin.values())


def test_the_car_lock_speaks_lock_controller_both_ways(alexa, cockpit):
    cockpit.submit(SetSignal(sig.DOOR_LOCKED, False, source=Source.USER))
    locked = alexa.respond("Alexa, lock the car")
    assert locked.native[0]["directive"]["header"]["namespace"] == "Alexa.LockController"
    assert locked.native[0]["directive"]["endpoint"]["endpointId"] == "default.doorlock"
    assert cockpit.value(sig.DOOR_LOCKED) is True
    answer = alexa.handle_message(directive("Alexa.LockController", "Unlock", "default.doorlock", {}))
    # a directive's confirmation was Alexa's to ask (verificationsRequired): it is carried out
    assert cockpit.value(sig.DOOR_LOCKED) is False
    assert answer.native[0]["context"]["properties"][0]["value"] == "UNLOCKED"


def test_with_a_voice_pin_a_native_unlock_is_challenged_and_the_spoken_pin_releases_it(alexa, cockpit):
    class Pin:
        locked_until = None

        def attempt(self, pin, now):
            from cockpit.core.confirmation import PinAttempt

            return PinAttempt(pin == "2468", 2)

        def locked(self, now):
            return False

    cockpit.submit(SetSignal(sig.DOOR_LOCKED, True, source=Source.USER))
    cockpit.confirmations.use_pin(Pin())
    request = directive("Alexa.LockController", "Unlock", "default.doorlock", {})
    answer = alexa.handle_message(request)
    header = answer.native[0]["event"]["header"]
    assert (header["namespace"], header["name"], header["payloadVersion"]) == (
        "Alexa.AuthorizationController", "ChallengeResponse", "1.0")
    assert header["correlationToken"] == request["directive"]["header"]["correlationToken"]
    assert cockpit.value(sig.DOOR_LOCKED) is True
    assert alexa.respond("2 4 6 8").intent.slots["confirmed"] == "pin"
    assert cockpit.value(sig.DOOR_LOCKED) is False
