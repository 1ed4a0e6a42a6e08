"""A thermostat: modes off/heat/cool/auto, a setpoint, and a room temperature that drifts toward it."""

from __future__ import annotations

from typing import Any, ClassVar

from cockpit.core.errors import InvalidValue, brief
from cockpit.core.facts import THERMOSTAT_RANGE_C
from cockpit.home import payloads
from cockpit.home.devices.base import Device, Params, Reading, Topics, number, template
from cockpit.home.discovery import Entity

MODES = ("off", "heat", "cool", "auto")
MIN_TEMP, MAX_TEMP = THERMOSTAT_RANGE_C
HVAC_RATE_C_PER_S = 0.01  # what the heating or cooling achieves
LEAK_RATE_PER_S = 0.0005  # how fast the room drifts toward the outside temperature


class Thermostat(Device):
    """A climate entity; the current temperature moves with the heating and the outside air."""

    kind: ClassVar[str] = "thermostat"
    model: ClassVar[str] = "Simulated thermostat"
    actions: ClassVar[tuple[str, ...]] = ("set_mode", "set_temperature")
    reports: ClassVar[dict[str, Reading]] = {
        "state": Reading(words=MODES), "mode": Reading(words=MODES),
        "temperature": Reading(low=MIN_TEMP, high=MAX_TEMP), "current_temperature": Reading(low=-50, high=70),
        "action": Reading(words=("off", "heating", "cooling", "idle"))}

    def __init__(self, device_id: str, name: str, room: str | None = None, current_c: float = 19.0,
                 outside_c: float = 10.0) -> None:
        super().__init__(device_id, name, room)
        self.mode = "off"
        self.setpoint = 21.0
        self.current = current_c
        self.outside = outside_c

    def action(self) -> str:
        """What the HVAC is doing right now (HA's hvac_action)."""
        if self.mode == "off":
            return "off"
        if self.mode in ("heat", "auto") and self.current < self.setpoint - 0.2:
            return "heating"
        if self.mode in ("cool", "auto") and self.current > self.setpoint + 0.2:
            return "cooling"
        return "idle"

    def state(self) -> dict[str, Any]:
        return {"state": self.mode, "mode": self.mode, "temperature": self.setpoint,
                "current_temperature": round(self.current, 1), "action": self.action()}

    def do_set_mode(self, params: Params) -> None:
        mode = params.get("mode")
        if mode not in MODES:
            raise InvalidValue(f"mode must be one of {', '.join(MODES)}, not {brief(mode)}")
        self.mode = str(mode)

    def do_set_temperature(self, params: Params) -> None:
        self.setpoint = round(number(params, "temperature", MIN_TEMP, MAX_TEMP) * 2) / 2

    def step(self, dt: float) -> None:
        action = self.action()
        hvac = {"heating": HVAC_RATE_C_PER_S, "cooling": -HVAC_RATE_C_PER_S}.get(action, 0.0)
        self.current += (hvac + (self.outside - self.current) * LEAK_RATE_PER_S) * dt

    def command_suffixes(self) -> tuple[str, ...]:
        return ("mode/set", "temperature/set")

    def decode(self, suffix: str, payload: bytes) -> tuple[str, dict[str, Any]]:
        if suffix == "mode/set":
            return "set_mode", {"mode": payloads.choice(payload, {mode.upper(): mode for mode in MODES})}
        if suffix == "temperature/set":
            return "set_temperature", {"temperature": payloads.number(payload, MIN_TEMP, MAX_TEMP)}
        raise InvalidValue(f"no command topic {brief(suffix)}")

    def encode(self, action: str, params: Params) -> list[tuple[str, str]]:
        if action == "set_mode" and params.get("mode") in MODES:
            return [("mode/set", str(params["mode"]))]
        if action == "set_temperature":
            return [("temperature/set", f"{number(params, 'temperature', MIN_TEMP, MAX_TEMP):g}")]
        if action == "set_mode":
            raise InvalidValue(f"mode must be one of {', '.join(MODES)}, not {brief(params.get('mode'))}")
        raise self.unknown(action)

    def entities(self, topics: Topics) -> list[Entity]:
        return [Entity("climate", self.id, None, {
            "modes": list(MODES), "mode_command_topic": topics.command("mode/set"),
            "mode_state_topic": topics.state, "mode_state_template": template("mode"),
            "temperature_command_topic": topics.command("temperature/set"),
            "temperature_state_topic": topics.state, "temperature_state_template": template("temperature"),
            "current_temperature_topic": topics.state,
            "current_temperature_template": template("current_temperature"),
            "action_topic": topics.state, "action_template": template("action"),
            "min_temp": MIN_TEMP, "max_temp": MAX_TEMP, "temp_step": 0.5, "precision": 0.1,
            "temperature_unit": "C", "optimistic": False})]
