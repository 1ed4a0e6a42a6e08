"""Events: what changed, named in the past tense, delivered to subscribers on the main loop."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from enum import Enum
from typing import Any, TypeVar

from cockpit.core.commands import Command
from cockpit.core.facts import Change, DriverCard, HomeDevice, Place
from cockpit.core.media import MediaLibrary, NowPlaying
from cockpit.core.navigation import Guidance, RoutePlan
from cockpit.core.signals import Value

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Base of every event; `time` is simulated seconds since the start."""

    time: float

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form for the event log: the type name plus every field."""
        data: dict[str, Any] = {"type": type(self).__name__}
        for item in fields(self):
            data[item.name] = _plain(getattr(self, item.name))
        return data


def _plain(value: object) -> Any:
    if isinstance(value, Command):
        return {"type": type(value).__name__, "text": value.describe(), "source": value.source.value}
    if is_dataclass(value) and not isinstance(value, type):
        return {item.name: _plain(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class SignalChanged(Event):
    """A signal's current value changed."""

    path: str
    old: Value
    new: Value


@dataclass(frozen=True, slots=True)
class CommandApplied(Event):
    """A command took effect; `was_deferred` marks one that waited until the car was parked."""

    command: Command
    was_deferred: bool = False


@dataclass(frozen=True, slots=True)
class CommandDeferred(Event):
    """A command waits until the car is parked."""

    command: Command
    reason: str


@dataclass(frozen=True, slots=True)
class CommandRejected(Event):
    """A command was refused; `reason` is for a person to read."""

    command: Command
    reason: str


@dataclass(frozen=True, slots=True)
class ProfileApplied(Event):
    """A driver profile became active; `changes` is its "What changed" list (comfort applied now,
    the rest after parking), in the driver's units.

    It also says who the driver is on screen: their avatar colour (six hex digits), their saved
    places, whether they want replies spoken, their language (BCP 47) and units, and whether it
    is a change of driver (False when the active profile is applied again).
    """

    profile_id: str
    display_name: str
    changes: tuple[Change, ...] = ()
    avatar_colour: str = ""
    places: tuple[Place, ...] = ()
    spoken_replies: bool = False
    language: str = "en-GB"
    units: str = "metric"
    new_driver: bool = True


@dataclass(frozen=True, slots=True)
class ProfilesLoaded(Event):
    """The profiles folder was read: every valid driver, and each skipped file with its reason."""

    drivers: tuple[DriverCard, ...] = ()
    problems: tuple[str, ...] = ()



@dataclass(frozen=True, slots=True)
class PinRequested(Event):
    """Leaving a restricted profile waits for its PIN: the keypad asks for it.

    `leaving_name` is the restricted driver, `profile_id`/`display_name` the one asked for;
    `tries_left` before the keypad locks, `locked_until` (simulated seconds) while it is locked.
    """

    leaving_name: str
    profile_id: str
    display_name: str
    tries_left: int
    locked_until: float | None = None


@dataclass(frozen=True, slots=True)
class PinEntered(Event):
    """A PIN was tried on the keypad (never its digits): accepted or not, the tries left and, after
    the last wrong one, until when the keypad stays locked."""

    profile_id: str
    accepted: bool
    tries_left: int
    locked_until: float | None = None


@dataclass(frozen=True, slots=True)
class ThemeOverridden(Event):
    """The driver set the theme by hand over their profile's automatic one (`manual`), or the
    automatic theme came back (the profile was applied again)."""

    manual: bool


@dataclass(frozen=True, slots=True)
class RestrictionsChanged(Event):
    """The live restrictions changed (a new driver's speed cap, volume cap, blocked features)."""

    restrictions: Any


@dataclass(frozen=True, slots=True)
class AssistantChanged(Event):
    """Another assistant adapter now answers the driver (None: none could be started), and what it
    can do: example utterances, one or two per installed capability, for the dashboard to suggest."""

    adapter: str | None
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AssistantReplied(Event):
    """An assistant answered an utterance."""

    adapter: str
    utterance: str
    reply: str


@dataclass(frozen=True, slots=True)
class ConfirmationRequested(Event):
    """An assistant holds what opens the house or the car until the driver confirms: `what` it
    would do (for a person), `method` "confirm" (a yes) or "pin" (the voice PIN), until `expires`."""

    adapter: str
    what: tuple[str, ...]
    method: str
    expires: float


@dataclass(frozen=True, slots=True)
class ConfirmationAnswered(Event):
    """The driver answered a confirmation: `accepted`, or why not ("declined", "wrong_pin",
    "locked"); after a wrong PIN, the tries left before voice unlocking locks."""

    adapter: str
    accepted: bool
    reason: str = ""
    tries_left: int = 0


