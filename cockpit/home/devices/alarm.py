"""The alarm panel: armed away, armed home or disarmed."""

from __future__ import annotations

from typing import Any, ClassVar

from cockpit.home.devices.base import Device, Params, Reading, Topics, template
from cockpit.home.discovery import Entity


class AlarmPanel(Device):
    """An alarm_control_panel without a code (the simulated home trusts its own network)."""

    kind: ClassVar[str] = "alarm_panel"
    model: ClassVar[str] = "Simulated alarm panel"
    actions: ClassVar[tuple[str, ...]] = ("arm_away", "arm_home", "disarm")
    words: ClassVar[dict[str, str]] = {"ARM_AWAY": "arm_away", "ARM_HOME": "arm_home", "DISARM": "disarm"}
    # Home Assistant's alarm states: the simulation uses the first three
    reports: ClassVar[dict[str, Reading]] = {"state": Reading(words=(
        "disarmed", "armed_away", "armed_home", "armed_night", "armed_vacation", "armed_custom_bypass",
        "arming", "disarming", "pending", "triggered"))}

    def __init__(self, device_id: str, name: str, room: str | None = None) -> None:
        super().__init__(device_id, name, room)
        self.mode = "disarmed"

    def state(self) -> dict[str, Any]:
        return {"state": self.mode}

    def do_arm_away(self, params: Params) -> None:
        self.mode = "armed_away"

    def do_arm_home(self, params: Params) -> None:
        self.mode = "armed_home"

    def do_disarm(self, params: Params) -> None:
        self.mode = "disarmed"

    def entities(self, topics: Topics) -> list[Entity]:
        return [Entity("alarm_control_panel", self.id, None, {
            "command_topic": topics.command(), "state_topic": topics.state,
            "value_template": template("state"),
            "payload_arm_away": "ARM_AWAY", "payload_arm_home": "ARM_HOME", "payload_disarm": "DISARM",
            "code_arm_required": False, "code_disarm_required": False,
            "supported_features": ["arm_home", "arm_away"]})]
