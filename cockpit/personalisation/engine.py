"""The profile engine: makes a driver profile the cockpit's state, as a diff, through the policy.

It handles ApplyProfile: the core policy decides first whether the driver may change now (a
restricted profile is not left while moving, and is left only with its PIN, typed on the keypad
as EnterPin); then restrictions go live (so a teen's volume cap holds for the volume the profile
sets), then every signal whose target differs is submitted with source PROFILE: the core applies
comfort settings at once and keeps motor moves and display changes pending until parked. It also
learns: a setting the driver changes in the car is remembered for the active driver.

What the screen shows about drivers goes out as events: ProfilesLoaded (every valid driver and each
skipped file) once the folder is read, ProfileApplied (who is driving now, and what changed) on
every switch, PinRequested and PinEntered for the keypad, ThemeOverridden when the driver takes
the theme over from an automatic one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import AdjustSignal, ApplyProfile, EnterPin, PresentKeyFob, SetSignal, Source
from cockpit.core.errors import ProfileError
from cockpit.core.events import (
    CommandApplied,
    NoticeRaised,
    PinEntered,
    PinRequested,
    ProfileApplied,
    ProfilesLoaded,
    ThemeOverridden,
)
from cockpit.core.facts import GUEST_ID, DriverCard, Place
from cockpit.core.outcome import Outcome, Status
from cockpit.core.policy import ProfileSwitch
from cockpit.core.text import Text
from cockpit.personalisation.learned import LearnedStore
from cockpit.personalisation.pin import PinLock
from cockpit.personalisation.schema import Profile
from cockpit.personalisation.signal_map import LEARNABLE, CompiledProfile, field_value
from cockpit.personalisation.store import ProfileStore
from cockpit.personalisation.summary import describe_changes

logger = logging.getLogger(__name__)

LEARN_FROM = frozenset({Source.USER, Source.ASSISTANT})
BY_HAND = frozenset({Source.USER, Source.ASSISTANT, Source.VSS})  # a theme chosen by a person
DAY_STARTS_H, NIGHT_STARTS_H = 7, 19


def install(cockpit: Cockpit, profiles_dir: Path | None = None, state_dir: Path | None = None,
            ) -> ProfileEngine:
    """The engine for a session: profiles from `profiles_dir`, learned values under `state_dir`.

    Skipped files and ignored learned values are logged and shown on screen (NoticeRaised).
    """
    warn = screen_warning(cockpit)
    return ProfileEngine.install(cockpit, ProfileStore(profiles_dir, LearnedStore(state_dir, warn), warn))


def screen_warning(cockpit: Cockpit) -> Callable[[str], None]:
    """A warning that goes to the log and, as a NoticeRaised, to the driver's screen."""
    def warn(message: str) -> None:
        logger.warning("%s", message)
        cockpit.bus.publish(NoticeRaised(time=cockpit.now, text=message, level="warning"))
    return warn


def day_or_night(theme: str, time_of_day_s: float) -> str:
    """DAY or NIGHT for a profile theme; `auto` follows the simulated time of day."""
    if theme != "auto":
        return theme.upper()
    return "DAY" if DAY_STARTS_H * 3600 <= time_of_day_s < NIGHT_STARTS_H * 3600 else "NIGHT"


