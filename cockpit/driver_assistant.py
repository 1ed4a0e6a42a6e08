"""Keeps the active assistant adapter in step with the active driver.

Wiring between two parts that must not import each other (personalisation and assistants), so
it lives beside the composition root: on every ProfileApplied it picks the driver's adapter
(unless the session fixed one), validates the driver's adapter settings with that adapter's own
model, and hands the grammar the driver's saved places, the names of every profile and the
connected home's devices (all three from events), and tells each adapter the wake words of the
other installed ones. It also handles AskAssistant (the dashboard's push-to-talk, a scenario's
`say`) and announces the adapter, with what it can do, as AssistantChanged.

A failing adapter never takes the cockpit down: one that cannot start is reported by name (a
notice on screen, the reason in the log), and one whose hook fails during a turn answers the
driver "Sorry, the X assistant had a problem." (the adapter logged the traceback, once).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr

from cockpit.assistants import registry
from cockpit.assistants.base import HookFailed
from cockpit.core import signals as sig
from cockpit.core.commands import AskAssistant
from cockpit.core.confirmation import PinAttempt
from cockpit.core.errors import CockpitError
from cockpit.core.events import (
    AssistantChanged,
    AssistantReplied,
    HomeAttached,
    NoticeRaised,
    ProfileApplied,
    ProfilesLoaded,
)
from cockpit.core.facts import HomeDevice, Place
from cockpit.core.outcome import Outcome, Status
from cockpit.core.text import Text
from cockpit.i18n import translator
from cockpit.personalisation.pin import PinLock
from cockpit.personalisation.schema import register_settings_validator, require_installed_adapters

if TYPE_CHECKING:
    from cockpit.assistants.base import AssistantAdapter
    from cockpit.core.cockpit import Cockpit
    from cockpit.personalisation.engine import ProfileEngine

logger = logging.getLogger(__name__)


class DriverAssistant:
    """Owns the session's adapter; `adapter` is None only before the first profile is applied."""

    def __init__(self, cockpit: Cockpit, profiles: ProfileEngine, fixed_adapter: str | None) -> None:
        """Raises AdapterError when `fixed_adapter` is not installed or cannot be loaded."""
        self._cockpit = cockpit
        self._profiles = profiles
        self._fixed = fixed_adapter
        self._key: tuple[str, str] | None = None
        self.adapter: AssistantAdapter | None = None
        self._named: dict[str, AssistantAdapter] = {}  # asked for by name (a scenario's `assistant:`)
        self._places: tuple[Place, ...] = ()
        self._profile_names: dict[str, str] = {}  # display name -> profile id
        self._devices: tuple[HomeDevice, ...] | None = None
        self._assistants = _other_assistants()
        self._voice_pins: dict[str, VoicePin] = {}  # profile id -> its voice PIN and wrong tries
        if fixed_adapter is not None:
            registry.adapter_class(fixed_adapter)  # an unknown or broken adapter fails here, loudly
        check_profiles_with_installed_adapters(strict=False)
        cockpit.bus.subscribe(self._on_profile_applied, ProfileApplied)
        cockpit.bus.subscribe(self._on_profiles_loaded, ProfilesLoaded)
        cockpit.bus.subscribe(self._on_home_attached, HomeAttached)
        cockpit.add_handler(AskAssistant, self.ask)

    def ask(self, command: AskAssistant) -> Outcome:
        """The AskAssistant handler: the driver's adapter (or the named one, started on first use)
        answers; the reply is the outcome's reason."""
        try:
            adapter = self._adapter_for(command.adapter)
        except CockpitError as error:
            logger.warning("assistant for %r unavailable: %s", command.utterance, error)
            return Outcome(Status.REJECTED, command, str(error))
        if adapter is None:
            return Outcome(Status.REJECTED, command, Text("No assistant is running"))
        try:
            result = adapter.respond(command.utterance)
        except HookFailed:  # the adapter logged it
            return self._had_a_problem(adapter, command)
        except Exception:  # a plugin that broke the contract in a way the base class cannot see
            logger.exception("assistant %r failed on %r", adapter.name, command.utterance)
            return self._had_a_problem(adapter, command)
        return Outcome(Status.APPLIED, command, result.reply)

    def _had_a_problem(self, adapter: AssistantAdapter, command: AskAssistant) -> Outcome:
        tr = translator(str(self._cockpit.value(sig.LANGUAGE)))
        reply = adapter.reply_style.say("problem", tr, assistant=adapter.label)
        self._cockpit.bus.publish(AssistantReplied(time=self._cockpit.now, adapter=adapter.name,
                                                   utterance=command.utterance, reply=reply))
        return Outcome(Status.REJECTED, command, reply)

    @property
    def wake_words_on(self) -> bool:
        """Whether the driver wants wake words listened for (profile `assistant.wake_word`)."""
        active = self._profiles.active
        return active is not None and active.profile.assistant.wake_word

    def named(self, name: str) -> AssistantAdapter | None:
        """The adapter called `name` (the driver's own, or another started on first use), for voice
        routed by wake word; None when it cannot be loaded."""
        try:
            return self._adapter_for(name)
        except Exception as error:  # a broken plugin must not take the cockpit down
            logger.warning("assistant %r unavailable: %s", name, error)
            return None

    def _adapter_for(self, name: str | None) -> AssistantAdapter | None:
        """Raises AdapterError for a name that is not installed."""
        if name is None or (self.adapter is not None and name == self.adapter.name):
            return self.adapter
        if name not in self._named:
            self._named[name] = self._introduce(registry.create(name, self._cockpit))
        return self._named[name]

    def _introduce(self, adapter: AssistantAdapter) -> AssistantAdapter:
        """Tell an adapter who drives, what home it serves and which other assistants there are."""
        adapter.use_driver(places=self._places, profiles=self._profile_names)
        adapter.use_home(self._devices)
        adapter.use_assistants({label: words for name, (label, words) in self._assistants.items()
                                if name != adapter.name})
        return adapter

    def _adapters(self) -> list[AssistantAdapter]:
        return [*([self.adapter] if self.adapter else []), *self._named.values()]

    def _on_profiles_loaded(self, event: ProfilesLoaded) -> None:
        self._profile_names = {driver.display_name: driver.id for driver in event.drivers}

    def _on_home_attached(self, event: HomeAttached) -> None:
        self._devices = event.devices
        for adapter in self._adapters():
            adapter.use_home(self._devices)

    def _on_profile_applied(self, event: ProfileApplied) -> None:
        self._places = event.places
        active = self._profiles.active
        if active is None:
            return
        wanted = active.profile.assistant
        self._use_voice_pin(event.profile_id, wanted.voice_pin_hash)
        name = self._fixed or wanted.adapter
        settings: dict[str, Any] = dict(wanted.settings) if name == wanted.adapter else {}
        key = (name, repr(sorted(settings.items())))
        if key != self._key:
            self._switch(name, settings)
            self._key = key
        for adapter in self._adapters():
            self._introduce(adapter)

    def _use_voice_pin(self, profile_id: str, pin_hash: SecretStr | None) -> None:
        """The driver's voice PIN guards what opens the house or the car; each driver keeps their
        count of wrong tries (a switch of driver does not reset a lockout)."""
        if pin_hash is None:
            self._cockpit.confirmations.use_pin(None)
            return
        pin = self._voice_pins.get(profile_id)
        if pin is None or pin.pin_hash != pin_hash.get_secret_value():
            pin = self._voice_pins[profile_id] = VoicePin(pin_hash.get_secret_value())
        self._cockpit.confirmations.use_pin(pin)

    def _switch(self, name: str, settings: dict[str, Any]) -> None:
        self._drop_driver_adapter()
        bus, now = self._cockpit.bus, self._cockpit.now
        try:
            self.adapter = registry.create(name, self._cockpit, settings)
        except Exception as error:  # a broken plugin must not take the cockpit down
            logger.warning("%s", error)
            bus.publish(NoticeRaised(time=now, level="warning",
                                     text=Text("The {name} assistant could not start", name=name)))
        adapter = self.adapter
        suggestions = adapter.grammar.rules.suggestions() if adapter is not None else ()
        bus.publish(AssistantChanged(time=now, adapter=adapter.name if adapter else None,
                                     suggestions=suggestions))

    def close(self) -> None:
        """Shut the adapters down; safe to call more than once."""
        self._drop_driver_adapter()
        for adapter in self._named.values():
            adapter.shutdown()
        self._named.clear()

    def _drop_driver_adapter(self) -> None:
        if self.adapter is not None:
            self.adapter.shutdown()
            self.adapter = None


