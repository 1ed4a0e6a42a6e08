"""What every fake home device has: a state, actions, MQTT payloads and its discovery entities.

One path for every command: a HomeCommand from the cockpit is `encode`d into the payloads Home
Assistant would send, travels over MQTT, and the device `decode`s (through cockpit.home.payloads)
and `apply`s it. Bad input raises InvalidValue (never anything else), so the node can log it with
topic and payload and drop it.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from cockpit.core.errors import InvalidValue, brief
from cockpit.home import payloads
from cockpit.home.discovery import Entity

Params = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Topics:
    """State and command topics of one device under the installation's base topic."""

    base: str
    device_id: str

    @property
    def state(self) -> str:
        return f"{self.base}/{self.device_id}/state"

    def command(self, suffix: str = "set") -> str:
        return f"{self.base}/{self.device_id}/{suffix}"

    @property
    def prefix(self) -> str:
        return f"{self.base}/{self.device_id}/"


def template(key: str) -> str:
    """A Jinja value template that picks `key` from our JSON state."""
    return f"{{{{ value_json.{key} }}}}"


@dataclass(frozen=True, slots=True)
class Reading:
    """What one key of a device's reported state may hold: one of `words`, a finite number within
    [low, high], true/false (`flag`) or an RGB colour {"r", "g", "b"} of 0..255 (`rgb`)."""

    words: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    flag: bool = False
    rgb: bool = False

    def check(self, key: str, value: Any) -> None:
        """Raises InvalidValue unless `value` is what this key holds."""
        if self.words:
            if value not in self.words:
                raise InvalidValue(f"{key} must be one of {', '.join(self.words)}, not {brief(value, 60)}")
        elif self.flag:
            if not isinstance(value, bool):
                raise InvalidValue(f"{key} must be true or false, not {brief(value, 60)}")
        elif self.rgb:
            if not (isinstance(value, dict) and set(value) == {"r", "g", "b"} and all(
                    type(part) is int and 0 <= part <= 255 for part in value.values())):
                raise InvalidValue(f"{key} must be {{r, g, b}} of 0..255, not {brief(value, 60)}")
        else:
            assert self.low is not None and self.high is not None
            number({key: value}, key, self.low, self.high)


def number(params: Params, key: str, low: float, high: float) -> float:
    """A numeric parameter within [low, high]; raises InvalidValue."""
    value = params.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidValue(f"{key} must be a number, not {brief(value)}")
    if not low <= value <= high:
        raise InvalidValue(f"{key} {value:g} is outside {low:g}..{high:g}")
    return float(value)


class Device(ABC):
    """A simulated device. Subclasses set `kind`, `model`, `actions`, `words` (payload <-> action)."""

    kind: ClassVar[str]
    model: ClassVar[str]
    actions: ClassVar[tuple[str, ...]]
    # plain-text command payload -> action, for devices driven by single words on "<id>/set"
    words: ClassVar[dict[str, str]] = {}
    # what each key of the state it publishes may hold (`reported` checks a state read from MQTT)
    reports: ClassVar[dict[str, Reading]]

    def __init__(self, device_id: str, name: str, room: str | None = None) -> None:
        self.id = device_id
        self.name = name
        self.room = room

    @abstractmethod
    def state(self) -> dict[str, Any]:
        """The JSON-ready state published on the device's state topic (key "state" is the main one)."""

    def reported(self, state: Mapping[str, Any]) -> dict[str, Any]:
        """A state read from the device's state topic, with only the keys this kind reports; raises
        InvalidValue for a key holding what the device never reports (NaN, 1e308, text for a number,
        a word it does not use), so the home panel only ever shows what the device can be in."""
        for key, reading in self.reports.items():
            if key in state:
                reading.check(key, state[key])
        return {key: value for key, value in state.items() if key in self.reports}

    @abstractmethod
    def entities(self, topics: Topics) -> list[Entity]:
        """The Home Assistant entities of this device, for discovery."""

    def step(self, dt: float) -> None:  # noqa: B027 - most devices have nothing to advance
        """Advance the device by `dt` simulated seconds (motors, temperatures, energy)."""

    def apply(self, action: str, params: Params) -> None:
        """Carry out `action`; raises InvalidValue for an unknown action or bad parameters."""
        if action not in self.actions:
            raise self.unknown(action)
        getattr(self, f"do_{action}")(params)

    def command_suffixes(self) -> tuple[str, ...]:
        """Topic suffixes (after "<base>/<id>/") this device takes commands on."""
        return ("set",)

    def decode(self, suffix: str, payload: bytes) -> tuple[str, dict[str, Any]]:
        """An MQTT command payload (read by cockpit.home.payloads) as (action, params); raises
        InvalidValue."""
        if suffix != "set":
            raise InvalidValue(f"no command topic {brief(suffix)}")
        return payloads.choice(payload, self.words), {}

    def encode(self, action: str, params: Params) -> list[tuple[str, str]]:
        """The (suffix, payload) messages that ask for `action`; raises InvalidValue."""
        for text, known in self.words.items():
            if known == action:
                return [("set", text)]
        raise self.unknown(action)

    def unknown(self, action: str) -> InvalidValue:
        """The error for an action this device does not have, listing the ones it has."""
        known = ", ".join(self.actions)
        return InvalidValue(f"{self.kind} {self.id!r} has no action {brief(action)}; known: {known}")
