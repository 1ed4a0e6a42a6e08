"""`CockpitView`: the read model of everything a person sees, built from the cockpit and its events.

The dashboard's widgets, the scenario probes and the command line read this and nothing else: not
the session, the home bridge, the geofence or the profile store. Signals, targets, pending moves
and restrictions are the cockpit's own state, read through here; what the other parts know comes
as events, which `CockpitView` folds into plain fields:

    broker, devices, device_states, queued   home: HomeAttached, BrokerStateChanged, HomeDeviceChanged,
                                             HomeQueueChanged
    zone                                     geofence: GeofenceChanged
    drivers, profile_problems, driver        profiles: ProfilesLoaded, ProfileApplied
    changes, welcome_at                      the driver's moment: ProfileApplied ("What changed")
    pin                                      the keypad: PinRequested, PinEntered, ProfileApplied
    theme_by_hand                            ThemeOverridden
    assistant, suggestions, conversation     assistant: AssistantChanged, AssistantReplied,
                                             ListeningChanged, Confirmation*, VoicePinLocked,
                                             VoiceLevelChanged, PartialSpeechHeard,
                                             SpeechRecognised, MicrophoneChanged
    media, media_library, volume_changed_at  media player: MediaChanged, MediaLibraryChanged; the
                                             volume asked for (CommandApplied, not from a profile)
    route, guidance, guidance_at             navigator: RouteChanged, GuidanceChanged
    notices                                  what the driver is told: NoticeRaised, ProfileApplied,
                                             the driver's own commands deferred or refused
    indicator                                the turn signals: SignalChanged of either side

To add state: a field, a handler that sets it from its event, and one line in `_handlers`.
The only way back is `submit(command)`, through the policy like every other producer.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, TypeVar

from cockpit.core import indicators
from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import ApplyProfile, Command, EnterPin, Source
from cockpit.core.events import (
    AssistantChanged,
    AssistantReplied,
    BrokerStateChanged,
    CommandApplied,
    CommandDeferred,
    CommandRejected,
    ConfirmationAnswered,
    ConfirmationExpired,
    ConfirmationRequested,
    Event,
    GeofenceChanged,
    GuidanceChanged,
    HomeAttached,
    HomeDeviceChanged,
    HomeQueueChanged,
    ListeningChanged,
    MediaChanged,
    MediaLibraryChanged,
    MicrophoneChanged,
    NoticeRaised,
    PartialSpeechHeard,
    PinEntered,
    PinRequested,
    ProfileApplied,
    ProfilesLoaded,
    RouteChanged,
    SignalChanged,
    SpeechRecognised,
    ThemeOverridden,
    VoiceLevelChanged,
    VoicePinLocked,
)
from cockpit.core.facts import Change, DriverCard, HomeDevice, Place
from cockpit.core.geo import distance_m
from cockpit.core.media import MediaLibrary, NowPlaying
from cockpit.core.navigation import Guidance, RoutePlan
from cockpit.core.outcome import Outcome
from cockpit.core.policy import Restrictions
from cockpit.core.signals import Value
from cockpit.view.conversation import Conversation

logger = logging.getLogger(__name__)

NOTICES_KEPT = 8
TURN_SIDES = {sig.TURN_LEFT: "left", sig.TURN_RIGHT: "right"}
QUIET_SOURCES = frozenset({Source.PROFILE, Source.SYSTEM})  # a new driver's volume is no news
E = TypeVar("E", bound=Event)


class Broker(Enum):
    """The home's MQTT broker as the status bar shows it."""

    DISABLED = "disabled"  # no home in this session (--no-broker)
    ONLINE = "online"
    OFFLINE = "offline"


@dataclass(frozen=True, slots=True)
class Driver:
    """The active driver as the screen shows them."""

    id: str
    display_name: str
    avatar_colour: str = ""  # six hex digits; "" when the profile names none
    places: tuple[Place, ...] = ()
    spoken_replies: bool = False
    language: str = "en-GB"  # BCP 47: the welcome and "What changed" are in it
    units: str = "metric"  # "metric" or "imperial"


