"""Cockpit commands <-> Alexa Smart Home directives, both ways, for the car (car-control endpoints),
the head unit's media player (`default.media`) and home devices (`home.<device id>`).

`encode` gives the directive for a command (None when Alexa has no Smart Home form for it, such as
navigation); `decode` turns a directive back into the command, checking endpoint, interface,
instance and range on the way, and raises DirectiveError with the Alexa error type.
"""

from __future__ import annotations

import colorsys
import math
from collections.abc import Collection, Mapping
from typing import Any, Final

from cockpit.assistants.alexa import carcontrol as cc
from cockpit.assistants.alexa.envelope import DirectiveError, directive
from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import AdjustSignal, Command, HomeCommand, SetSignal, Source
from cockpit.core.errors import brief
from cockpit.core.facts import THERMOSTAT_RANGE_C

A = Source.ASSISTANT
MEDIA: Final = "default.media"
HOME_PREFIX: Final = "home."
PLAYBACK: Final = {
    "PLAY": "Play",
    "PAUSE": "Pause",
    "SKIP_FORWARD": "Next",
    "SKIP_BACKWARD": "Previous",
    "STOP": "Stop",
}
_PLAYBACK_BACK: Final = {name: action for action, name in PLAYBACK.items()}
GARAGE_MODE: Final = "GarageDoor.Position"
_HOME_VERBS: Final = {
    ("Alexa.PowerController", "TurnOn"): "turn_on",
    ("Alexa.PowerController", "TurnOff"): "turn_off",
    ("Alexa.LockController", "Lock"): "lock",
    ("Alexa.LockController", "Unlock"): "unlock",
    ("Alexa.SecurityPanelController", "Disarm"): "disarm",
}
_HOME_NAMES: Final = {verb: key for key, verb in _HOME_VERBS.items()}
_ARM_STATES: Final = {"ARMED_AWAY": "arm_away", "ARMED_STAY": "arm_home"}  # Alexa's names; no ARMED_NIGHT
_ARM_NAMES: Final = {action: state for state, action in _ARM_STATES.items()}
_SCALES: Final = ("CELSIUS", "FAHRENHEIT", "KELVIN")
KELVIN_AT_0C: Final = 273.15


def encode(command: Command) -> dict[str, Any] | None:
    """The directive that asks for `command`, or None when it has no Smart Home form."""
    if isinstance(command, HomeCommand):
        return _encode_home(command)
    if not isinstance(command, (SetSignal, AdjustSignal)):
        return None
    if command.path == sig.DOOR_LOCKED and isinstance(command, SetSignal):
        return directive("Alexa.LockController", "Lock" if command.value else "Unlock", cc.DOOR_LOCK, {})
    control = cc.BY_PATH.get(command.path)
    if control is not None:
        return _encode_car(control, command)
    return _encode_media(command)


def _encode_car(control: cc.Control, command: SetSignal | AdjustSignal) -> dict[str, Any]:
    if isinstance(command, AdjustSignal):
        delta = command.delta / control.scale
        return directive(
            control.interface,
            "AdjustRangeValue",
            control.endpoint_id,
            {"rangeValueDelta": round(delta, 3), "rangeValueDeltaDefault": False},
            control.instance,
        )
    if control.capability == cc.RANGE:
        return directive(
            control.interface,
            "SetRangeValue",
            control.endpoint_id,
            {"rangeValue": control.to_range(float(command.value))},
            control.instance,
        )
    return directive(
        control.interface, "TurnOn" if command.value else "TurnOff", control.endpoint_id, {}, control.instance
    )


def _encode_media(command: SetSignal | AdjustSignal) -> dict[str, Any] | None:
    if isinstance(command, AdjustSignal):
        if command.path != sig.VOLUME:
            return None
        return directive(
            "Alexa.Speaker", "AdjustVolume", MEDIA, {"volume": round(command.delta), "volumeDefault": False}
        )
    if command.path == sig.MEDIA_ACTION and command.value in PLAYBACK:
        return directive("Alexa.PlaybackController", PLAYBACK[str(command.value)], MEDIA, {})
    if command.path == sig.VOLUME:
        return directive("Alexa.Speaker", "SetVolume", MEDIA, {"volume": command.value})
    if command.path == sig.MUTED:
        return directive("Alexa.Speaker", "SetMute", MEDIA, {"mute": command.value})
    if command.path == sig.MEDIA_SOURCE:
        return directive("Alexa.InputController", "SelectInput", MEDIA, {"input": command.value})
    return None


