"""Keys and the actions they trigger; one table feeds the key handling and the F1 help.

Key names are pygame's (`pygame.key.name`): "up", "w", "f1", "escape", "tab", "left", ...; the
window adds "ctrl+" for a key pressed with Ctrl ("ctrl+q"). Clickable controls name the same
actions, so a click and a key do the same thing. While the PIN keypad is open, digits, Backspace
and Enter are its keys (context "keypad").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.commands import ApplyProfile, EnterPin, PresentKeyFob, SetSignal
from cockpit.core.facts import FOB_SLOTS
from cockpit.core.text import Text
from cockpit.i18n import N_
from cockpit.ui.model import UiModel
from cockpit.view import CockpitView

if TYPE_CHECKING:
    from cockpit.ui.talk import Talk

PEDAL_PERCENT = {"accelerate": (sig.ACCELERATOR, 70), "brake": (sig.BRAKE, 80)}
GEARS = {"gear_p": sig.GEAR_PARK, "gear_r": sig.GEAR_REVERSE, "gear_n": sig.GEAR_NEUTRAL,
         "gear_d": sig.GEAR_DRIVE}
FAN_STEPS = (0, 25, 50, 75, 100)
HEAT_STEPS = (0, 33, 67, 100)
PIN_DIGITS = (4, 8)  # the shortest and longest PIN the keypad takes


@dataclass(frozen=True, slots=True)
class Binding:
    """Keys (pygame names) for one action, how the help shows them, and what it does.

    `context` "panel" marks keys the active tab's panel may claim for its own list (a carousel, a
    grid of tiles); when it does not, the key does its global action, if it has one.
    """

    keys: tuple[str, ...]
    actions: tuple[str, ...]
    label: str
    help: str
    context: str = ""  # "panel" or "keypad": keys those claim while they are on screen


BINDINGS: tuple[Binding, ...] = (
    Binding(("up", "w"), ("accelerate",), "↑ / W", N_("Accelerator (hold)")),
    Binding(("down", "s"), ("brake",), "↓ / S", N_("Brake (hold)")),
    Binding(("p", "r", "n", "d"), ("gear_p", "gear_r", "gear_n", "gear_d"), "P R N D", N_("Select gear")),
    Binding(("left", "q"), ("turn_left",), "← / Q", N_("Left turn signal")),
    Binding(("right", "e"), ("turn_right",), "→ / E", N_("Right turn signal")),
    Binding(("t", "g"), ("driver_temp_up", "driver_temp_down"), "T / G", N_("Driver temperature up / down")),
    Binding(("o", "l"), ("passenger_temp_up", "passenger_temp_down"), "O / L",
            N_("Passenger temperature up / down")),
    Binding(("f",), ("fan",), "F", N_("Fan speed")),
    Binding(("a",), ("ac",), "A", N_("Air conditioning on / off")),
    Binding(("h",), ("seat_heat",), "H", N_("Seat heating")),
    Binding(("j",), ("steering_heat",), "J", N_("Steering wheel heating")),
    Binding(("v",), ("theme",), "V", N_("Night / day theme")),
    Binding(("u",), ("units",), "U", N_("Metric / imperial units")),
    Binding(("tab",), ("next_tab",), "Tab", N_("Next centre tab")),
    Binding(("1", "2", "3", "4"), ("fob:1", "fob:2", "fob:3", "fob:4"), "1 – 4",
            N_("Key fobs 1 – 4: that driver's profile (unknown: guest)")),
    Binding(("space",), ("talk",), N_("Space"),
            N_("Push to talk: type, Enter sends; driving: ↑ ↓ pick a phrase")),
    Binding(("left", "right", "up", "down"), ("prev", "next", "up", "down"), "← → ↑ ↓",
            N_("Profiles, Home, Navigation tabs: select (W S Q E still drive)"), "panel"),
    Binding(("return", "enter"), ("activate", "activate"), N_("Enter"),
            N_("Apply the profile, switch the device, set the destination"), "panel"),
    Binding(("c",), ("changes",), "C", N_("What changed at the last change of driver")),
    Binding((*"0123456789", "backspace"), (*(f"pin:{digit}" for digit in "0123456789"), "pin:back"),
            "0 – 9", N_("PIN keypad: digits, Backspace deletes, Enter confirms"), "keypad"),
    Binding(("f1",), ("help",), "F1", N_("Show / hide these keys")),
    Binding(("escape",), ("close",), "Esc", N_("Close the help, the keypad or the drawer")),
    Binding(("ctrl+q",), ("quit",), "Ctrl+Q", N_("Quit (asks first when not parked)")),
)



def _key_actions() -> dict[str, str]:
    """Key name to action: keys share one action, or pair up with as many actions."""
    table: dict[str, str] = {}
    for binding in BINDINGS:
        if binding.context:
            continue
        actions = binding.actions if len(binding.actions) > 1 else binding.actions * len(binding.keys)
        table.update(zip(binding.keys, actions, strict=True))
    return table


def _context_keys(context: str) -> dict[str, str]:
    return {key: action for binding in BINDINGS if binding.context == context
            for key, action in zip(binding.keys, binding.actions, strict=True)}


KEY_ACTIONS: dict[str, str] = _key_actions()
PANEL_KEYS: dict[str, str] = _context_keys("panel")
KEYPAD_KEYS: dict[str, str] = {**_context_keys("keypad"), "return": "pin:enter", "enter": "pin:enter"}
KEY_NAMES: frozenset[str] = frozenset(KEY_ACTIONS) | frozenset(PANEL_KEYS) | frozenset(KEYPAD_KEYS)


class Controls:
    """Turns actions into cockpit commands (source USER), submitted through the read model, or into
    dashboard changes."""

    def __init__(self, cockpit: CockpitView, model: UiModel, talk: Talk | None = None) -> None:
        self.cockpit = cockpit
        self.model = model
        self.talk = talk
        self.quit_requested = False

    def press(self, action: str) -> None:
        """Do what `action` asks; refused commands reach the driver as toasts via the model."""
        if action in PEDAL_PERCENT:
            path, percent = PEDAL_PERCENT[action]
            self.cockpit.submit(SetSignal(path, percent))
        elif action in GEARS:
            self.cockpit.submit(SetSignal(sig.SELECTED_GEAR, GEARS[action]))
        elif action.startswith("tab:"):
            self.model.tab = action.removeprefix("tab:")
        elif ":" in action:
            self._part(*action.split(":", 1))
        elif action.endswith(("_up", "_down")):
            self._temperature(sig.DRIVER_TEMP if action.startswith("driver") else sig.PASSENGER_TEMP,
                              1 if action.endswith("_up") else -1)
        else:
            self._simple(action)

    def request_quit(self) -> None:
        """Ctrl+Q or the window's close button: quit when parked; otherwise ask once first."""
        if self.cockpit.parked or self.model.quit_asked:
            self.quit_requested = True
        else:
            self.model.quit_asked = True

    def _temperature(self, path: str, steps: int) -> None:
        """One step in the driver's unit (1 °F, 0.5 °C); at the end of the range, say so."""
        fahrenheit = self.cockpit.value(sig.TEMPERATURE_UNIT) == "F"
        wanted = units.setpoint_step(float(self.cockpit.target(path)), fahrenheit, steps)
        spec = sig.CATALOGUE[path]
        low, high = spec.minimum or wanted, spec.maximum or wanted
        if not low <= wanted <= high:
            limit = units.setpoint_text(high if steps > 0 else low, fahrenheit)
            words = "The highest setting is {limit}" if steps > 0 else "The lowest setting is {limit}"
            self.model.toast(Text(words, limit=limit))
            return
        self.cockpit.submit(SetSignal(path, wanted))

    def _pin(self, key: str) -> None:
        """A key of the PIN keypad: a digit, back, enter or close."""
        model, pin = self.model, self.cockpit.pin
        if key == "close" or pin is None:
            model.close_keypad()
        elif key == "back":
            model.pin_digits = model.pin_digits[:-1]
        elif key == "enter":
            if len(model.pin_digits) >= PIN_DIGITS[0]:
                digits, model.pin_digits = model.pin_digits, ""
                self.cockpit.submit(EnterPin(digits, pin.profile_id))
        elif key.isdigit() and len(model.pin_digits) < PIN_DIGITS[1]:
            model.pin_digits += key

    def release(self, action: str) -> None:
        """Key up: pedals return to zero."""
        if action in PEDAL_PERCENT:
            self.cockpit.submit(SetSignal(PEDAL_PERCENT[action][0], 0))

    def _part(self, kind: str, argument: str) -> None:
        """Actions on the other parts: key fobs, profiles, home devices, saved places."""
        if kind == "profile":
            self.cockpit.submit(ApplyProfile(argument))
        elif kind == "cursor":
            tab, _, index = argument.partition(":")
            self.model.cursor[tab] = int(index)
        elif kind == "pin":
            self._pin(argument)
        elif kind == "fob":
            if not self.cockpit.drivers_loaded:
                self.model.toast(Text("Still starting up"), "info")
                return
            self.cockpit.submit(PresentKeyFob(FOB_SLOTS[int(argument)]))
        elif kind == "home":
            from cockpit.ui.home_view import press_tile

            press_tile(self.cockpit, argument)
        elif kind == "place":
            from cockpit.ui.panels.navigation import set_destination

            set_destination(self.cockpit, int(argument))
        else:
            raise ValueError(f"unknown action {kind}:{argument}")

    def _simple(self, action: str) -> None:
        value = self.cockpit.value
        if action in ("turn_left", "turn_right"):
            mine, other = (sig.TURN_LEFT, sig.TURN_RIGHT) if action == "turn_left" else (sig.TURN_RIGHT,
                                                                                      sig.TURN_LEFT)
            on = not value(mine)
            if on and value(other):
                self.cockpit.submit(SetSignal(other, False))
            self.cockpit.submit(SetSignal(mine, on))
        elif action == "fan":
            self.cockpit.submit(SetSignal(sig.DRIVER_FAN, _next(FAN_STEPS, int(value(sig.DRIVER_FAN)))))
        elif action == "ac":
            self.cockpit.submit(SetSignal(sig.AC, not value(sig.AC)))
        elif action in ("seat_heat", "steering_heat"):
            path = sig.SEAT_HEAT if action == "seat_heat" else sig.STEERING_HEAT
            self.cockpit.submit(SetSignal(path, _next(HEAT_STEPS, int(value(path)))))
        elif action == "theme":
            night = value(sig.DAY_NIGHT) == "NIGHT"
            self.cockpit.submit(SetSignal(sig.DAY_NIGHT, "DAY" if night else "NIGHT"))
        elif action == "units":
            imperial = value(sig.DISTANCE_UNIT) == "KILOMETERS"
            self.cockpit.submit(SetSignal(sig.DISTANCE_UNIT, "MILES" if imperial else "KILOMETERS"))
            self.cockpit.submit(SetSignal(sig.TEMPERATURE_UNIT, "F" if imperial else "C"))
        elif action == "next_tab":
            self.model.next_tab()
        elif action == "talk":
            if self.talk is not None:
                self.talk.start()
        elif action == "help":
            self.model.help_visible = not self.model.help_visible
        elif action == "changes":
            self.model.changes_visible = not self.model.changes_visible
        elif action == "close":
            self.model.close_top()
        elif action == "quit":
            self.request_quit()
        else:
            raise ValueError(f"unknown action {action!r}")


def _next(steps: tuple[int, ...], current: int) -> int:
    """The step after the highest one not above `current`, wrapping to the first."""
    index = max((i for i, step in enumerate(steps) if step <= current), default=-1)
    return steps[(index + 1) % len(steps)]