@dataclass(frozen=True, slots=True)
class PinRequest:
    """The keypad's question: leave `leaving_name`'s restricted profile for `display_name`'s.

    `tries_left` before it locks, `locked_until` (simulated seconds) while locked; `wrong` counts
    the wrong PINs so far, `asked` how often the keypad was asked for (each ask opens it again).
    """

    leaving_name: str
    profile_id: str
    display_name: str
    tries_left: int
    locked_until: float | None = None
    wrong: int = 0
    asked: int = 1


@dataclass(frozen=True, slots=True)
class Zone:
    """The geofence around home: its centre and radius, and whether the car is inside."""

    latitude: float
    longitude: float
    radius_m: float
    inside: bool


@dataclass(frozen=True, slots=True)
class Indicator:
    """The turn signal that is on ("left" or "right") and when it was switched on (its phase)."""

    side: str
    since: float


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the driver is told, at simulated `time`; `level` is info, warning, error or profile.

    `brief` marks the answer to the driver's own control (a refused or deferred command): worth a
    glance, not a long read.
    """

    text: str
    level: str
    time: float
    brief: bool = False


class CockpitView:
    """The read model of one cockpit; subscribes to its bus until `close()`."""

    def __init__(self, cockpit: Cockpit) -> None:
        self._cockpit = cockpit
        # The cockpit's own readers, bound once: widgets call them many times a frame.
        self.value: Callable[[str], Value] = cockpit.value  # a signal's value; raises UnknownSignal
        self.target: Callable[[str], Value] = cockpit.target  # where an actuator is heading
        self.broker = Broker.DISABLED
        self.devices: tuple[HomeDevice, ...] = ()
        self.device_states: dict[str, Mapping[str, Any]] = {}  # the latest state each device reported
        self.devices_version = 0  # bumped by every device change: the home tiles redraw
        self.queued: tuple[str, ...] = ()  # devices with a command waiting for the broker
        self.zone: Zone | None = None
        self.drivers: tuple[DriverCard, ...] = ()
        self.drivers_loaded = False
        self.profile_problems: tuple[str, ...] = ()
        self.driver: Driver | None = None
        self.changes: tuple[Change, ...] = ()  # "What changed" at the last change of driver
        self.welcome_at: float | None = None  # when the driver last changed (the welcome moment)
        self.pin: PinRequest | None = None  # the keypad's open question, until a driver is applied
        self.theme_by_hand = False  # the driver took the theme over from an automatic one
        self.assistant: str | None = None
        self.suggestions: tuple[str, ...] = ()  # what the assistant can do, as phrases to say
        self.conversation = Conversation()
        self.notices: deque[Notice] = deque(maxlen=NOTICES_KEPT)
        self.notice_count = 0  # every notice ever raised: a reader keeps its own count to see new ones
        self.indicator: Indicator | None = None
        for path, side in TURN_SIDES.items():
            if cockpit.value(path):
                self.indicator = Indicator(side, cockpit.now)
        self.media: NowPlaying | None = None  # None until a media player is attached
        self.media_library = MediaLibrary()
        self.volume_changed_at: float | None = None  # when the volume or mute last changed
        self.route: RoutePlan | None = None
        self.route_version = 0  # bumped by every new route (or its end): the map redraws it
        self.guidance: Guidance | None = None
        self.guidance_at = 0.0  # simulated time of the guidance
        self._handlers: dict[type[Event], Callable[[Any], None]] = {
            HomeAttached: self._on_home_attached,
            BrokerStateChanged: self._on_broker,
            HomeDeviceChanged: self._on_device,
            HomeQueueChanged: self._on_queue,
            GeofenceChanged: self._on_zone,
            ProfilesLoaded: self._on_profiles_loaded,
            ProfileApplied: self._on_profile_applied,
            PinRequested: self._on_pin_requested,
            PinEntered: self._on_pin_entered,
            ThemeOverridden: self._on_theme_overridden,
            AssistantChanged: self._on_assistant,
            AssistantReplied: self.conversation.on_replied,
            ListeningChanged: self.conversation.on_listening,
            VoiceLevelChanged: self.conversation.on_level,
            PartialSpeechHeard: self.conversation.on_partial,
            MicrophoneChanged: self.conversation.on_microphone,
            SpeechRecognised: self.conversation.on_recognised,
            ConfirmationRequested: self.conversation.on_confirmation,
            ConfirmationAnswered: self.conversation.on_confirmation,
            ConfirmationExpired: self.conversation.on_confirmation,
            VoicePinLocked: self.conversation.on_pin_locked,
            MediaChanged: self._on_media,
            MediaLibraryChanged: self._on_media_library,
            CommandApplied: self._on_applied,
            SignalChanged: self._on_signal,
            RouteChanged: self._on_route,
            GuidanceChanged: self._on_guidance,
            NoticeRaised: self._on_notice,
            CommandDeferred: self._on_refused,
            CommandRejected: self._on_refused,
        }
        self._unsubscribe: Callable[[], None] | None = cockpit.bus.subscribe(self._on_event, *self._handlers)

    # --- the cockpit's own state -----------------------------------------------------------------
    @property
    def now(self) -> float:
        """Simulated seconds since the start."""
        return self._cockpit.now

    @property
    def parked(self) -> bool:
        """In P and standing still: what seat moves, display changes and quitting wait for."""
        return self._cockpit.parked

    def hours_minutes(self) -> tuple[int, int]:
        """The simulated time of day."""
        return self._cockpit.clock.hours_minutes()

    def number(self, path: str) -> float:
        """A numeric signal's current value (0.0 for anything else)."""
        value = self.value(path)
        return float(value) if isinstance(value, (int, float)) else 0.0

    def pending_moves(self) -> dict[str, Value]:
        """Values waiting until the car is parked (a seat move while driving), by signal path."""
        return {command.path: command.value for command in self._cockpit.pending()}

    @property
    def restrictions(self) -> Restrictions:
        """The active driver's live restrictions (speed cap, volume cap, blocked features)."""
        return self._cockpit.policy.restrictions

    def blocks(self, category: str) -> bool:
        """Whether the policy blocks a feature category ("keyboard", "video") right now."""
        return self._cockpit.policy.blocks(category, self._cockpit)

    def lamp_lit(self, side: str) -> bool:
        """Whether the `side` ("left"/"right") indicator lamp is lit now, flashing from the moment it
        was switched on (cockpit.core.indicators)."""
        indicator = self.indicator
        return indicator is not None and indicator.side == side and indicators.lamp_lit(indicator.since,
                                                                                          self.now)

    def distance_home_m(self) -> float | None:
        """Metres from the car to the centre of the home's geofence; None without a geofence."""
        if self.zone is None:
            return None
        return distance_m(self.number(sig.LATITUDE), self.number(sig.LONGITUDE), self.zone.latitude,
                          self.zone.longitude)

    def device(self, device_id: str) -> HomeDevice | None:
        """One home device by id, if the home has it."""
        return next((device for device in self.devices if device.id == device_id), None)

    # --- the way back, and reacting as things happen ----------------------------------------------
    def submit(self, command: Command) -> Outcome:
        """Send `command` through the cockpit's policy, like any other producer; returns its outcome."""
        return self._cockpit.submit(command)

    def subscribe(self, handler: Callable[[E], None], *types: type[E]) -> Callable[[], None]:
        """React to events as they happen (e.g. speak a reply); returns an unsubscribe."""
        return self._cockpit.bus.subscribe(handler, *types)

    def close(self) -> None:
        """Stop following the cockpit's events; safe to call twice."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    # --- folding events in --------------------------------------------------------------------------
    def _on_event(self, event: Event) -> None:
        handler = self._handlers.get(type(event))
        if handler is not None:
            handler(event)

    def _on_home_attached(self, event: HomeAttached) -> None:
        self.devices = event.devices
        self.device_states = {}
        self.devices_version += 1
        if self.broker is Broker.DISABLED:
            self.broker = Broker.OFFLINE  # until the first connection comes up

    def _on_broker(self, event: BrokerStateChanged) -> None:
        self.broker = Broker.ONLINE if event.online else Broker.OFFLINE

    def _on_device(self, event: HomeDeviceChanged) -> None:
        self.device_states[event.device_id] = event.state
        self.devices_version += 1

    def _on_queue(self, event: HomeQueueChanged) -> None:
        self.queued = event.device_ids

    def _on_zone(self, event: GeofenceChanged) -> None:
        self.zone = Zone(event.latitude, event.longitude, event.radius_m, event.inside)

    def _on_profiles_loaded(self, event: ProfilesLoaded) -> None:
        self.drivers = event.drivers
        self.profile_problems = event.problems
        self.drivers_loaded = True

    def _on_profile_applied(self, event: ProfileApplied) -> None:
        """A new driver is greeted (welcome_at; not the one the session starts with) and gets their
        "What changed" list, never a toast."""
        first = self.driver is None
        self.driver = Driver(event.profile_id, event.display_name, event.avatar_colour, event.places,
                             event.spoken_replies, event.language, event.units)
        self.pin = None
        if event.new_driver or event.changes:
            self.changes = event.changes
        if event.new_driver and not first:
            self.welcome_at = event.time

    def _on_pin_requested(self, event: PinRequested) -> None:
        asked = self.pin.asked + 1 if self.pin is not None else 1
        wrong = self.pin.wrong if self.pin is not None else 0
        self.pin = PinRequest(event.leaving_name, event.profile_id, event.display_name, event.tries_left,
                              event.locked_until, wrong, asked)

    def _on_pin_entered(self, event: PinEntered) -> None:
        if self.pin is not None and not event.accepted:
            self.pin = replace(self.pin, tries_left=event.tries_left, locked_until=event.locked_until,
                               wrong=self.pin.wrong + 1)

    def _on_theme_overridden(self, event: ThemeOverridden) -> None:
        self.theme_by_hand = event.manual

    def _on_assistant(self, event: AssistantChanged) -> None:
        self.assistant = event.adapter
        self.suggestions = event.suggestions

    def _on_media(self, event: MediaChanged) -> None:
        self.media = event.now_playing

    def _on_media_library(self, event: MediaLibraryChanged) -> None:
        self.media_library = event.library

    def _on_signal(self, event: SignalChanged) -> None:
        if event.path in TURN_SIDES:
            self._on_indicator(event, TURN_SIDES[event.path])

    def _on_route(self, event: RouteChanged) -> None:
        self.route = event.plan
        self.route_version += 1
        if event.plan is None:
            self.guidance = None

    def _on_guidance(self, event: GuidanceChanged) -> None:
        self.guidance = event.guidance
        self.guidance_at = event.time

    def _on_applied(self, event: CommandApplied) -> None:
        command = event.command
        if getattr(command, "path", None) in (sig.VOLUME, sig.MUTED) and command.source not in QUIET_SOURCES:
            self.volume_changed_at = event.time  # asked for (a key, a voice, an app): show it

    def _on_notice(self, event: NoticeRaised) -> None:
        self._notice(event.text, event.level, event.time)

    def _on_indicator(self, event: SignalChanged, side: str) -> None:
        if event.new:
            if self.indicator is None or self.indicator.side != side:
                self.indicator = Indicator(side, event.time)
        elif self.indicator is not None and self.indicator.side == side:
            self.indicator = None

    def _on_refused(self, event: CommandDeferred | CommandRejected) -> None:
        command = event.command
        waits_for_pin = isinstance(command, ApplyProfile) and isinstance(event, CommandDeferred)
        if isinstance(command, EnterPin) or waits_for_pin:
            return  # the keypad says it: a wrong PIN, or the switch waiting for the PIN
        if command.source is Source.USER:  # the driver should hear why their control did nothing
            level = "warning" if isinstance(event, CommandRejected) else "info"
            self._notice(event.reason, level, event.time, brief=True)

    def _notice(self, text: str, level: str, time: float, *, brief: bool = False) -> None:
        self.notices.append(Notice(text, level, time, brief))
        self.notice_count += 1
