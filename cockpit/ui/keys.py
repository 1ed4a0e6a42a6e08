"""Keys and the actions they trigger; one table feeds the key handling and the F1 help.

Key names are pygame's (`pygame.key.name`): "up", "w", "f1", "escape", "tab", "left", ...; the
window adds "ctrl+" for a key pressed with Ctrl ("ctrl+q"). Clickable controls name the same
actions (cockpit.ui.actions), so a click and a key do the same thing. While the PIN keypad is
open, digits, Backspace and Enter are its keys (`KEYPAD_KEYS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from cockpit.core import signals as sig
from cockpit.i18n import N_
from cockpit.ui.actions import (
    FAN_STEPS,
    HEAT_STEPS,
    Action,
    Cable,
    Close,
    DayOrNight,
    Indicate,
    KeyHelp,
    MetricOrImperial,
    Move,
    NextLevel,
    NextTab,
    Pedal,
    PinKey,
    PresentFob,
    Quit,
    SelectGear,
    Switch,
    Talk,
    Warmer,
    WhatChanged,
)
from cockpit.ui.map_view import FOLLOW, ZOOM_IN, ZOOM_OUT, Pan
from cockpit.ui.media_view import (
    SEEK_STEP_S,
    VOLUME_STEP,
    Louder,
    Mute,
    NextSource,
    PlayPause,
    Repeat,
    Seek,
    Shuffle,
    Skip,
)
from cockpit.ui.model import UiModel
from cockpit.view import CockpitView

if TYPE_CHECKING:
    from cockpit.ui.talk import Talk as PushToTalk

ACCELERATE, BRAKE = Pedal(sig.ACCELERATOR, 70), Pedal(sig.BRAKE, 80)
FAN = NextLevel(sig.DRIVER_FAN, FAN_STEPS)
AC = Switch(sig.AC)
SEAT_HEAT, STEERING_HEAT = NextLevel(sig.SEAT_HEAT, HEAT_STEPS), NextLevel(sig.STEERING_HEAT, HEAT_STEPS)


@dataclass(frozen=True, slots=True)
class Binding:
    """Keys (pygame names) for one action, how the help shows them, and what they do.

    Keys share one action, or pair up with as many actions. `moves` marks keys the active tab's
    panel may claim for its own list (a carousel, a grid of tiles); when it does not, the key does
    its global action, if it has one.
    """

    keys: tuple[str, ...]
    label: str
    help: str
    actions: tuple[Action, ...] = ()
    moves: tuple[Move, ...] = ()
    keypad: tuple[PinKey, ...] = ()  # keys the PIN keypad takes while it is open


BINDINGS: tuple[Binding, ...] = (
    Binding(("up", "w"), "↑ / W", N_("Accelerator (hold)"), (ACCELERATE,)),
    Binding(("down", "s"), "↓ / S", N_("Brake (hold)"), (BRAKE,)),
    Binding(("p", "r", "n", "d"), "P R N D", N_("Select gear"),
            tuple(SelectGear(gear) for gear in (sig.GEAR_PARK, sig.GEAR_REVERSE, sig.GEAR_NEUTRAL,
                                                sig.GEAR_DRIVE))),
    Binding(("left", "q"), "← / Q", N_("Left turn signal"), (Indicate(sig.TURN_LEFT),)),
    Binding(("right", "e"), "→ / E", N_("Right turn signal"), (Indicate(sig.TURN_RIGHT),)),
    Binding(("t", "g"), "T / G", N_("Driver temperature up / down"),
            (Warmer(sig.DRIVER_TEMP, 1), Warmer(sig.DRIVER_TEMP, -1))),
    Binding(("o", "l"), "O / L", N_("Passenger temperature up / down"),
            (Warmer(sig.PASSENGER_TEMP, 1), Warmer(sig.PASSENGER_TEMP, -1))),
    Binding(("f",), "F", N_("Fan speed"), (FAN,)),
    Binding(("a",), "A", N_("Air conditioning on / off"), (AC,)),
    Binding(("h",), "H", N_("Seat heating"), (SEAT_HEAT,)),
    Binding(("j",), "J", N_("Steering wheel heating"), (STEERING_HEAT,)),
    Binding(("v",), "V", N_("Night / day theme"), (DayOrNight(),)),
    Binding(("u",), "U", N_("Metric / imperial units"), (MetricOrImperial(),)),
    Binding(("k",), "K", N_("Play / pause"), (PlayPause(),)),
    Binding((",", "."), ", .", N_("Previous / next track or station"),
            (Skip(forward=False), Skip(forward=True))),
    Binding(("-", "="), "- =", N_("Volume down / up"), (Louder(-VOLUME_STEP), Louder(VOLUME_STEP))),
    Binding(("m",), "M", N_("Mute"), (Mute(),)),
    Binding(("b",), "B", N_("Next media source (FM, DAB, Internet, Library)"), (NextSource(),)),
    Binding(("[", "]"), "[ ]", N_("Back / forward 10 seconds"), (Seek(-SEEK_STEP_S), Seek(SEEK_STEP_S))),
    Binding(("x", "y"), "X Y", N_("Shuffle, repeat"), (Shuffle(), Repeat())),
    Binding(("shift+left", "shift+right", "shift+up", "shift+down"), "⇧ ← → ↑ ↓", N_("Pan the map"),
            (Pan(-1, 0), Pan(1, 0), Pan(0, 1), Pan(0, -1))),
    Binding(("page up", "page down", "home"), "PgUp PgDn Home", N_("Zoom the map in / out, follow the car"),
            (ZOOM_IN, ZOOM_OUT, FOLLOW)),
    Binding(("c",), "C", N_("Plug the charging cable in / out (parked)"), (Cable(),)),
    Binding(("tab",), "Tab", N_("Next centre tab"), (NextTab(),)),
    Binding(("1", "2", "3", "4"), "1 – 4",
            N_("Key fobs 1 – 4: that driver's profile (unknown: guest)"),
            tuple(PresentFob(slot) for slot in range(1, 5))),
    Binding(("space",), N_("Space"),
            N_("Push to talk: type, Enter sends; driving: ↑ ↓ pick a phrase"), (Talk(),)),
    Binding(("left", "right", "up", "down"), "← → ↑ ↓",
            N_("Tabs: select; charging: the target; R: steer (W S Q E still drive)"),
            moves=(Move.PREV, Move.NEXT, Move.UP, Move.DOWN)),
    Binding(("return", "enter"), N_("Enter"),
            N_("Apply the profile, switch the device, set the destination, play"),
            moves=(Move.ACTIVATE, Move.ACTIVATE)),
    Binding(("i",), "I", N_("What changed at the last change of driver"), (WhatChanged(),)),
    Binding((*"0123456789", "backspace"), "0 – 9",
            N_("PIN keypad: digits, Backspace deletes, Enter confirms"),
            keypad=(*(PinKey(digit) for digit in "0123456789"), PinKey("back"))),
    Binding(("f1",), "F1", N_("Show / hide these keys"), (KeyHelp(),)),
    Binding(("escape",), "Esc", N_("Close the help, the keypad or the drawer"), (Close(),)),
    Binding(("ctrl+q",), "Ctrl+Q", N_("Quit (asks first when not parked)"), (Quit(),)),
)


T = TypeVar("T")


def _paired(keys: tuple[str, ...], things: tuple[T, ...]) -> list[tuple[str, T]]:
    """Keys that share one thing, or pair up with as many things."""
    return list(zip(keys, things if len(things) > 1 else things * len(keys), strict=True))


KEY_ACTIONS: dict[str, Action] = {key: action for binding in BINDINGS if binding.actions
                                  for key, action in _paired(binding.keys, binding.actions)}
PANEL_KEYS: dict[str, Move] = {key: move for binding in BINDINGS if binding.moves
                               for key, move in _paired(binding.keys, binding.moves)}
KEYPAD_KEYS: dict[str, PinKey] = {**{key: pin for binding in BINDINGS if binding.keypad
                                     for key, pin in _paired(binding.keys, binding.keypad)},
                                  "return": PinKey("enter"), "enter": PinKey("enter")}
KEY_NAMES: frozenset[str] = frozenset(KEY_ACTIONS) | frozenset(PANEL_KEYS) | frozenset(KEYPAD_KEYS)


class Controls:
    """Carries out actions: cockpit commands (source USER) through the read model, or changes of
    the dashboard's own state; `quit_requested` once quitting was asked for (and confirmed)."""

    def __init__(self, cockpit: CockpitView, model: UiModel, talk: PushToTalk | None = None) -> None:
        self.cockpit = cockpit
        self.model = model
        self.talk = talk
        self.quit_requested = False

    def press(self, action: Action) -> None:
        """Do what `action` asks; refused commands reach the driver as toasts via the read model."""
        action.do(self)

    def release(self, action: Action) -> None:
        """The key of `action` came up: held pedals return to zero."""
        action.release(self)

    def request_quit(self) -> None:
        """Quit when parked; otherwise ask once first ("Quit the cockpit? Enter / Esc")."""
        if self.cockpit.parked or self.model.quit_asked:
            self.quit_requested = True
        else:
            self.model.quit_asked = True
