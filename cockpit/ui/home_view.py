"""What a home tile says about a device and what tapping it does, kept apart from the drawing.

Works on the read model (a HomeDevice and the state it last reported); the tap submits the
device's main action as a HomeCommand through the cockpit, so the policy, the offline queue and
the events apply as for any other command.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cockpit.core import units
from cockpit.core.commands import HomeCommand
from cockpit.core.facts import HomeDevice
from cockpit.i18n import N_
from cockpit.view import CockpitView

THERMOSTAT_MODES = ("off", "heat", "cool", "auto")
WORDS = {
    "open": N_("Open"), "opening": N_("Opening"), "closed": N_("Closed"), "closing": N_("Closing"),
    "stopped": N_("Stopped"), "ON": N_("On"), "OFF": N_("Off"), "LOCKED": N_("Locked"),
    "UNLOCKED": N_("Unlocked"), "LOCKING": N_("Locking"), "UNLOCKING": N_("Unlocking"),
    "JAMMED": N_("Jammed"), "armed_away": N_("Armed away"), "armed_home": N_("Armed home"),
    "disarmed": N_("Disarmed"), "off": N_("Off"), "heat": N_("Heat"), "cool": N_("Cool"),
    "auto": N_("Auto"),
}


@dataclass(frozen=True, slots=True)
class Tile:
    """One device's tile: name, room, main state word, a detail line, a bar and a colour swatch."""

    id: str
    name: str
    room: str
    word: str
    detail: str = ""
    progress: float | None = None
    swatch: tuple[int, int, int] | None = None
    on: bool = False
    known: bool = True


def tile_of(device: HomeDevice, state: Mapping[str, Any], fahrenheit: bool = False) -> Tile:
    """How the home panel shows `device` in `state` (temperatures in the driver's unit); a device that
    never reported shows as waiting."""
    room = device.room or ""
    if not state:
        return Tile(device.id, device.name, room, N_("Waiting for state"), known=False)
    word = str(state.get("state", ""))
    if device.kind == "garage_door":
        position = float(state.get("position", 0))
        detail = N_("Obstructed") if state.get("obstructed") else f"{position:.0f} %"
        return Tile(device.id, device.name, room, word, detail, position / 100, on=word != "closed")
    if device.kind == "light":
        colour = state.get("color") or {}
        swatch = (int(colour.get("r", 255)), int(colour.get("g", 255)), int(colour.get("b", 255)))
        on = word == "ON"
        brightness = round(100 * float(state.get("brightness", 0)) / 255)
        return Tile(device.id, device.name, room, word, f"{brightness} %" if on else "",
                    brightness / 100 if on else None, swatch if on else None, on)
    if device.kind == "thermostat":
        setpoint, current = float(state.get("temperature", 0)), float(state.get("current_temperature", 0))
        shown = units.setpoint_text(setpoint, fahrenheit), units.air_temperature_text(current, fahrenheit)
        detail = " · ".join(shown)
        return Tile(device.id, device.name, room, str(state.get("mode", word)), detail, on=word != "off")
    if device.kind == "ev_charger":
        detail = f"{float(state.get('power_kw', 0)):.1f} kW · {float(state.get('energy_kwh', 0)):.2f} kWh"
        return Tile(device.id, device.name, room, word, detail, on=word == "ON")
    return Tile(device.id, device.name, room, word, on=word in ("UNLOCKED", "disarmed"))


def main_action(device: HomeDevice, reported: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """What tapping the tile asks the device to do (open/close, on/off, lock/unlock, arm/disarm...)."""
    state = reported.get("state")
    kind = device.kind
    if kind == "garage_door":
        return ("close", {}) if state in ("open", "opening") else ("open", {})
    if kind == "lock":
        return ("lock", {}) if state in ("UNLOCKED", "UNLOCKING", "JAMMED") else ("unlock", {})
    if kind == "alarm_panel":
        return ("disarm", {}) if str(state).startswith("armed") else ("arm_away", {})
    if kind == "thermostat":
        mode = str(reported.get("mode", "off"))
        following = THERMOSTAT_MODES[(THERMOSTAT_MODES.index(mode) + 1) % len(THERMOSTAT_MODES)
                                     ] if mode in THERMOSTAT_MODES else "heat"
        return "set_mode", {"mode": following}
    return ("turn_off", {}) if state == "ON" else ("turn_on", {})


def press_tile(view: CockpitView, device_id: str) -> None:
    """The driver tapped a tile: submit its main action (refusals reach the screen as toasts)."""
    device = view.device(device_id)
    if device is None:
        return
    action, params = main_action(device, view.device_states.get(device_id, {}))
    view.submit(HomeCommand(device_id, action, params))
