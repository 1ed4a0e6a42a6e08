"""What a key or a click asks the dashboard to do: small immutable actions, each doing its own thing.

A key binding (cockpit.ui.keys), a widget's `click()` and a panel's `key()` all name an `Action`;
`Controls.press(action)` calls `action.do(controls)`, which submits cockpit commands (source
USER) through the read model or changes the dashboard's own state. A held key calls `release()`
when it comes up (pedals go back to zero).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.commands import ApplyProfile, EnterPin, PlugCable, PresentKeyFob, SetSignal
from cockpit.core.facts import FOB_SLOTS
from cockpit.core.text import Text
from cockpit.i18n import N_

if TYPE_CHECKING:
    from cockpit.ui.keys import Controls

FAN_STEPS = (0, 25, 50, 75, 100)
HEAT_STEPS = (0, 33, 67, 100)
PIN_DIGITS = (4, 8)  # the shortest and longest PIN the keypad takes


class Move(Enum):
    """A list key the active panel may claim (its carousel, its grid of tiles)."""

    PREV = "prev"
    NEXT = "next"
    UP = "up"
    DOWN = "down"
    ACTIVATE = "activate"


class Action:
    """Base of every action."""

    __slots__ = ()

    def do(self, ui: Controls) -> None:
        raise NotImplementedError

    def release(self, ui: Controls) -> None:
        """The key that asked for this action came up (nothing, for most actions)."""


# --- driving -----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Pedal(Action):
    """Hold the accelerator or the brake at `percent` while the key is down."""

    path: str
    percent: int

    def do(self, ui: Controls) -> None:
        ui.cockpit.submit(SetSignal(self.path, self.percent))

    def release(self, ui: Controls) -> None:
        ui.cockpit.submit(SetSignal(self.path, 0))


@dataclass(frozen=True, slots=True)
class SelectGear(Action):
    gear: int  # sig.GEAR_PARK, GEAR_REVERSE, GEAR_NEUTRAL or GEAR_DRIVE

    def do(self, ui: Controls) -> None:
        ui.cockpit.submit(SetSignal(sig.SELECTED_GEAR, self.gear))


@dataclass(frozen=True, slots=True)
class Indicate(Action):
    """Toggle one turn signal; switching it on switches the other one off."""

    path: str  # sig.TURN_LEFT or sig.TURN_RIGHT

    def do(self, ui: Controls) -> None:
        other = sig.TURN_RIGHT if self.path == sig.TURN_LEFT else sig.TURN_LEFT
        on = not ui.cockpit.value(self.path)
        if on and ui.cockpit.value(other):
            ui.cockpit.submit(SetSignal(other, False))
        ui.cockpit.submit(SetSignal(self.path, on))


# --- the cabin ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Warmer(Action):
    """A temperature setpoint `steps` steps up (> 0) or down in the driver's unit: 1 °F or 0.5 °C,
    so the number shown changes on every press; at the end of the range a toast says so."""

    path: str
    steps: int = 1

    def do(self, ui: Controls) -> None:
        fahrenheit = ui.cockpit.value(sig.TEMPERATURE_UNIT) == "F"
        wanted = units.setpoint_step(float(ui.cockpit.target(self.path)), fahrenheit, self.steps)
        spec = sig.CATALOGUE[self.path]
        low, high = spec.minimum or wanted, spec.maximum or wanted
        if low <= wanted <= high:
            ui.cockpit.submit(SetSignal(self.path, wanted))
            return
        words = N_("The highest setting is {limit}") if self.steps > 0 else N_(
            "The lowest setting is {limit}")
        limit = units.setpoint_text(high if self.steps > 0 else low, fahrenheit)
        ui.model.toast(Text(words, limit=limit))


@dataclass(frozen=True, slots=True)
class NextLevel(Action):
    """The next of a control's levels (fan speed, seat heating), back to the first after the last."""

    path: str
    levels: tuple[int, ...]

    def do(self, ui: Controls) -> None:
        current = int(ui.cockpit.value(self.path))
        index = max((i for i, level in enumerate(self.levels) if level <= current), default=-1)
        ui.cockpit.submit(SetSignal(self.path, self.levels[(index + 1) % len(self.levels)]))


@dataclass(frozen=True, slots=True)
class Switch(Action):
    """Turn an on/off control the other way (air conditioning)."""

    path: str

    def do(self, ui: Controls) -> None:
        ui.cockpit.submit(SetSignal(self.path, not ui.cockpit.value(self.path)))


@dataclass(frozen=True, slots=True)
class DayOrNight(Action):
    def do(self, ui: Controls) -> None:
        night = ui.cockpit.value(sig.DAY_NIGHT) == "NIGHT"
        ui.cockpit.submit(SetSignal(sig.DAY_NIGHT, "DAY" if night else "NIGHT"))