class VoicePin:
    """A driver's voice PIN for the confirmation gate (cockpit.core.confirmation.PinCheck): the
    profile's hash and the keypad's three-tries lockout, applied to voice."""

    def __init__(self, pin_hash: str) -> None:
        self.pin_hash = pin_hash
        self._lock = PinLock()

    def attempt(self, pin: str, now: float) -> PinAttempt:
        tried = self._lock.attempt(pin, self.pin_hash, now)
        return PinAttempt(tried.accepted, tried.tries_left, tried.locked_until)

    def locked(self, now: float) -> bool:
        return self._lock.locked(now)

    @property
    def locked_until(self) -> float | None:
        return self._lock.locked_until


def _other_assistants() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Every installed adapter that loads: name -> (how a reply names it, its wake words)."""
    found = {}
    for name in registry.names():
        try:
            cls = registry.adapter_class(name)
        except CockpitError:
            continue  # reported when (and if) someone asks for it
        found[name] = (cls.display_name or name.title(), cls.wake_words)
    return found


def check_profiles_with_installed_adapters(*, strict: bool) -> None:
    """Profiles' `assistant.settings` are checked by their adapter's own settings model, through the
    entry points; `strict` (`cockpit profiles check`) also refuses an adapter name that is not
    installed or does not load, with the installed names or the reason."""
    for name in registry.names():
        register_settings_validator(name, _validator_for(name))
    if strict:
        require_installed_adapters(_installed)


def _installed(name: str) -> None:
    try:
        registry.adapter_class(name)
    except CockpitError as error:  # pydantic reports ValueErrors at the profile's YAML line
        raise ValueError(str(error)) from None


def _validator_for(name: str) -> Callable[[dict[str, Any]], None]:
    def validate(settings: dict[str, Any]) -> None:
        try:
            registry.adapter_class(name).load_settings(settings)
        except CockpitError as error:  # pydantic reports ValueErrors at the profile's YAML line
            raise ValueError(str(error)) from None

    return validate
