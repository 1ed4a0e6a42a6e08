"""Confirmation for what opens the house or the car when it is asked for by voice.

`needs_confirmation(command)` is the one list of security-sensitive actions: unlocking the car or
a lock, opening a garage door, disarming an alarm, starting the car's remote climate. Locking,
closing and arming never ask. An assistant that hears such a request does not submit it: it asks
the gate to `hold` it (ConfirmationRequested) and asks the driver "Are you sure?", or for their
voice PIN when the driver's profile has one. The driver's answer goes to `answer`: a "yes", or a
PIN that the driver's `PinCheck` accepts, releases the held commands (ConfirmationAnswered); the
assistant then submits them and they go through the policy like any other command. A wrong PIN is
refused; after the PinCheck's last try it locks voice unlocking for a while (VoicePinLocked). A
request not answered within CONFIRM_SECONDS of simulated time lapses (ConfirmationExpired).

The cockpit enforces it: an assistant's sensitive command that the gate did not release is
rejected, so no adapter (built-in or plugin) can skip the question.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Final, Protocol

from cockpit.core import signals as sig
from cockpit.core.clock import SimClock
from cockpit.core.commands import Command, HomeCommand, SetSignal, Source
from cockpit.core.events import (
    ConfirmationAnswered,
    ConfirmationExpired,
    ConfirmationRequested,
    EventBus,
    VoicePinLocked,
)

__all__ = ["CONFIRM_SECONDS", "Answer", "ConfirmationGate", "Method", "Pending", "PinAttempt", "PinCheck",
           "needs_confirmation"]

CONFIRM_SECONDS: Final = 30.0
# Home actions that open the house (by HomeCommand action), and car signals whose value opens the car.
OPENING_HOME_ACTIONS: Final = frozenset({"unlock", "open", "disarm"})
OPENING_CAR_VALUES: Final = {sig.DOOR_LOCKED: False, sig.PRECONDITIONING: True}


def needs_confirmation(command: Command) -> bool:
    """Whether `command` opens the house or the car (and so needs the driver's confirmation when an
    assistant asks for it)."""
    if isinstance(command, HomeCommand):
        return command.action in OPENING_HOME_ACTIONS
    if isinstance(command, SetSignal):
        return command.path in OPENING_CAR_VALUES and command.value == OPENING_CAR_VALUES[command.path]
    return False


class Method(Enum):
    """How the driver confirms: a yes, or their voice PIN."""

    CONFIRM = "confirm"
    PIN = "pin"


@dataclass(frozen=True, slots=True)
class PinAttempt:
    """What one PIN try came to: accepted or not, the tries left, until when it stays locked."""

    accepted: bool
    tries_left: int
    locked_until: float | None = None


class PinCheck(Protocol):
    """The driver's voice PIN (a hash in their profile) and the count of wrong tries."""

    def attempt(self, pin: str, now: float) -> PinAttempt: ...

    def locked(self, now: float) -> bool: ...

    @property
    def locked_until(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class Pending:
    """Commands held until the driver confirms; `what` says what they do, for a person."""

    adapter: str
    commands: tuple[Command, ...]
    what: tuple[str, ...]
    method: Method
    expires: float


class Verdict(Enum):
    ACCEPTED = "accepted"  # go ahead: `commands` were released
    WRONG_PIN = "wrong_pin"
    LOCKED = "locked"  # too many wrong PINs: voice unlocking waits until `locked_until`
    DECLINED = "declined"  # the driver said no, or something else
    NOTHING_PENDING = "nothing_pending"


@dataclass(frozen=True, slots=True)
class Answer:
    """The gate's answer to the driver's answer."""

    verdict: Verdict
    pending: Pending | None = None
    tries_left: int = 0
    locked_until: float | None = None

    @property
    def commands(self) -> tuple[Command, ...]:
        """The commands released (only when accepted)."""
        return self.pending.commands if self.pending is not None and self.verdict is Verdict.ACCEPTED else ()


@dataclass(slots=True)
class ConfirmationGate:
    """Holds sensitive commands until the driver confirms; one pending request at a time."""

    bus: EventBus
    clock: SimClock
    pin: PinCheck | None = None
    pending: Pending | None = None
    _released: list[Command] = field(default_factory=list)

    @property
    def method(self) -> Method:
        """How the active driver confirms: with their voice PIN when their profile has one."""
        return Method.PIN if self.pin is not None else Method.CONFIRM

    def use_pin(self, pin: PinCheck | None) -> None:
        """The active driver's voice PIN check (None: a yes is enough). Drops a pending request."""
        self.pin = pin
        self._drop()

    def locked_until(self) -> float | None:
        """While too many wrong PINs lock voice unlocking: until when (simulated seconds)."""
        now = self.clock.now
        return self.pin.locked_until if self.pin is not None and self.pin.locked(now) else None

    def hold(self, adapter: str, commands: Sequence[Command], what: Sequence[str]) -> Pending:
        """Hold `commands` for the driver's confirmation (replacing anything held before)."""
        now = self.clock.now
        self.pending = Pending(adapter, tuple(commands), tuple(what), self.method, now + CONFIRM_SECONDS)
        self.bus.publish(ConfirmationRequested(time=now, adapter=adapter, what=self.pending.what,
                                               method=self.pending.method.value,
                                               expires=self.pending.expires))
        return self.pending

    def answer(self, adapter: str, *, yes: bool = False, pin: str | None = None) -> Answer:
        """The driver answered `adapter`'s question with a yes (no PIN asked for) or a PIN."""
        self.expire()
        pending = self.pending
        now = self.clock.now
        if pending is None or pending.adapter != adapter:
            return Answer(Verdict.NOTHING_PENDING)
        if pending.method is Method.PIN and self.pin is not None:
            if self.pin.locked(now):
                self._finish(accepted=False, reason="locked")
                return Answer(Verdict.LOCKED, pending, 0, self.pin.locked_until)
            if pin is None:
                self._finish(accepted=False, reason="declined")
                return Answer(Verdict.DECLINED, pending)
            attempt = self.pin.attempt(pin, now)
            if not attempt.accepted:
                if attempt.locked_until is not None:
                    self._finish(accepted=False, reason="locked")
                    self.bus.publish(VoicePinLocked(time=now, until=attempt.locked_until))
                    return Answer(Verdict.LOCKED, pending, 0, attempt.locked_until)
                self.bus.publish(ConfirmationAnswered(time=now, adapter=adapter, accepted=False,
                                                      reason="wrong_pin", tries_left=attempt.tries_left))
                return Answer(Verdict.WRONG_PIN, pending, attempt.tries_left)
        elif not yes:
            self._finish(accepted=False, reason="declined")
            return Answer(Verdict.DECLINED, pending)
        self._released.extend(pending.commands)
        self._finish(accepted=True, reason="accepted")
        return Answer(Verdict.ACCEPTED, pending)

    def cancel(self, adapter: str) -> Pending | None:
        """The driver moved on: `adapter`'s pending request is dropped (returned, if there was one)."""
        pending = self.pending
        if pending is None or pending.adapter != adapter:
            return None
        self._finish(accepted=False, reason="declined")
        return pending

    def release(self, command: Command) -> bool:
        """Whether `command` was released by a confirmation (each release lets it through once)."""
        if command in self._released:
            self._released.remove(command)
            return True
        return False

    def withholds(self, command: Command) -> bool:
        """Whether the cockpit must refuse `command`: an assistant's sensitive command that no
        confirmation released."""
        return (command.source is Source.ASSISTANT and needs_confirmation(command)
                and not self.release(command))

    def expire(self) -> None:
        """Let a request lapse once its time is up (called every tick, and before an answer)."""
        if self.pending is not None and self.clock.now >= self.pending.expires:
            pending, self.pending = self.pending, None
            self.bus.publish(ConfirmationExpired(time=self.clock.now, adapter=pending.adapter))

    def _finish(self, *, accepted: bool, reason: str) -> None:
        pending, self.pending = self.pending, None
        if pending is not None:
            self.bus.publish(ConfirmationAnswered(time=self.clock.now, adapter=pending.adapter,
                                                  accepted=accepted, reason=reason))

    def _drop(self) -> None:
        if self.pending is not None:
            self._finish(accepted=False, reason="declined")
