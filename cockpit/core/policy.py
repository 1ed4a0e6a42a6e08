"""The policy: where safety and UX restrictions live.

Each rule looks at one requested signal change and may apply it (possibly with a changed value),
defer it until the car is parked, or reject it with a reason a person can read (a Text: shown in
the driver's language). Rules run in order; the first one with an opinion wins. Other parts add
rules (the vehicle adds its gear interlocks) without the core knowing about them.

A change of driver is decided here too (`decide_switch`), whoever asks - a key fob, the carousel,
the assistant, a scenario, Home Assistant - so one rule covers every producer: a restricted
profile (teen, valet) is never left while moving and is left only with its PIN; a remote switch
needs a parked car. While moving, what the new profile sets for how the instruments read (units,
language, theme, cluster layout, text size) waits until parked with the seat and mirror moves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal, Source
from cockpit.core.outcome import Status
from cockpit.core.signals import SignalSpec, Value
from cockpit.core.text import Text

VIDEO_SOURCES = frozenset({"TV", "DVD"})
BLOCKABLE = ("video", "keyboard", "setup", "phone_dialpad", "text_messages")
# Manual text entry is locked while driving for every driver (NHTSA visual-manual guidelines).
ALWAYS_BLOCKED_WHILE_DRIVING = frozenset({"keyboard"})
WAITS_UNTIL_PARKED = Text("waits until the car is parked")
REMOTE_NEEDS_PARKED = Text("remote commands are accepted only while the car is parked")


class StateView(Protocol):
    """What rules may read: current values and targets, and whether the car is parked."""

    @property
    def parked(self) -> bool: ...

    def value(self, path: str) -> Value: ...

    def target(self, path: str) -> Value: ...


@dataclass(frozen=True, slots=True)
class Verdict:
    """A rule's decision; `value` replaces the requested value when set (e.g. a capped volume)."""

    status: Status
    reason: str = ""
    value: Value | None = None


@dataclass(frozen=True, slots=True)
class Restrictions:
    """Limits that come from the active driver's profile (a teen's speed cap, a valet's volume)."""

    speed_warning_kmh: float | None = None
    speed_cap_kmh: float | None = None
    max_volume: int | None = None
    blocked_while_driving: frozenset[str] = field(default_factory=lambda: frozenset({"video"}))
    restricted: bool = False  # set for this driver by someone else (teen, valet): see decide_switch


Rule = Callable[[SetSignal, SignalSpec, Value, StateView, Restrictions], Verdict | None]


def remote_only_when_parked(command: SetSignal, spec: SignalSpec, value: Value, state: StateView,
                            restrictions: Restrictions) -> Verdict | None:
    """Commands from outside the car (MQTT, Home Assistant) may only touch safe signals while parked."""
    if command.source is not Source.REMOTE:
        return None
    if not spec.remote_allowed:
        return Verdict(Status.REJECTED, Text("this cannot be changed remotely"))
    if not state.parked:
        return Verdict(Status.REJECTED, REMOTE_NEEDS_PARKED)
    return None


def motors_wait_until_parked(command: SetSignal, spec: SignalSpec, value: Value, state: StateView,
                             restrictions: Restrictions) -> Verdict | None:
    """Seats, mirrors and the steering column must not move while driving: the move waits."""
    if spec.while_moving or state.parked:
        return None
    return Verdict(Status.DEFERRED, WAITS_UNTIL_PARKED)


def readings_wait_until_parked(command: SetSignal, spec: SignalSpec, value: Value, state: StateView,
                               restrictions: Restrictions) -> Verdict | None:
    """A profile never changes how the instruments read (units, language, theme, layout, text size)
    under a moving driver: that waits until parked. The driver's own controls act at once."""
    if command.source is not Source.PROFILE or not spec.reading or state.parked:
        return None
    return Verdict(Status.DEFERRED, WAITS_UNTIL_PARKED)


def no_video_while_driving(command: SetSignal, spec: SignalSpec, value: Value, state: StateView,
                           restrictions: Restrictions) -> Verdict | None:
    """Video sources are refused while driving."""
    if spec.path != sig.MEDIA_SOURCE or value not in VIDEO_SOURCES or state.parked:
        return None
    if "video" not in restrictions.blocked_while_driving:
        return None
    return Verdict(Status.REJECTED, Text("video is not available while driving"))


def volume_cap(command: SetSignal, spec: SignalSpec, value: Value, state: StateView,
               restrictions: Restrictions) -> Verdict | None:
    """A profile's maximum volume holds for every request; louder requests are capped."""
    cap = restrictions.max_volume
    if spec.path != sig.VOLUME or cap is None or not isinstance(value, int) or value <= cap:
        return None
    return Verdict(Status.APPLIED, Text("volume limited to {cap} % for this driver", cap=cap), cap)


DEFAULT_RULES: tuple[Rule, ...] = (remote_only_when_parked, motors_wait_until_parked,
                                   readings_wait_until_parked, no_video_while_driving, volume_cap)


@dataclass(frozen=True, slots=True)
class ProfileSwitch:
    """A request to change the driver: who asked, who drives now, whether the PIN was given."""

    source: Source
    leaving: str  # the display name of the driver now; "" when there is none yet
    changes_driver: bool  # False when the active profile is applied again
    pin_verified: bool = False


def decide_switch(switch: ProfileSwitch, state: StateView, restrictions: Restrictions) -> Verdict | None:
    """None when the switch may go ahead; else why not. Leaving a restricted profile without its
    PIN is DEFERRED: the switch waits for the PIN (the profile engine asks for it on the keypad)."""
    if switch.source is Source.REMOTE and not state.parked:
        return Verdict(Status.REJECTED, REMOTE_NEEDS_PARKED)
    if not switch.changes_driver or not restrictions.restricted:
        return None
    if not state.parked:
        return Verdict(Status.REJECTED, Text("{name}'s profile has restrictions: another driver can be "
                                             "chosen once the car is parked", name=switch.leaving))
    if switch.pin_verified:
        return None
    if switch.source is Source.REMOTE:
        return Verdict(Status.REJECTED, Text("leaving {name}'s profile needs the PIN, entered in the car",
                                             name=switch.leaving))
    return Verdict(Status.DEFERRED, Text("enter the PIN to leave {name}'s profile", name=switch.leaving))


class Policy:
    """Decides what a requested signal change may do, given the state and the live restrictions."""

    def __init__(self, rules: tuple[Rule, ...] = DEFAULT_RULES) -> None:
        self._rules: list[Rule] = list(rules)
        self.restrictions = Restrictions()

    def add_rule(self, rule: Rule) -> None:
        """Add a rule after the existing ones."""
        self._rules.append(rule)

    def decide(self, command: SetSignal, spec: SignalSpec, value: Value, state: StateView) -> Verdict:
        """Run the rules in order; with no objection the change is applied as asked."""
        for rule in self._rules:
            verdict = rule(command, spec, value, state, self.restrictions)
            if verdict is not None:
                return verdict
        return Verdict(Status.APPLIED)

    def decide_switch(self, switch: ProfileSwitch, state: StateView) -> Verdict | None:
        """Whether the driver may change now (see `decide_switch`)."""
        return decide_switch(switch, state, self.restrictions)

    def blocks(self, category: str, state: StateView) -> bool:
        """Whether a UI feature (see BLOCKABLE) is blocked right now."""
        if state.parked:
            return False
        return category in ALWAYS_BLOCKED_WHILE_DRIVING or category in self.restrictions.blocked_while_driving
