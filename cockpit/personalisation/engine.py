"""The profile engine: makes a driver profile the cockpit's state, as a diff, through the policy.

It handles ApplyProfile: restrictions go live first (so a teen's volume cap holds for the volume
the profile sets), then every signal whose target differs is submitted with source PROFILE; the
core applies cabin settings at once and keeps motor moves pending until parked. It also learns:
a setting the driver changes in the car is remembered for the active driver.

What the screen shows about drivers goes out as events: ProfilesLoaded (every valid driver and each
skipped file) once the folder is read, ProfileApplied (who is driving now) on every switch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import AdjustSignal, ApplyProfile, PresentKeyFob, SetSignal, Source
from cockpit.core.errors import ProfileError
from cockpit.core.events import CommandApplied, NoticeRaised, ProfileApplied, ProfilesLoaded
from cockpit.core.facts import DriverCard, Place
from cockpit.core.outcome import Outcome, Status
from cockpit.core.signals import Value
from cockpit.personalisation.learned import LearnedStore
from cockpit.personalisation.schema import Profile
from cockpit.personalisation.signal_map import LEARNABLE, CompiledProfile, field_value
from cockpit.personalisation.store import GUEST_ID, ProfileStore
from cockpit.personalisation.summary import describe_changes

logger = logging.getLogger(__name__)

LEARN_FROM = frozenset({Source.USER, Source.ASSISTANT})
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

    @classmethod
    def install(cls, cockpit: Cockpit, store: ProfileStore) -> ProfileEngine:
        """Create the engine and register it as the cockpit's ApplyProfile handler."""
        from cockpit.personalisation.identity import KeyFobReader

        engine = cls(cockpit, store)
        cockpit.add_handler(ApplyProfile, engine.handle)
        cockpit.add_handler(PresentKeyFob, KeyFobReader(engine).handle)
        cockpit.bus.subscribe(engine._learn, CommandApplied)
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
        """The ApplyProfile handler: diff against the current targets and submit what differs."""
        try:
            new = self.ensure_loaded().compiled(command.profile_id)
        except ProfileError as error:
            return Outcome(Status.REJECTED, command, str(error))
        cockpit = self.cockpit
        limits_changed = new.restrictions != cockpit.policy.restrictions
        if limits_changed:
            cockpit.set_restrictions(new.restrictions)
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
        lines = describe_changes(new, previous, targets, changed, deferred, limits_changed)
        profile = new.profile
        cockpit.bus.publish(ProfileApplied(time=cockpit.now, profile_id=new.id, display_name=new.display_name,
                                           changes=lines, avatar_colour=profile.identity.avatar_colour,
                                           places=places_of(profile),
                                           spoken_replies=profile.assistant.spoken_replies))
        if refused:
            logger.info("profile %s: refused %s", new.id, "; ".join(refused))
        return Outcome(Status.APPLIED, command, " · ".join(lines) or "nothing to change")

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

    def _follow_daylight(self, dt: float) -> None:
        if self.active is None or self.active.theme != "auto":
            return
        wanted: Value = day_or_night("auto", self.cockpit.clock.time_of_day())
        if self.cockpit.target(sig.DAY_NIGHT) != wanted:
            self.cockpit.submit(SetSignal(sig.DAY_NIGHT, wanted, source=Source.PROFILE))


def places_of(profile: Profile) -> tuple[Place, ...]:
    """The driver's saved places, as every part uses them."""
    return tuple(Place(saved.name, saved.latitude, saved.longitude, saved.kind)
                 for saved in profile.navigation.saved_places)


def _card(profile: Profile) -> DriverCard:
    identity = profile.identity
    return DriverCard(identity.id, identity.display_name, identity.avatar_colour, profile.assistant.adapter,
                      profile.display.units, tuple(identity.key_fobs))