@dataclass(frozen=True, slots=True)
class ConfirmationExpired(Event):
    """Nobody answered a confirmation in time: what it held is not done."""

    adapter: str


@dataclass(frozen=True, slots=True)
class VoicePinLocked(Event):
    """Too many wrong voice PINs: voice unlocking is locked until `until` (simulated seconds)."""

    until: float


@dataclass(frozen=True, slots=True)
class ListeningChanged(Event):
    """The assistant started or stopped listening to the driver.

    `adapter` is the assistant listening; `reason` says why: "push_to_talk", "wake_word", "answer"
    (waiting for a reply to a question) when it starts; "heard", "timeout", "cancelled" when it stops.
    """

    listening: bool
    adapter: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class VoiceLevelChanged(Event):
    """The microphone level while listening, 0 (silence) .. 1 (loud), for the listening animation."""

    level: float


@dataclass(frozen=True, slots=True)
class MicrophoneChanged(Event):
    """Speech input opened or closed the microphone; `wake_word` is what the driver can say to
    their assistant instead of pressing push-to-talk ("" when wake words are off)."""

    on: bool
    wake_word: str = ""


@dataclass(frozen=True, slots=True)
class PartialSpeechHeard(Event):
    """What the recogniser has heard so far of the utterance being spoken."""

    text: str


@dataclass(frozen=True, slots=True)
class SpeechRecognised(Event):
    """The final words of an utterance, how sure the recogniser is (0..1) and what was done with
    them: "act" (handed to the assistant), "ask" ("Did you say ...?") or "sorry" (not understood)."""

    text: str
    confidence: float
    verdict: str
    adapter: str = ""


@dataclass(frozen=True, slots=True)
class WakeWordHeard(Event):
    """A wake word was spoken; `adapter` is the assistant it addresses."""

    adapter: str
    wake_word: str


@dataclass(frozen=True, slots=True)
class SpeechRequested(Event):
    """Something should be said to the driver."""

    text: str


@dataclass(frozen=True, slots=True)
class HomeDeviceChanged(Event):
    """A home device reported a new state."""

    device_id: str
    state: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HomeAttached(Event):
    """A connected home joined the cockpit: its devices, in the order of its home file."""

    home_id: str
    devices: tuple[HomeDevice, ...] = ()


@dataclass(frozen=True, slots=True)
class BrokerStateChanged(Event):
    """The home's MQTT broker became reachable (`online`) or was lost."""

    online: bool
    url: str = ""


@dataclass(frozen=True, slots=True)
class HomeQueueChanged(Event):
    """Home commands waiting for the broker changed: the devices they are for, oldest first."""

    device_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GeofenceChanged(Event):
    """The geofence around home was set up (for a new driver) or the car crossed it."""

    latitude: float
    longitude: float
    radius_m: float
    inside: bool


@dataclass(frozen=True, slots=True)
class NoticeRaised(Event):
    """A message for the driver's screen (a warning, a skipped file, a broker going offline)."""

    text: str
    level: str = "info"


@dataclass(frozen=True, slots=True)
class MediaChanged(Event):
    """What plays changed: another track or station, the song on air, play or pause, a seek."""

    now_playing: NowPlaying


@dataclass(frozen=True, slots=True)
class MediaLibraryChanged(Event):
    """The media catalogue loaded, or a new driver brought their favourite stations."""

    library: MediaLibrary


@dataclass(frozen=True, slots=True)
class RouteChanged(Event):
    """A route was planned (`why`: planned, rerouted) or ended (`plan` None; why: cancelled,
    arrived, unreachable)."""

    plan: RoutePlan | None
    why: str = "planned"


@dataclass(frozen=True, slots=True)
class GuidanceChanged(Event):
    """The car moved along its route: distance and time left, battery at arrival, next manoeuvre."""

    guidance: Guidance


E = TypeVar("E", bound=Event)
Handler = Callable[[Any], None]


class EventBus:
    """Synchronous publish/subscribe. A failing subscriber is logged and never stops the others."""

    def __init__(self) -> None:
        self._handlers: list[tuple[tuple[type[Event], ...], Handler]] = []

    def subscribe(self, handler: Callable[[E], None], *types: type[E]) -> Callable[[], None]:
        """Call `handler` for events of `types` (all events when none given); returns an unsubscribe."""
        entry = (tuple(types) or (Event,), handler)
        self._handlers.append(entry)

        def unsubscribe() -> None:
            if entry in self._handlers:
                self._handlers.remove(entry)

        return unsubscribe

    def publish(self, event: Event) -> None:
        """Deliver `event` to every matching subscriber, in subscription order."""
        for types, handler in list(self._handlers):
            if isinstance(event, types):
                try:
                    handler(event)
                except Exception:
                    logger.exception("event handler %r failed on %s", handler, type(event).__name__)
