"""Keeps the active assistant adapter in step with the active driver.

Wiring between two parts that must not import each other (personalisation and assistants), so
it lives beside the composition root: on every ProfileApplied it picks the driver's adapter
(unless the session fixed one), validates the driver's adapter settings with that adapter's own
model, and hands the grammar the driver's saved places, the names of every profile and the
connected home's devices (all three from events). It also handles AskAssistant (the dashboard's
push-to-talk, a scenario's `say`) and announces the adapter as AssistantChanged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cockpit.assistants import registry
from cockpit.core.commands import AskAssistant
from cockpit.core.errors import CockpitError
from cockpit.core.events import AssistantChanged, HomeAttached, NoticeRaised, ProfileApplied, ProfilesLoaded
from cockpit.core.facts import HomeDevice, Place
from cockpit.core.outcome import Outcome, Status
from cockpit.personalisation.schema import register_settings_validator

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
        if fixed_adapter is not None:
            registry.adapter_class(fixed_adapter)  # an unknown or broken adapter fails here, loudly
        for name in registry.names():
            register_settings_validator(name, _validator_for(name))
        cockpit.bus.subscribe(self._on_profile_applied, ProfileApplied)
        cockpit.bus.subscribe(self._on_profiles_loaded, ProfilesLoaded)
        cockpit.bus.subscribe(self._on_home_attached, HomeAttached)
        cockpit.add_handler(AskAssistant, self.ask)

    def ask(self, command: AskAssistant) -> Outcome:
        """The AskAssistant handler: the driver's adapter (or the named one, started on first use)
        answers; the reply is the outcome's reason."""
        try:
            adapter = self._adapter_for(command.adapter)
            if adapter is None:
                return Outcome(Status.REJECTED, command, "No assistant is running")
            result = adapter.respond(command.utterance)
        except CockpitError as error:
            logger.warning("assistant failed on %r: %s", command.utterance, error)
            return Outcome(Status.REJECTED, command, str(error))
        return Outcome(Status.APPLIED, command, result.reply)

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
        """Tell an adapter who drives and what home it serves."""
        adapter.use_driver(places=self._places, profiles=self._profile_names)
        adapter.use_home(self._devices)
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
        name = self._fixed or wanted.adapter
        settings: dict[str, Any] = dict(wanted.settings) if name == wanted.adapter else {}
        key = (name, repr(sorted(settings.items())))
        if key != self._key:
            self._switch(name, settings)
            self._key = key
        for adapter in self._adapters():
            self._introduce(adapter)

    def _switch(self, name: str, settings: dict[str, Any]) -> None:
        self._drop_driver_adapter()
        bus, now = self._cockpit.bus, self._cockpit.now
        try:
            self.adapter = registry.create(name, self._cockpit, settings)
        except Exception as error:  # a broken plugin must not take the cockpit down
            logger.warning("assistant %r unavailable: %s", name, error)
            bus.publish(NoticeRaised(time=now, level="warning",
                                     text=f"Assistant {name!r} unavailable: {error}"))
        bus.publish(AssistantChanged(time=now, adapter=self.adapter.name if self.adapter else None))

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


def _validator_for(name: str) -> Callable[[dict[str, Any]], None]:
    def validate(settings: dict[str, Any]) -> None:
        try:
            registry.adapter_class(name).load_settings(settings)
        except CockpitError as error:  # pydantic reports ValueErrors at the profile's YAML line
            raise ValueError(str(error)) from None

    return validate