def _encode_home(command: HomeCommand) -> dict[str, Any] | None:
    endpoint = HOME_PREFIX + command.device_id
    params = command.params
    if command.action in ("open", "close"):
        mode = "Position.Up" if command.action == "open" else "Position.Down"
        return directive("Alexa.ModeController", "SetMode", endpoint, {"mode": mode}, GARAGE_MODE)
    if command.action in _HOME_NAMES:
        namespace, name = _HOME_NAMES[command.action]
        return directive(namespace, name, endpoint, {})
    if command.action == "set_brightness":
        return directive(
            "Alexa.BrightnessController", "SetBrightness", endpoint, {"brightness": params["brightness"]}
        )
    if command.action == "set_color":
        return directive("Alexa.ColorController", "SetColor", endpoint, {"color": rgb_to_hsb(params["rgb"])})
    if command.action == "set_temperature":
        return directive(
            "Alexa.ThermostatController",
            "SetTargetTemperature",
            endpoint,
            {"targetSetpoint": {"value": params["temperature"], "scale": "CELSIUS"}},
        )
    if command.action in _ARM_NAMES:
        return directive(
            "Alexa.SecurityPanelController",
            "Arm",
            endpoint,
            {"armState": _ARM_NAMES[command.action]},
        )
    return None


def decode(
    header: Mapping[str, Any], endpoint_id: str, payload: Mapping[str, Any], cockpit: Cockpit,
    home_devices: Collection[str] | None = None,
) -> Command:
    """The command a directive asks for; raises DirectiveError (NO_SUCH_ENDPOINT, INVALID_DIRECTIVE,
    VALUE_OUT_OF_RANGE). `home_devices` are the connected home's device ids (None: no home is known,
    so the cockpit answers for any home endpoint)."""
    namespace, name = header["namespace"], header["name"]
    if endpoint_id == cc.DOOR_LOCK:
        if namespace != "Alexa.LockController" or name not in ("Lock", "Unlock"):
            raise DirectiveError("INVALID_DIRECTIVE",
                                 f"endpoint {endpoint_id} does not support {namespace}.{name}")
        return SetSignal(sig.DOOR_LOCKED, name == "Lock", source=A)
    if endpoint_id in cc.ENDPOINT_IDS:
        control = cc.BY_KEY.get((endpoint_id, namespace, header.get("instance")))
        if control is None:
            raise DirectiveError(
                "INVALID_DIRECTIVE",
                f"endpoint {endpoint_id} does not support {namespace}"
                f"{' instance ' + str(header.get('instance')) if header.get('instance') else ''}",
            )
        return _decode_car(control, name, payload, cockpit)
    if endpoint_id == MEDIA:
        return _decode_media(namespace, name, payload)
    device = endpoint_id[len(HOME_PREFIX) :]
    if endpoint_id.startswith(HOME_PREFIX) and (home_devices is None or device in home_devices):
        return _decode_home(device, header, payload)
    raise DirectiveError("NO_SUCH_ENDPOINT", f"there is no endpoint {brief(endpoint_id)} in this car or home")


def _number(payload: Mapping[str, Any], key: str, low: float | None = None,
            high: float | None = None) -> float:
    """A finite number, within [low, high] when given; raises DirectiveError INVALID_VALUE (not a
    finite number) or VALUE_OUT_OF_RANGE (with the valid range)."""
    value = payload.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise DirectiveError("INVALID_VALUE", f"payload.{key} must be a finite number, not {brief(value)}")
    if low is not None and high is not None and not low <= value <= high:
        raise DirectiveError(
            "VALUE_OUT_OF_RANGE",
            f"{key} {value:g} is outside {low:g}..{high:g}",
            validRange={"minimumValue": low, "maximumValue": high},
        )
    return float(value)


def _percent(payload: Mapping[str, Any], key: str) -> int:
    """A 0..100 payload value; raises DirectiveError VALUE_OUT_OF_RANGE with the valid range."""
    return round(_number(payload, key, 0, 100))


def _flag(payload: Mapping[str, Any], key: str) -> None:
    """An optional boolean (`volumeDefault`, `rangeValueDeltaDefault`); raises DirectiveError."""
    if key in payload and not isinstance(payload[key], bool):
        raise DirectiveError("INVALID_VALUE", f"payload.{key} must be true or false, not "
                                              f"{brief(payload[key])}")


def _decode_car(control: cc.Control, name: str, payload: Mapping[str, Any], cockpit: Cockpit) -> Command:
    spec = cockpit.spec(control.path)
    if control.capability == cc.RANGE and name == "SetRangeValue":
        value = _number(payload, "rangeValue")
        if not control.in_range(value):
            raise DirectiveError(
                "VALUE_OUT_OF_RANGE",
                f"{value:g} is outside {control.minimum:g}..{control.maximum:g}",
                validRange={"minimumValue": control.minimum, "maximumValue": control.maximum},
            )
        target = value * control.scale
        return SetSignal(
            control.path, round(target) if spec.datatype is sig.DataType.INT else target, source=A
        )
    if control.capability == cc.RANGE and name == "AdjustRangeValue":
        span = control.maximum - control.minimum
        _flag(payload, "rangeValueDeltaDefault")
        return AdjustSignal(control.path, _number(payload, "rangeValueDelta", -span, span) * control.scale,
                            source=A)
    if control.capability != cc.RANGE and name in ("TurnOn", "TurnOff"):
        return SetSignal(control.path, name == "TurnOn", source=A)
    raise DirectiveError("INVALID_DIRECTIVE", f"{control.interface} has no directive {name!r}")


