"""The EV charger (wallbox): a switch with power and energy sensors; it charges a connected car."""

from __future__ import annotations

from typing import Any, ClassVar

from cockpit.home.devices.base import Device, Params, Reading, Topics, template
from cockpit.home.discovery import Entity


class Charger(Device):
    """Delivers `max_power_kw` while switched on and a car is connected; counts the energy."""

    kind: ClassVar[str] = "ev_charger"
    model: ClassVar[str] = "Simulated 11 kW wallbox"
    actions: ClassVar[tuple[str, ...]] = ("turn_on", "turn_off")
    words: ClassVar[dict[str, str]] = {"ON": "turn_on", "OFF": "turn_off"}
    reports: ClassVar[dict[str, Reading]] = {
        "state": Reading(words=("ON", "OFF")), "power_kw": Reading(low=0, high=1000),
        "energy_kwh": Reading(low=0, high=1e7), "car_connected": Reading(flag=True)}

    def __init__(self, device_id: str, name: str, room: str | None = None,
                 max_power_kw: float = 11.0) -> None:
        super().__init__(device_id, name, room)
        self.max_power_kw = max_power_kw
        self.on = False
        self.car_connected = False
        self.energy_kwh = 0.0

    @property
    def power_kw(self) -> float:
        return self.max_power_kw if self.on and self.car_connected else 0.0

    def state(self) -> dict[str, Any]:
        return {"state": "ON" if self.on else "OFF", "power_kw": self.power_kw,
                "energy_kwh": round(self.energy_kwh, 2), "car_connected": self.car_connected}

    def do_turn_on(self, params: Params) -> None:
        self.on = True

    def do_turn_off(self, params: Params) -> None:
        self.on = False

    def connect_car(self, connected: bool) -> None:
        """The car was plugged in (True) or unplugged (False)."""
        self.car_connected = connected

    def step(self, dt: float) -> None:
        self.energy_kwh += self.power_kw * dt / 3600.0

    def entities(self, topics: Topics) -> list[Entity]:
        return [
            Entity("switch", self.id, None, {
                "command_topic": topics.command(), "state_topic": topics.state,
                "value_template": template("state"), "payload_on": "ON", "payload_off": "OFF",
                "state_on": "ON", "state_off": "OFF", "optimistic": False}),
            Entity("sensor", "power", "Power", {
                "state_topic": topics.state, "value_template": template("power_kw"), "device_class": "power",
                "state_class": "measurement", "unit_of_measurement": "kW"}),
            Entity("sensor", "energy", "Energy", {
                "state_topic": topics.state, "value_template": template("energy_kwh"),
                "device_class": "energy", "state_class": "total_increasing", "unit_of_measurement": "kWh"}),
        ]
