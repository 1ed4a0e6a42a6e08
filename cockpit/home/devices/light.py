"""A room light with brightness and RGB colour, driven by Home Assistant's JSON light schema."""

from __future__ import annotations

import json
from typing import Any, ClassVar

from cockpit.core.errors import InvalidValue, brief
from cockpit.home import payloads
from cockpit.home.devices.base import Device, Params, Reading, Topics, number
from cockpit.home.discovery import Entity


class Light(Device):
    """On/off, brightness 1..255 and an RGB colour; state is the JSON schema's state object."""

    kind: ClassVar[str] = "light"
    model: ClassVar[str] = "Simulated RGB light"
    actions: ClassVar[tuple[str, ...]] = ("turn_on", "turn_off", "toggle", "set_brightness", "set_color")
    reports: ClassVar[dict[str, Reading]] = {
        "state": Reading(words=("ON", "OFF")), "brightness": Reading(low=0, high=255),
        "color_mode": Reading(words=("rgb",)), "color": Reading(rgb=True)}

    def __init__(self, device_id: str, name: str, room: str | None = None) -> None:
        super().__init__(device_id, name, room)
        self.on = False
        self.brightness = 255
        self.rgb = (255, 255, 255)

    def state(self) -> dict[str, Any]:
        r, g, b = self.rgb
        return {"state": "ON" if self.on else "OFF", "brightness": self.brightness, "color_mode": "rgb",
                "color": {"r": r, "g": g, "b": b}}

    def do_turn_on(self, params: Params) -> None:
        brightness = round(number(params, "brightness", 0, 255)) if "brightness" in params else None
        rgb = _rgb(params["rgb"]) if "rgb" in params else None
        self.on = brightness != 0
        if brightness:
            self.brightness = brightness
        if rgb is not None:
            self.rgb = rgb

    def do_turn_off(self, params: Params) -> None:
        self.on = False

    def do_toggle(self, params: Params) -> None:
        self.on = not self.on

    def do_set_brightness(self, params: Params) -> None:
        self.do_turn_on(_as_turn_on("set_brightness", params))

    def do_set_color(self, params: Params) -> None:
        self.do_turn_on(_as_turn_on("set_color", params))

    def decode(self, suffix: str, payload: bytes) -> tuple[str, dict[str, Any]]:
        data = payloads.json_object(payload)
        state = data.get("state")
        if suffix != "set" or state not in ("ON", "OFF"):
            raise InvalidValue('expected {"state": "ON" | "OFF", ...} on set')
        if state == "OFF":
            return "turn_off", {}
        params: dict[str, Any] = {}
        if "brightness" in data:
            params["brightness"] = data["brightness"]
        color = data.get("color")
        if color is not None:
            if not isinstance(color, dict):
                raise InvalidValue("color must be an object with r, g, b")
            params["rgb"] = [color.get("r"), color.get("g"), color.get("b")]
        return "turn_on", params

    def encode(self, action: str, params: Params) -> list[tuple[str, str]]:
        if action in ("set_brightness", "set_color"):
            action, params = "turn_on", _as_turn_on(action, params)
        if action == "turn_off":
            return [("set", json.dumps({"state": "OFF"}))]
        if action != "turn_on":
            raise self.unknown(action)
        message: dict[str, Any] = {"state": "ON"}
        if "brightness" in params:
            message["brightness"] = round(number(params, "brightness", 0, 255))
        if "rgb" in params:
            r, g, b = _rgb(params["rgb"])
            message["color"] = {"r": r, "g": g, "b": b}
        return [("set", json.dumps(message))]

    def entities(self, topics: Topics) -> list[Entity]:
        return [Entity("light", self.id, None, {
            "schema": "json", "command_topic": topics.command(), "state_topic": topics.state,
            "brightness": True, "brightness_scale": 255, "color_mode": True,
            "supported_color_modes": ["rgb"]})]


def _as_turn_on(action: str, params: Params) -> Params:
    """The assistants' words for a light: brightness in percent, colour as RRGGBB or [r, g, b]."""
    if action == "set_brightness":
        return {"brightness": round(number(params, "brightness", 0, 100) * 255 / 100)}
    return {"rgb": _rgb(params.get("rgb"))}


def _rgb(value: object) -> tuple[int, int, int]:
    """Three integers 0..255, from a list or six hex digits; raises InvalidValue."""
    if isinstance(value, str) and len(value.lstrip("#")) == 6:
        try:
            packed = int(value.lstrip("#"), 16)
        except ValueError:
            raise InvalidValue(f"rgb must be six hex digits, not {brief(value)}") from None
        return packed >> 16, (packed >> 8) & 0xFF, packed & 0xFF
    if not isinstance(value, (list, tuple)) or len(value) != 3:
        raise InvalidValue(f"rgb must be three numbers 0..255, not {brief(value)}")
    channels = [number({"rgb": part}, "rgb", 0, 255) for part in value]
    return round(channels[0]), round(channels[1]), round(channels[2])