def _decode_media(namespace: str, name: str, payload: Mapping[str, Any]) -> Command:
    if namespace == "Alexa.PlaybackController" and name in _PLAYBACK_BACK:
        return SetSignal(sig.MEDIA_ACTION, _PLAYBACK_BACK[name], source=A)
    if (namespace, name) == ("Alexa.Speaker", "SetVolume"):
        return SetSignal(sig.VOLUME, _percent(payload, "volume"), source=A)
    if (namespace, name) == ("Alexa.Speaker", "AdjustVolume"):
        _flag(payload, "volumeDefault")
        return AdjustSignal(sig.VOLUME, _number(payload, "volume", -100, 100), source=A)
    if (namespace, name) == ("Alexa.Speaker", "SetMute") and isinstance(payload.get("mute"), bool):
        return SetSignal(sig.MUTED, payload["mute"], source=A)
    if (namespace, name) == ("Alexa.InputController", "SelectInput"):
        source = payload.get("input")
        if not isinstance(source, str) or not source.isascii():
            raise DirectiveError("INVALID_VALUE", f"payload.input must be an input name, not {brief(source)}")
        return SetSignal(sig.MEDIA_SOURCE, source.upper(), source=A)
    raise DirectiveError("INVALID_DIRECTIVE", f"the media player does not support {namespace}.{name}")


def _decode_home(device: str, header: Mapping[str, Any], payload: Mapping[str, Any]) -> Command:
    key = (header["namespace"], header["name"])
    if key in _HOME_VERBS:
        return HomeCommand(device, _HOME_VERBS[key], {}, source=A)
    if key == ("Alexa.ModeController", "SetMode") and header.get("instance") == GARAGE_MODE:
        mode = payload.get("mode")
        if mode not in ("Position.Up", "Position.Down"):
            raise DirectiveError(
                "INVALID_VALUE", f"garage door mode {brief(mode)} is not Position.Up or Position.Down"
            )
        return HomeCommand(device, "open" if mode == "Position.Up" else "close", {}, source=A)
    if key == ("Alexa.BrightnessController", "SetBrightness"):
        return HomeCommand(
            device, "set_brightness", {"brightness": _percent(payload, "brightness")}, source=A
        )
    if key == ("Alexa.ColorController", "SetColor") and isinstance(payload.get("color"), Mapping):
        return HomeCommand(device, "set_color", {"rgb": hsb_to_rgb(payload["color"])}, source=A)
    if key == ("Alexa.ThermostatController", "SetTargetTemperature"):
        setpoint = payload.get("targetSetpoint")
        if not isinstance(setpoint, Mapping):
            raise DirectiveError("INVALID_DIRECTIVE", "payload.targetSetpoint is missing")
        return HomeCommand(device, "set_temperature", {"temperature": _setpoint(setpoint)}, source=A)
    if key == ("Alexa.SecurityPanelController", "Arm"):
        state = payload.get("armState")
        if not isinstance(state, str) or state not in _ARM_STATES:
            raise DirectiveError("INVALID_VALUE", f"payload.armState must be one of "
                                                  f"{', '.join(_ARM_STATES)}, not {brief(state)}")
        return HomeCommand(device, _ARM_STATES[state], {}, source=A)
    raise DirectiveError("INVALID_DIRECTIVE", f"{device} does not support {key[0]}.{key[1]}")


def rgb_to_hsb(rgb: str) -> dict[str, float]:
    """Six hex digits as Alexa's {hue, saturation, brightness}."""
    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    return {"hue": round(hue * 360, 1), "saturation": round(saturation, 4), "brightness": round(value, 4)}


def hsb_to_rgb(color: Mapping[str, Any]) -> str:
    """Alexa's {hue 0..360, saturation 0..1, brightness 0..1} as six hex digits; raises DirectiveError."""
    hue = _number(color, "hue", 0, 360)
    saturation, value = _number(color, "saturation", 0, 1), _number(color, "brightness", 0, 1)
    red, green, blue = colorsys.hsv_to_rgb(hue / 360 % 1, saturation, value)
    return "".join(f"{round(channel * 255):02X}" for channel in (red, green, blue))


def _setpoint(setpoint: Mapping[str, Any]) -> float:
    """A thermostat setpoint in °C on the half degree; raises DirectiveError for a missing or unknown
    scale, a value that is not a finite number, or one outside what the home's thermostat takes."""
    scale = setpoint.get("scale")
    if not isinstance(scale, str) or scale not in _SCALES:
        raise DirectiveError("INVALID_VALUE", f"targetSetpoint.scale must be one of {', '.join(_SCALES)}, "
                                              f"not {brief(scale)}")
    low, high = (round(_from_celsius(limit, scale), 1) for limit in THERMOSTAT_RANGE_C)
    value = _number(setpoint, "value", low, high)
    celsius = value - KELVIN_AT_0C if scale == "KELVIN" else units.to_celsius(value, scale == "FAHRENHEIT")
    return round(celsius * 2) / 2


def _from_celsius(celsius: float, scale: str) -> float:
    if scale == "KELVIN":
        return celsius + KELVIN_AT_0C
    return units.to_fahrenheit(celsius) if scale == "FAHRENHEIT" else celsius
