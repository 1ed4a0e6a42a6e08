"""Malformed Alexa directives: every one is answered with an Alexa.ErrorResponse and nothing is done.

Each supported directive is mutated at every field the adapter reads - a wrong type, NaN,
±Infinity, 1e308, an empty or 20,000-character string, a look-alike word, or the field removed -
and the answer must be an ErrorResponse of a known type with a short message, no command may
reach the cockpit, and the cockpit's state must be exactly as before.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cockpit.assistants.alexa import AlexaAdapter
from cockpit.assistants.alexa.envelope import directive
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import HomeCommand
from cockpit.core.outcome import Outcome, Status

VALID: dict[str, dict[str, Any]] = {
    "fan-set": directive("Alexa.RangeController", "SetRangeValue", "driver.fan", {"rangeValue": 3},
                         "fan.speed"),
    "heater-adjust": directive("Alexa.RangeController", "AdjustRangeValue", "driver.heater",
                               {"rangeValueDelta": 1, "rangeValueDeltaDefault": False}, "heater.temperature"),
    "ac-on": directive("Alexa.PowerController", "TurnOn", "default.ac", {}),
    "auto-on": directive("Alexa.ToggleController", "TurnOn", "default.climatecontrol", {},
                         "climatecontrol.auto"),
    "volume-set": directive("Alexa.Speaker", "SetVolume", "default.media", {"volume": 40}),
    "volume-adjust": directive("Alexa.Speaker", "AdjustVolume", "default.media",
                               {"volume": 10, "volumeDefault": False}),
    "mute": directive("Alexa.Speaker", "SetMute", "default.media", {"mute": True}),
    "input": directive("Alexa.InputController", "SelectInput", "default.media", {"input": "USB"}),
    "play": directive("Alexa.PlaybackController", "Play", "default.media", {}),
    "lock": directive("Alexa.LockController", "Lock", "home.front_door", {}),
    "garage": directive("Alexa.ModeController", "SetMode", "home.garage_door", {"mode": "Position.Up"},
                        "GarageDoor.Position"),
    "brightness": directive("Alexa.BrightnessController", "SetBrightness", "home.light_kitchen",
                            {"brightness": 50}),
    "colour": directive("Alexa.ColorController", "SetColor", "home.light_kitchen",
                        {"color": {"hue": 120.0, "saturation": 0.5, "brightness": 0.8}}),
    "thermostat": directive("Alexa.ThermostatController", "SetTargetTemperature", "home.thermostat",
                            {"targetSetpoint": {"value": 21.0, "scale": "CELSIUS"}}),
    "arm": directive("Alexa.SecurityPanelController", "Arm", "home.alarm_panel", {"armState": "ARMED_AWAY"}),
}
ERROR_TYPES = {"INVALID_DIRECTIVE", "INVALID_VALUE", "VALUE_OUT_OF_RANGE", "NO_SUCH_ENDPOINT"}
LONG = "x" * 20_000
NOT_NUMBERS = [math.nan, math.inf, -math.inf, 1e308, -1e308, None, "50", [], {}, True]
NOT_FLAGS = [None, "true", 1, 0, [], {}, math.nan]
NOT_STRINGS = [None, [], {}, [1], {"a": 1}, 1, math.nan, "", " ", LONG, "ı"]
NOT_TOKENS = [None, [], {}, 1, math.nan, LONG]  # any non-empty string is a fine correlation token
REQUIRED_HEADER = ("namespace", "name", "payloadVersion", "messageId")


def _leaves(data: dict[str, Any], path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    for key, value in data.items():
        if isinstance(value, dict) and value:
            yield from _leaves(value, (*path, key))
        else:
            yield (*path, key), value


def _mutations(message: dict[str, Any]) -> Iterator[tuple[str, tuple[str, ...], object]]:
    """(description, path inside "directive", replacement or DELETE) for every field that matters."""
    body = message["directive"]
    fields = [("header", key) for key in (*REQUIRED_HEADER, "instance") if key in body["header"]]
    fields += [("endpoint", "endpointId")] + [("payload", *path) for path, _ in _leaves(body["payload"])]
    for path in fields:
        value = _get(body, path)
        bad = NOT_FLAGS if isinstance(value, bool) else NOT_NUMBERS if isinstance(value, (int, float)) \
            else NOT_STRINGS
        for replacement in bad:
            yield f"{'.'.join(path)}={_show(replacement)}", path, replacement
        if not path[-1].endswith("Default"):  # volumeDefault and rangeValueDeltaDefault are optional
            yield f"{'.'.join(path)} removed", path, DELETE
    for replacement in NOT_TOKENS:
        yield f"correlationToken={_show(replacement)}", ("header", "correlationToken"), replacement
    for part in ("header", "endpoint", "payload"):
        yield f"{part}=[]", (part,), []


DELETE = object()


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _apply(message: dict[str, Any], path: tuple[str, ...], replacement: object) -> dict[str, Any]:
    changed = copy.deepcopy(message)
    parent = _get(changed["directive"], path[:-1])
    if replacement is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    return changed


def _show(value: object) -> str:
    return f"str*{len(value)}" if isinstance(value, str) and len(value) > 20 else repr(value)


@pytest.fixture
def cockpit_with_home() -> tuple[Cockpit, list[HomeCommand]]:
    """A cockpit whose home commands are recorded (as the bridge would receive them) and applied."""
    cockpit = Cockpit()
    sent: list[HomeCommand] = []

    def bridge(command: HomeCommand) -> Outcome:
        sent.append(command)
        return Outcome(Status.APPLIED, command)

    cockpit.add_handler(HomeCommand, bridge)
    return cockpit, sent


@pytest.mark.parametrize("name", VALID)
def test_each_valid_directive_is_carried_out(cockpit_with_home, name: str):
    cockpit, _ = cockpit_with_home
    with AlexaAdapter(cockpit) as alexa:
        result = alexa.handle_message(copy.deepcopy(VALID[name]))
    assert result.native[0]["event"]["header"]["name"] == "Response", result.native[0]
    assert [outcome.status for outcome in result.outcomes] == [Status.APPLIED]


@pytest.mark.parametrize("name", VALID)
def test_every_malformed_variant_is_an_error_response_and_changes_nothing(cockpit_with_home, name: str):
    cockpit, sent = cockpit_with_home
    before = cockpit.snapshot()
    wrong = []
    with AlexaAdapter(cockpit) as alexa:
        for description, path, replacement in _mutations(VALID[name]):
            result = alexa.handle_message(_apply(VALID[name], path, replacement))
            event = result.native[0]["event"]
            kind = event["payload"].get("type")
            message = event["payload"].get("message", "")
            if (event["header"]["name"] != "ErrorResponse" or kind not in ERROR_TYPES or result.outcomes
                    or sent or cockpit.snapshot() != before or len(message) > 400):
                wrong.append(f"{description}: {event['header']['name']} {kind} {message[:80]!r} "
                             f"outcomes={[o.describe() for o in result.outcomes]} sent={sent}")
            json.dumps(result.native[0], allow_nan=False)  # the answer itself is valid JSON
    assert wrong == []


@pytest.mark.parametrize(("payload", "interface", "endpoint", "instance"), [
    ({"volume": math.nan, "volumeDefault": False}, ("Alexa.Speaker", "AdjustVolume"), "default.media", None),
    ({"rangeValueDelta": math.nan}, ("Alexa.RangeController", "AdjustRangeValue"), "driver.heater",
     "heater.temperature"),
])
def test_nan_from_a_file_is_invalid_value_and_nothing_is_learned(run_cli, tmp_path: Path, payload, interface,
                                                                 endpoint, instance, monkeypatch):
    state = tmp_path / "state"
    monkeypatch.setenv("COCKPIT_STATE_DIR", str(state))
    message = tmp_path / "nan.json"
    message.write_text(json.dumps(directive(*interface, endpoint, payload, instance)))  # Python writes NaN
    assert "NaN" in message.read_text()
    result = run_cli("say", "--no-broker", "--profile", "alice", "--json", "--message", str(message))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)["native"][0]["event"]
    assert answer["header"]["name"] == "ErrorResponse" and answer["payload"]["type"] == "INVALID_VALUE"
    assert not (state / "learned").exists() or list((state / "learned").iterdir()) == []
