"""Keys and the actions they trigger; one table feeds the key handling and the F1 help.

Key names are pygame's (`pygame.key.name`): "up", "w", "f1", "escape", "tab", "left", ...
Clickable controls name the same actions, so a click and a key do the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cockpit.core import signals as sig
from cockpit.core.commands import AdjustSignal, ApplyProfile, PresentKeyFob, SetSignal
from cockpit.core.facts import FOB_SLOTS
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
TEMP_STEP = 0.5


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
    context: str = ""


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
    Binding(("k",), ("media:toggle",), "K", N_("Play / pause")),
    Binding((",", "."), ("media:previous", "media:next"), ", .", N_("Previous / next track or station")),
    Binding(("-", "="), ("media:volume:down", "media:volume:up"), "- =", N_("Volume down / up")),
    Binding(("m",), ("media:mute",), "M", N_("Mute")),
    Binding(("b",), ("media:source",), "B", N_("Next media source (FM, DAB, Internet, Library)")),
    Binding(("[", "]"), ("media:seek:back", "media:seek:forward"), "[ ]", N_("Back / forward 10 seconds")),
    Binding(("x", "y"), ("media:shuffle", "media:repeat"), "X Y", N_("Shuffle, repeat")),
    Binding(("tab",), ("next_tab",), "Tab", N_("Next centre tab")),
    Binding(("1", "2", "3", "4"), ("fob:1", "fob:2", "fob:3", "fob:4"), "1 – 4",
            N_("Present key fob 1 – 4: its driver's profile (an unknown fob: guest)")),
    Binding(("space",), ("talk",), N_("Space"),
            N_("Push to talk: type, Enter sends, Esc cancels; driving: ↑ ↓ pick a phrase")),
    Binding(("left", "right", "up", "down"), ("prev", "next", "up", "down"), "← → ↑ ↓",
            N_("Profiles, Home, Navigation, Media tabs: select (W S Q E still drive)"), "panel"),
    Binding(("return", "enter"), ("activate", "activate"), N_("Enter"),
            N_("Apply the profile, switch the device, set the destination, play"), "panel"),
    Binding(("f1",), ("help",), "F1", N_("Show / hide these keys")),
    Binding(("escape",), ("quit",), "Esc", N_("Quit")),
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


KEY_ACTIONS: dict[str, str] = _key_actions()
PANEL_KEYS: dict[str, str] = {key: action for binding in BINDINGS if binding.context == "panel"
                              for key, action in zip(binding.keys, binding.actions, strict=True)}


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
            path = sig.DRIVER_TEMP if action.startswith("driver") else sig.PASSENGER_TEMP
            self.cockpit.submit(AdjustSignal(path, TEMP_STEP if action.endswith("_up") else -TEMP_STEP))
        else:
            self._simple(action)

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
        elif kind == "fob":
            if not self.cockpit.drivers_loaded:
                self.model.toast("Still starting up", "info")
                return
            self.cockpit.submit(PresentKeyFob(FOB_SLOTS[int(argument)]))
        elif kind == "home":
            from cockpit.ui.home_view import press_tile

            press_tile(self.cockpit, argument)
        elif kind == "media":
            from cockpit.ui.media_view import press_media

            press_media(self.cockpit, self.model, argument)
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
        elif action == "quit":
            self.quit_requested = True
        else:
            raise ValueError(f"unknown action {action!r}")


def _next(steps: tuple[int, ...], current: int) -> int:
    """The step after the highest one not above `current`, wrapping to the first."""
    index = max((i for i, step in enumerate(steps) if step <= current), default=-1)
    return steps[(index + 1) % len(steps)]
