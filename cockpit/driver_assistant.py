"""Keeps the active assistant adapter in step with the active driver.

Wiring between two parts that must not import each other (personalisation and assistants), so
it lives beside the composition root: on every ProfileApplied it picks the driver's adapter
(unless the session fixed one), validates the driver's adapter settings with that adapter's own
model, and hands the grammar the driver's saved places and the names of every profile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cockpit.assistants import registry
from cockpit.assistants.grammar.intent import Place
from cockpit.core.errors import CockpitError
from cockpit.core.events import NoticeRaised, ProfileApplied
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
        self._others: dict[str, AssistantAdapter] = {}  # other adapters, reached by their wake words
        if fixed_adapter is not None:
            registry.adapter_class(fixed_adapter)  # an unknown or broken adapter fails here, loudly
        for name in registry.names():
            register_settings_validator(name, _validator_for(name))
        cockpit.bus.subscribe(self._on_profile_applied, ProfileApplied)

    def _on_profile_applied(self, event: ProfileApplied) -> None:
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
        for adapter in (self.adapter, *self._others.values()):
            if adapter is not None:
                adapter.use_driver(places=_places(active.profile), profiles=self._profile_names())

    @property
    def wake_words_on(self) -> bool:
        """Whether the driver wants wake words listened for (profile `assistant.wake_word`)."""
        active = self._profiles.active
        return active is not None and active.profile.assistant.wake_word

    def named(self, name: str) -> AssistantAdapter | None:
        """The adapter called `name`: the driver's own, or another installed one (created once, with
        its default settings) for when its wake word is spoken; None when it cannot be loaded."""
        if self.adapter is not None and self.adapter.name == name:
            return self.adapter
        other = self._others.get(name)
        if other is None:
            try:
                other = registry.create(name, self._cockpit)
            except Exception as error:  # a broken plugin must not take the cockpit down
                logger.warning("assistant %r unavailable: %s", name, error)
                return None
            active = self._profiles.active
            if active is not None:
                other.use_driver(places=_places(active.profile), profiles=self._profile_names())
            self._others[name] = other
        return other

    def _switch(self, name: str, settings: dict[str, Any]) -> None:
        self.close()
        try:
            self.adapter = registry.create(name, self._cockpit, settings)
        except Exception as error:  # a broken plugin must not take the cockpit down
            logger.warning("assistant %r unavailable: %s", name, error)
            self._cockpit.bus.publish(NoticeRaised(time=self._cockpit.now, level="warning",
                                                   text=f"Assistant {name!r} unavailable: {error}"))

    def _profile_names(self) -> dict[str, str]:
        store = self._profiles.store
        return {store.compiled(pid).display_name: pid for pid in store.ids()}

    def close(self) -> None:
        """Shut the adapters down; safe to call more than once."""
        if self.adapter is not None:
            self.adapter.shutdown()
            self.adapter = None
        for other in self._others.values():
            other.shutdown()
        self._others.clear()


def _validator_for(name: str) -> Callable[[dict[str, Any]], None]:
    def validate(settings: dict[str, Any]) -> None:
        try:
            registry.adapter_class(name).load_settings(settings)
        except CockpitError as error:  # pydantic reports ValueErrors at the profile's YAML line
            raise ValueError(str(error)) from None

    return validate


def _places(profile: Any) -> dict[str, Place]:
    return {saved.name: Place(saved.name, saved.name, saved.latitude, saved.longitude)
            for saved in profile.navigation.saved_places}