@dataclass(frozen=True, slots=True)
class MetricOrImperial(Action):
    def do(self, ui: Controls) -> None:
        imperial = ui.cockpit.value(sig.DISTANCE_UNIT) == "KILOMETERS"
        ui.cockpit.submit(SetSignal(sig.DISTANCE_UNIT, "MILES" if imperial else "KILOMETERS"))
        ui.cockpit.submit(SetSignal(sig.TEMPERATURE_UNIT, "F" if imperial else "C"))


# --- drivers, places, the home -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PresentFob(Action):
    slot: int  # 1..4

    def do(self, ui: Controls) -> None:
        if not ui.cockpit.drivers_loaded:
            ui.model.toast(Text("Still starting up"), "info")
            return
        ui.cockpit.submit(PresentKeyFob(FOB_SLOTS[self.slot]))


@dataclass(frozen=True, slots=True)
class ApplyDriver(Action):
    profile_id: str

    def do(self, ui: Controls) -> None:
        ui.cockpit.submit(ApplyProfile(self.profile_id))


@dataclass(frozen=True, slots=True)
class PressTile(Action):
    """A home tile: its device's main action."""

    device_id: str

    def do(self, ui: Controls) -> None:
        from cockpit.ui.home_view import press_tile

        press_tile(ui.cockpit, self.device_id)


@dataclass(frozen=True, slots=True)
class GoTo(Action):
    """The active driver's saved place number `index` becomes the destination."""

    index: int

    def do(self, ui: Controls) -> None:
        from cockpit.ui.panels.navigation import set_destination

        set_destination(ui.cockpit, self.index)


# --- the dashboard itself ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ShowTab(Action):
    tab: str

    def do(self, ui: Controls) -> None:
        ui.model.tab = self.tab


@dataclass(frozen=True, slots=True)
class NextTab(Action):
    def do(self, ui: Controls) -> None:
        ui.model.next_tab()


@dataclass(frozen=True, slots=True)
class Select(Action):
    """Move a tab's list selection (the carousel's card, a home tile, a saved place)."""

    tab: str
    index: int

    def do(self, ui: Controls) -> None:
        ui.model.cursor[self.tab] = self.index


@dataclass(frozen=True, slots=True)
class Talk(Action):
    def do(self, ui: Controls) -> None:
        if ui.talk is not None:
            ui.talk.start()


@dataclass(frozen=True, slots=True)
class KeyHelp(Action):
    def do(self, ui: Controls) -> None:
        ui.model.help_visible = not ui.model.help_visible


@dataclass(frozen=True, slots=True)
class Quit(Action):
    """Ctrl+Q, the window's close button or the quit question's button: quits when parked, asks
    once first otherwise."""

    def do(self, ui: Controls) -> None:
        ui.request_quit()


@dataclass(frozen=True, slots=True)
class Nothing(Action):
    """A click an overlay takes without doing anything (inside the "What changed" drawer)."""

    def do(self, ui: Controls) -> None:
        pass


NOTHING = Nothing()


@dataclass(frozen=True, slots=True)
class Close(Action):
    """Esc: close the topmost overlay (the quit question, the keypad, the drawer, the help)."""

    def do(self, ui: Controls) -> None:
        ui.model.close_top()


@dataclass(frozen=True, slots=True)
class WhatChanged(Action):
    """Open or close the "What changed" drawer."""

    def do(self, ui: Controls) -> None:
        ui.model.changes_visible = not ui.model.changes_visible


@dataclass(frozen=True, slots=True)
class PinKey(Action):
    """A key of the PIN keypad: a digit, "back", "enter" (sends 4 to 8 digits) or "close"."""

    key: str

    def do(self, ui: Controls) -> None:
        model, pin = ui.model, ui.cockpit.pin
        if self.key == "close" or pin is None:
            model.close_keypad()
        elif self.key == "back":
            model.pin_digits = model.pin_digits[:-1]
        elif self.key == "enter":
            if len(model.pin_digits) >= PIN_DIGITS[0]:
                digits, model.pin_digits = model.pin_digits, ""
                ui.cockpit.submit(EnterPin(digits, pin.profile_id))
        elif self.key.isdigit() and len(model.pin_digits) < PIN_DIGITS[1]:
            model.pin_digits += self.key


@dataclass(frozen=True, slots=True)
class Cable(Action):
    """Plug the charging cable in (at the home wallbox inside the home's geofence, else a public
    charger) or pull it out."""

    def do(self, ui: Controls) -> None:
        if ui.cockpit.value(sig.CABLE_CONNECTED):
            ui.cockpit.submit(PlugCable(False))
            return
        zone = ui.cockpit.zone
        ui.cockpit.submit(PlugCable(True, "home" if zone is not None and zone.inside else "public"))
