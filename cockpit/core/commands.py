"""Commands: small immutable requests that anyone may create and only the cockpit applies."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from cockpit.core.errors import brief
from cockpit.core.signals import Value


class Source(Enum):
    """Who asked. The policy treats some sources differently (remote commands are limited)."""

    USER = "user"
    PROFILE = "profile"
    ASSISTANT = "assistant"
    REMOTE = "remote"
    VSS = "vss"  # an in-vehicle app through the KUKSA-compatible API (cockpit.vss)
    SCENARIO = "scenario"
    SYSTEM = "system"


@dataclass(frozen=True, slots=True, kw_only=True)
class Command:
    """Base of every command; `source` says who asked."""

    source: Source = Source.USER

    def describe(self) -> str:
        """A short human-readable form for logs, toasts and reports."""
        return type(self).__name__


@dataclass(frozen=True, slots=True)
class SetSignal(Command):
    """Ask for an actuator to take a value (a seat position, a temperature setpoint, ...)."""

    path: str
    value: Value

    def describe(self) -> str:
        return f"set {self.path} = {brief(self.value)}"


@dataclass(frozen=True, slots=True)
class AdjustSignal(Command):
    """Change a numeric actuator relative to its current target, bounded to its range."""

    path: str
    delta: float

    def describe(self) -> str:
        return f"adjust {self.path} by {self.delta:+g}"


@dataclass(frozen=True, slots=True)
class ApplyProfile(Command):
    """Make a driver profile the active one (handled by the profile engine)."""

    profile_id: str

    def describe(self) -> str:
        return f"apply profile {self.profile_id}"


@dataclass(frozen=True, slots=True)
class HomeCommand(Command):
    """Ask a home device to act (handled by the home bridge)."""

    device_id: str
    action: str
    params: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        extra = f" {self.params}" if self.params else ""
        return f"home {self.device_id} {self.action}{extra}"


@dataclass(frozen=True, slots=True)
class Speak(Command):
    """Say something to the driver (shown and, where possible, spoken)."""

    text: str

    def describe(self) -> str:
        return f"say {brief(self.text)}"


@dataclass(frozen=True, slots=True)
class PresentKeyFob(Command):
    """A key fob is in the car: its driver's profile is applied (handled by the profile engine)."""

    fob_id: str

    def describe(self) -> str:
        return f"present key fob {self.fob_id}"


@dataclass(frozen=True, slots=True)
class AskAssistant(Command):
    """Hand an utterance to the driver's assistant, or to the one named by `adapter` (handled by the
    session's assistants); the reply arrives as AssistantReplied and is the applied outcome's reason."""

    utterance: str
    adapter: str | None = None

    def describe(self) -> str:
        to = f" {self.adapter}" if self.adapter else ""
        return f"ask the assistant{to} {brief(self.utterance)}"


@dataclass(frozen=True, slots=True)
class Listen(Command):
    """Push-to-talk: the assistant starts (`on`) or stops listening; announced as ListeningChanged."""

    on: bool = True

    def describe(self) -> str:
        return "start listening" if self.on else "stop listening"


@dataclass(frozen=True, slots=True)
class EnterPin(Command):
    """The PIN typed on the keypad to leave a restricted profile for `profile_id` (handled by the
    profile engine). The digits never appear in a description, a log or the event log."""

    pin: str = field(repr=False)
    profile_id: str

    def describe(self) -> str:
        return f"enter the PIN to switch to {self.profile_id}"


@dataclass(frozen=True, slots=True)
class PlugCable(Command):
    """Plug the charging cable in (`connected`) at the home wallbox or a public charger, or pull it
    out (handled by the vehicle: only while parked; the car cannot leave P while it is in)."""

    connected: bool = True
    charger: str = "home"  # "home" (the wallbox) or "public"

    def describe(self) -> str:
        return f"plug the cable in at the {self.charger} charger" if self.connected else "unplug the cable"
