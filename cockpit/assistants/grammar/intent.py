"""What the grammar hands to adapters: an `Intent` (name, slots, commands, a neutral reply).

Also the `Context` the grammar reads from outside (units and state from the cockpit, saved places,
contacts and profile names from the active driver, the devices of the connected home).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from cockpit.core import signals as sig
from cockpit.core.commands import Command
from cockpit.core.facts import HomeDevice, Place
from cockpit.core.outcome import Outcome
from cockpit.core.signals import Value
from cockpit.i18n import translator

if TYPE_CHECKING:
    from cockpit.assistants.grammar.rules import Capability

__all__ = ["DEFAULT_CONTACTS", "DEFAULT_PLACES", "FALLBACK", "Context", "Intent", "StateView"]

FALLBACK = "fallback"


class StateView(Protocol):
    """The part of the cockpit the grammar reads: values, targets and the simulated time."""

    @property
    def now(self) -> float: ...

    def value(self, path: str) -> Value: ...

    def target(self, path: str) -> Value: ...


# Demo places used until a driver's profile supplies its own.
DEFAULT_PLACES: tuple[Place, ...] = (Place("Home", 60.17285, 24.95287, "home"),  # Snellmaninkatu 12
                                     Place("Work", 60.16995, 24.94056, "work"))  # Kaivokatu 10, Helsinki
# Demo address book used until a driver's profile supplies one.
DEFAULT_CONTACTS: Mapping[str, str] = {
    "mum": "+498912340001",
    "mom": "+498912340001",
    "dad": "+498912340002",
    "alice": "+498912340003",
    "bob": "+498912340004",
    "office": "+498912340005",
}


@dataclass(slots=True)
class Context:
    """What the grammar knows beyond the words: cockpit state, the active driver's data, the home.

    The session's assistant (or a test) replaces `places`, `contacts` and `profiles` when a driver
    becomes active (keys are lower-case spoken names) and `devices` when a home is connected;
    `devices` is None while there is no home at all.
    `capabilities` are those of every installed grammar plugin (set by the Grammar), for help.
    """

    state: StateView
    places: tuple[Place, ...] = DEFAULT_PLACES
    contacts: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_CONTACTS))
    profiles: dict[str, str] = field(default_factory=dict)
    devices: tuple[HomeDevice, ...] | None = None
    capabilities: tuple[Capability, ...] = ()

    @property
    def tr(self) -> Callable[[str], str]:
        """The gettext function of the driver's language, for a reply written here."""
        return translator(str(self.state.value(sig.LANGUAGE)))

    @property
    def fahrenheit(self) -> bool:
        return self.state.value(sig.TEMPERATURE_UNIT) == "F"

    @property
    def miles(self) -> bool:
        return self.state.value(sig.DISTANCE_UNIT) == "MILES"


@dataclass(frozen=True, slots=True)
class Intent:
    """One understood (or not understood) request.

    `name` is "domain.action" (e.g. "climate.set_temperature"); `slots` hold what was heard;
    `commands` are what the cockpit should do; `reply` is a neutral confirmation that adapters
    may restyle; `answer` marks a reply that carries information (a question's answer, help).
    An intent that asks back ("Which light: hall or kitchen?") lists `choices`: what each spoken
    answer ("kitchen") means; the grammar takes the next utterance as the answer. `action` says
    what it does as an infinitive ("move your seat back"), for a reply that it has to wait; `done`,
    when given, phrases the reply from the outcomes, naming the values the cockpit reached ("Fan up
    to 40 %." after a relative step).
    """

    name: str
    slots: Mapping[str, Any] = field(default_factory=dict)
    commands: tuple[Command, ...] = ()
    reply: str = ""
    answer: bool = False
    choices: Mapping[str, Intent] = field(default_factory=dict)
    action: str = ""
    done: Callable[[Sequence[Outcome]], str] | None = field(default=None, compare=False, repr=False)

    @property
    def understood(self) -> bool:
        return self.name != FALLBACK

    @property
    def domain(self) -> str:
        return self.name.partition(".")[0]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "slots": dict(self.slots), "understood": self.understood}