class ProfileEngine:
    """Applies profiles to one cockpit and learns from the driver. Profiles load on first use."""

    def __init__(self, cockpit: Cockpit, store: ProfileStore) -> None:
        self.cockpit = cockpit
        self.store = store
        self.active: CompiledProfile | None = None
        self.pin_lock = PinLock()
        self.theme_by_hand = False  # the driver overrode an automatic theme (V)
        self._daylight = ""  # DAY or NIGHT as the automatic theme last saw it

    @classmethod
    def install(cls, cockpit: Cockpit, store: ProfileStore) -> ProfileEngine:
        """Create the engine and register it as the cockpit's ApplyProfile handler."""
        from cockpit.personalisation.identity import KeyFobReader

        engine = cls(cockpit, store)
        cockpit.add_handler(ApplyProfile, engine.handle)
        cockpit.add_handler(EnterPin, engine.handle_pin)
        cockpit.add_handler(PresentKeyFob, KeyFobReader(engine).handle)
        cockpit.bus.subscribe(engine._learn, CommandApplied)
        cockpit.bus.subscribe(engine._theme_by_hand, CommandApplied)
        cockpit.add_system(engine._follow_daylight)
        return engine

    def ensure_loaded(self) -> ProfileStore:
        """Load the profiles folder once (the store warns about each file it skips)."""
        if not self.store.loaded:
            self.store.load()
            self._announce_profiles()
        return self.store

    def _announce_profiles(self) -> None:
        store = self.store
        drivers = tuple(_card(store.compiled(profile_id).profile) for profile_id in store.ids())
        self.cockpit.bus.publish(ProfilesLoaded(time=self.cockpit.now, drivers=drivers,
                                                problems=tuple(str(problem) for problem in store.problems)))

    def apply(self, profile_id: str, source: Source = Source.USER) -> Outcome:
        """Submit ApplyProfile through the cockpit (so it is announced like any command)."""
        return self.cockpit.submit(ApplyProfile(profile_id, source=source))

    def start(self, requested: str | None = None) -> Outcome:
        """Apply the start profile: `requested`, else the guest; raises ProfileError if unknown."""
        profile_id = requested or GUEST_ID
        self.ensure_loaded().effective(profile_id)
        return self.apply(profile_id, Source.SYSTEM)

    def handle(self, command: ApplyProfile) -> Outcome:
        """The ApplyProfile handler: ask the policy, then diff against the targets and submit."""
        try:
            new = self.ensure_loaded().compiled(command.profile_id)
        except ProfileError as error:
            return Outcome(Status.REJECTED, command, str(error))
        verdict = self.cockpit.policy.decide_switch(self._switch(command.source, new), self.cockpit)
        if verdict is not None:
            if verdict.status is Status.DEFERRED:
                self._ask_for_pin(new)
            return Outcome(verdict.status, command, verdict.reason)
        return self._apply(command, new)

    def handle_pin(self, command: EnterPin) -> Outcome:
        """The EnterPin handler: a right PIN leaves the restricted profile for `profile_id`; three
        wrong ones lock the keypad for a minute. Every try is announced as PinEntered."""
        active, cockpit = self.active, self.cockpit
        if active is None or not active.restrictions.restricted:  # no PIN needed: a plain switch
            outcome = self.handle(ApplyProfile(command.profile_id, source=command.source))
            return Outcome(outcome.status, command, outcome.reason)
        try:
            new = self.ensure_loaded().compiled(command.profile_id)
        except ProfileError as error:
            return Outcome(Status.REJECTED, command, str(error))
        verdict = cockpit.policy.decide_switch(self._switch(command.source, new, pin_verified=True), cockpit)
        if verdict is not None:
            return Outcome(Status.REJECTED, command, verdict.reason)
        attempt = self.pin_lock.attempt(command.pin, active.pin_hash or "", cockpit.now)
        cockpit.bus.publish(PinEntered(time=cockpit.now, profile_id=new.id, accepted=attempt.accepted,
                                       tries_left=attempt.tries_left, locked_until=attempt.locked_until))
        if attempt.accepted:
            return self._apply(command, new)
        if attempt.locked_until is not None:
            seconds = max(1, round(attempt.locked_until - cockpit.now))
            return Outcome(Status.REJECTED, command, Text("wrong PIN: the keypad is locked for {seconds} s",
                                                          seconds=seconds))
        return Outcome(Status.REJECTED, command,
                       Text("wrong PIN: {tries} tries left", tries=attempt.tries_left))

    def _switch(self, source: Source, new: CompiledProfile, pin_verified: bool = False) -> ProfileSwitch:
        active = self.active
        leaving_unguarded = active is not None and active.restrictions.restricted and active.pin_hash is None
        return ProfileSwitch(source, active.display_name if active else "",
                             active is None or active.id != new.id, pin_verified or leaving_unguarded)

    def _ask_for_pin(self, new: CompiledProfile) -> None:
        active, now = self.active, self.cockpit.now
        assert active is not None
        locked = self.pin_lock.locked(now)
        self.cockpit.bus.publish(PinRequested(time=now, leaving_name=active.display_name, profile_id=new.id,
                                              display_name=new.display_name,
                                              tries_left=self.pin_lock.tries_left,
                                              locked_until=self.pin_lock.locked_until if locked else None))

    def _apply(self, command: ApplyProfile | EnterPin, new: CompiledProfile) -> Outcome:
        """Make `new` the active profile: restrictions, then every target that differs."""
        cockpit = self.cockpit
        limits_changed = new.restrictions != cockpit.policy.restrictions
        if limits_changed:
            cockpit.set_restrictions(new.restrictions)
        self._daylight = day_or_night("auto", cockpit.clock.time_of_day())
        targets = {**new.targets, sig.DAY_NIGHT: day_or_night(new.theme, cockpit.clock.time_of_day())}
        pending = {waiting.path: waiting.value for waiting in cockpit.pending()}
        changed, deferred, refused = [], [], []
        for path, value in targets.items():
            if (pending[path] if path in pending else cockpit.target(path)) == value:
                continue
            outcome = cockpit.submit(SetSignal(path, value, source=Source.PROFILE))
            if outcome.rejected:
                refused.append(f"{path}: {outcome.reason}")
                continue
            changed.append(path)
            if outcome.deferred:
                deferred.append(path)
        cockpit.submit(SetSignal(sig.DRIVER_ID, new.id, source=Source.SYSTEM))
        previous, self.active = self.active, new
        if previous is None or previous.id != new.id:
            self.pin_lock.reset()
        if self.theme_by_hand:
            self.theme_by_hand = False
            cockpit.bus.publish(ThemeOverridden(time=cockpit.now, manual=False))
        changes = describe_changes(new, previous, targets, changed, deferred, limits_changed)
        profile = new.profile
        cockpit.bus.publish(ProfileApplied(time=cockpit.now, profile_id=new.id, display_name=new.display_name,
                                           changes=changes, avatar_colour=profile.identity.avatar_colour,
                                           places=places_of(profile),
                                           spoken_replies=profile.assistant.spoken_replies,
                                           language=profile.display.language, units=profile.display.units,
                                           new_driver=previous is None or previous.id != new.id))
        if refused:
            logger.info("profile %s: refused %s", new.id, "; ".join(refused))
        return Outcome(Status.APPLIED, command, Text.join(change.text for change in changes)
                       if changes else Text("nothing to change"))

    def _learn(self, event: CommandApplied) -> None:
        command, active = event.command, self.active
        if (active is None or command.source not in LEARN_FROM
                or not isinstance(command, (SetSignal, AdjustSignal))):
            return
        binding = LEARNABLE.get(command.path)
        if binding is None or binding.learn is None or not active.profile.privacy.learn_preferences:
            return
        value = binding.learn(self.cockpit.target(command.path))
        if value == field_value(active.profile.model_dump(), binding.field):
            return
        self.store.learn(active.id, binding.field, value)
        self.active = self.store.compiled(active.id)

    def _theme_by_hand(self, event: CommandApplied) -> None:
        """V (or the assistant) on an automatic theme: it stays as chosen until the profile is
        applied again."""
        command, active = event.command, self.active
        if (not isinstance(command, SetSignal) or command.path != sig.DAY_NIGHT
                or command.source not in BY_HAND or active is None or active.theme != "auto"
                or self.theme_by_hand):
            return
        self.theme_by_hand = True
        self.cockpit.bus.publish(ThemeOverridden(time=self.cockpit.now, manual=True))

    def _follow_daylight(self, dt: float) -> None:
        """An automatic theme turns at dawn and dusk, moving or not (every car's headlamp-linked
        display does), unless the driver chose one by hand."""
        if self.active is None or self.active.theme != "auto" or self.theme_by_hand:
            return
        daylight = day_or_night("auto", self.cockpit.clock.time_of_day())
        if daylight != self._daylight:
            self._daylight = daylight
            self.cockpit.submit(SetSignal(sig.DAY_NIGHT, daylight, source=Source.SYSTEM))


def places_of(profile: Profile) -> tuple[Place, ...]:
    """The driver's saved places, as every part uses them."""
    return tuple(Place(saved.name, saved.latitude, saved.longitude, saved.kind)
                 for saved in profile.navigation.saved_places)


def _card(profile: Profile) -> DriverCard:
    identity = profile.identity
    return DriverCard(identity.id, identity.display_name, identity.avatar_colour, profile.assistant.adapter,
                      profile.display.units, tuple(identity.key_fobs))
