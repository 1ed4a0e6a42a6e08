"""The cockpit: owns the state and the simulated clock, runs the policy, publishes events.

Producers call `submit(command)`; models call `update(path, value)` for measured values;
the main loop calls `tick(dt)`. `submit` never raises for bad input: it returns a rejected
outcome whose reason says what was wrong, so the app keeps running with what is valid.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from cockpit.core import signals as sig
from cockpit.core.clock import SimClock
from cockpit.core.commands import AdjustSignal, Command, HomeCommand, Listen, SetSignal, Source, Speak
from cockpit.core.confirmation import ConfirmationGate
from cockpit.core.errors import InvalidInput, brief
from cockpit.core.events import (
    CommandApplied,
    CommandDeferred,
    CommandRejected,
    EventBus,
    ListeningChanged,
    RestrictionsChanged,
    SignalChanged,
    SpeechRequested,
)
from cockpit.core.extensions import checked_extensions
from cockpit.core.outcome import Outcome, Status
from cockpit.core.policy import Policy, Restrictions
from cockpit.core.signals import CATALOGUE, Kind, SignalSpec, Value
from cockpit.core.text import Text

logger = logging.getLogger(__name__)

C = TypeVar("C", bound=Command)
CommandHandler = Callable[[C], Outcome]
# Carries out an accepted change of an actuator a part owns: (command, the value the policy allowed).
ActuatorHandler = Callable[[SetSignal, Value], Outcome]
System = Callable[[float], None]

PARKED_SPEED_KMH = 0.5


class Cockpit:
    """State, clock, policy and event bus in one place; knows nothing about pygame or MQTT."""

    def __init__(self, *, clock: SimClock | None = None, policy: Policy | None = None,
                 catalogue: Mapping[str, SignalSpec] = CATALOGUE) -> None:
        self.clock = clock or SimClock()
        self.policy = policy or Policy()
        self.bus = EventBus()
        self._catalogue = catalogue
        self._values: dict[str, Value] = {path: spec.default for path, spec in catalogue.items()}
        self._targets: dict[str, Value] = dict(self._values)
        self._deferred: dict[str, SetSignal] = {}
        self._handlers: dict[type[Command], CommandHandler[Command]] = {}
        self._actuators: dict[str, ActuatorHandler] = {}
        self._systems: list[System] = []
        self.confirmations = ConfirmationGate(self.bus, self.clock)

    # --- reading state -------------------------------------------------------------------
    @property
    def parked(self) -> bool:
        """Gear in P and standing still: the only state in which motors and remote commands act."""
        return (self._values[sig.SELECTED_GEAR] == sig.GEAR_PARK
                and abs(float(self._values[sig.SPEED])) < PARKED_SPEED_KMH)

    @property
    def now(self) -> float:
        return self.clock.now

    def value(self, path: str) -> Value:
        """The current value of a signal; raises UnknownSignal."""
        try:
            return self._values[path]
        except KeyError:
            sig.spec_for(path)
            raise

    def target(self, path: str) -> Value:
        """The value an actuator is moving toward (equal to `value` for everything without a motor)."""
        try:
            return self._targets[path]
        except KeyError:
            sig.spec_for(path)
            raise

    def snapshot(self) -> dict[str, Value]:
        """A copy of every current value, keyed by VSS path."""
        return dict(self._values)

    @property
    def catalogue(self) -> Mapping[str, SignalSpec]:
        """Every signal of this cockpit: the core catalogue and any extension signals added."""
        return self._catalogue

    def spec(self, path: str) -> SignalSpec:
        """The catalogue entry of `path`; raises UnknownSignal."""
        spec = self._catalogue.get(path)
        return spec if spec is not None else sig.spec_for(path)

    def pending(self) -> tuple[SetSignal, ...]:
        """Commands waiting until the car is parked, oldest first."""
        return tuple(self._deferred.values())

    # --- wiring --------------------------------------------------------------------------
    def add_signals(self, specs: Iterable[SignalSpec]) -> None:
        """Add extension signals (a plugin's, see cockpit.core.extensions), each at its default.

        Raises InvalidValue, adding none, when one is not VSS-named, already known or invalid."""
        added = checked_extensions(specs, self._catalogue)
        self._catalogue = {**self._catalogue, **{spec.path: spec for spec in added}}
        for spec in added:
            self._values[spec.path] = spec.default
            self._targets[spec.path] = spec.default

    def add_handler(self, command_type: type[C], handler: CommandHandler[C]) -> None:
        """Let another part (profiles, home bridge, ...) handle one type of command."""
        self._handlers[command_type] = handler  # type: ignore[assignment]

    def add_actuator(self, path: str, handler: ActuatorHandler) -> None:
        """Let a part carry out changes of one actuator (the media player owns what plays).

        The policy still decides first; the handler gets each change the policy let through, writes
        what changed with `update` and returns the outcome (it may refuse, e.g. an unknown station).
        """
        self.spec(path)
        self._actuators[path] = handler

    def add_system(self, system: System) -> None:
        """Call `system(dt)` on every tick, after the clock advanced, in the order added."""
        self._systems.append(system)

    def set_restrictions(self, restrictions: Restrictions) -> None:
        """Make new restrictions live (from the active profile)."""
        self.policy.restrictions = restrictions
        self.bus.publish(RestrictionsChanged(time=self.now, restrictions=restrictions))

    # --- changing state ------------------------------------------------------------------
    def submit(self, command: Command) -> Outcome:
        """Run `command` through the policy; returns applied, deferred or rejected with a reason."""
        try:
            outcome = self._dispatch(command)
        except InvalidInput as error:
            outcome = Outcome(Status.REJECTED, command, error.message)
        self._announce(outcome)
        return outcome

    def update(self, path: str, value: Value) -> None:
        """Record a measured value (speed, battery, a motor's position); no policy applies."""
        old = self._values[path]
        if path not in self._deferred and self._catalogue[path].motor_rate is None:
            self._targets[path] = value
        if old != value:
            self._values[path] = value
            self.bus.publish(SignalChanged(time=self.clock.now, path=path, old=old, new=value))

    def tick(self, dt: float) -> None:
        """Advance the clock by `dt` seconds, step every system, then release deferred commands."""
        self.clock.advance(dt)
        self.confirmations.expire()
        for system in self._systems:
            system(dt)
        if self._deferred and self.parked:
            self._release_deferred()

    # --- internals -----------------------------------------------------------------------
    def _dispatch(self, command: Command) -> Outcome:
        if self.confirmations.withholds(command):
            return Outcome(Status.REJECTED, command, Text("this needs the driver's confirmation first"))
        if isinstance(command, SetSignal):
            return self._set_signal(command)
        if isinstance(command, AdjustSignal):
            return self._adjust_signal(command)
        if isinstance(command, Speak):
            self.bus.publish(SpeechRequested(time=self.now, text=command.text))
            return Outcome(Status.APPLIED, command)
        if isinstance(command, Listen):
            self.bus.publish(ListeningChanged(time=self.now, listening=command.on))
            return Outcome(Status.APPLIED, command)
        for kind in type(command).__mro__:
            handler = self._handlers.get(kind)  # type: ignore[arg-type]
            if handler is not None:
                return handler(command)
        if isinstance(command, HomeCommand):  # the home bridge handles these when a home is attached
            return Outcome(Status.REJECTED, command, Text("the home is not connected"))
        return Outcome(Status.REJECTED, command, Text("this car cannot do that"))

    def _set_signal(self, command: SetSignal) -> Outcome:
        spec = self.spec(command.path)
        if spec.kind is Kind.SENSOR and command.source is not Source.SYSTEM:
            return Outcome(Status.REJECTED, command, Text("this is measured by the car and cannot be set"))
        value = spec.validate(command.value)
        verdict = self.policy.decide(command, spec, value, self)
        if verdict.status is Status.REJECTED:
            return Outcome(Status.REJECTED, command, verdict.reason)
        if verdict.status is Status.DEFERRED:
            self._deferred.pop(spec.path, None)
            self._deferred[spec.path] = command
            return Outcome(Status.DEFERRED, command, verdict.reason, value)
        if verdict.value is not None:
            value = verdict.value
        self._deferred.pop(spec.path, None)
        owner = self._actuators.get(spec.path)
        if owner is not None:
            return owner(command, value)
        self._targets[spec.path] = value
        if spec.motor_rate is None:
            self.update(spec.path, value)
        return Outcome(Status.APPLIED, command, verdict.reason, value)

    def _adjust_signal(self, command: AdjustSignal) -> Outcome:
        spec = self.spec(command.path)
        current = self._targets[spec.path]
        if isinstance(current, bool) or not isinstance(current, (int, float)):
            return Outcome(Status.REJECTED, command, Text("this is not a number"))
        delta = command.delta
        if isinstance(delta, bool) or not isinstance(delta, (int, float)) or not math.isfinite(delta):
            # max(low, NaN) is low: a NaN step would silently become the minimum
            return Outcome(Status.REJECTED, command,
                           Text("a change of {change} is not a number", change=brief(delta)))
        wanted = spec.clamp(current + delta)
        if spec.datatype is sig.DataType.INT:
            wanted = round(wanted)
        return self._set_signal(SetSignal(spec.path, wanted, source=command.source))

    def _release_deferred(self) -> None:
        waiting, self._deferred = self._deferred, {}
        for command in waiting.values():
            outcome = self._apply_quietly(command)
            if outcome.applied:
                self.bus.publish(CommandApplied(time=self.now, command=command, was_deferred=True))
            else:
                self._announce(outcome)

    def _apply_quietly(self, command: SetSignal) -> Outcome:
        try:
            return self._set_signal(command)
        except InvalidInput as error:
            return Outcome(Status.REJECTED, command, error.message)

    def _announce(self, outcome: Outcome) -> None:
        now = self.now
        if outcome.status is Status.APPLIED:
            self.bus.publish(CommandApplied(time=now, command=outcome.command))
        elif outcome.status is Status.DEFERRED:
            self.bus.publish(CommandDeferred(time=now, command=outcome.command, reason=outcome.reason))
        else:
            logger.info("rejected %s: %s", outcome.command.describe(), outcome.reason)
            self.bus.publish(CommandRejected(time=now, command=outcome.command, reason=outcome.reason))
