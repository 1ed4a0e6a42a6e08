"""A garage door: a cover that takes about 12 s to travel, can be stopped, and reverses on obstruction."""

from __future__ import annotations

from typing import Any, ClassVar

from cockpit.home.devices.base import Device, Params, Reading, Topics, template
from cockpit.home.discovery import Entity


class GarageDoor(Device):
    """Position 0 (closed) .. 100 (open); states closed, opening, open, closing, stopped."""

    kind: ClassVar[str] = "garage_door"
    model: ClassVar[str] = "Simulated garage door opener"
    actions: ClassVar[tuple[str, ...]] = ("open", "close", "stop")
    words: ClassVar[dict[str, str]] = {"OPEN": "open", "CLOSE": "close", "STOP": "stop"}
    reports: ClassVar[dict[str, Reading]] = {
        "state": Reading(words=("open", "opening", "closed", "closing", "stopped")),
        "position": Reading(low=0, high=100), "obstructed": Reading(flag=True)}

    def __init__(self, device_id: str, name: str, room: str | None = None, travel_s: float = 12.0) -> None:
        super().__init__(device_id, name, room)
        self.travel_s = travel_s
        self.position = 0.0
        self.direction = 0  # +1 opening, -1 closing, 0 still
        self.obstructed = False

    def state(self) -> dict[str, Any]:
        if self.direction > 0:
            state = "opening"
        elif self.direction < 0:
            state = "closing"
        elif self.position <= 0:
            state = "closed"
        elif self.position >= 100:
            state = "open"
        else:
            state = "stopped"
        return {"state": state, "position": round(self.position), "obstructed": self.obstructed}

    def do_open(self, params: Params) -> None:
        self.direction = 1 if self.position < 100 else 0

    def do_close(self, params: Params) -> None:
        self.direction = -1 if self.position > 0 else 0
        self.obstructed = False

    def do_stop(self, params: Params) -> None:
        self.direction = 0

    def obstruct(self) -> None:
        """Something is in the way (the light barrier): a closing door stops and opens again."""
        self.obstructed = True
        if self.direction < 0:
            self.direction = 1

    def step(self, dt: float) -> None:
        if not self.direction:
            return
        self.position = min(100.0, max(0.0, self.position + self.direction * 100.0 * dt / self.travel_s))
        if self.position in (0.0, 100.0):
            self.direction = 0

    def entities(self, topics: Topics) -> list[Entity]:
        return [
            Entity("cover", self.id, None, {
                "device_class": "garage", "command_topic": topics.command(), "state_topic": topics.state,
                "value_template": template("state"), "position_topic": topics.state,
                "position_template": template("position"),
                "payload_open": "OPEN", "payload_close": "CLOSE", "payload_stop": "STOP",
                "state_open": "open", "state_opening": "opening", "state_closed": "closed",
                "state_closing": "closing", "state_stopped": "stopped", "optimistic": False}),
            Entity("binary_sensor", "obstruction", "Obstruction", {
                "device_class": "problem", "state_topic": topics.state,
                "value_template": "{{ 'ON' if value_json.obstructed else 'OFF' }}",
                "payload_on": "ON", "payload_off": "OFF"}),
        ]
