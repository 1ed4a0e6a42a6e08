"""Finding adapters: every adapter, built-in or third-party, is an entry point in the group
`cockpit.assistants`. Entry points are read lazily inside the lookup functions, and a loaded class
is verified (pluggy-style) before anyone uses it; each failure has its own error message naming
the entry point and the distribution it came from.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from cockpit import plugins
from cockpit.assistants.base import AdapterSettings, AssistantAdapter
from cockpit.core.cockpit import Cockpit
from cockpit.core.errors import AdapterError, CockpitError, InvalidInput

__all__ = ["GROUP", "AdapterInfo", "UnknownAssistant", "adapter_class", "create", "installed", "names",
           "wake_words"]

logger = logging.getLogger(__name__)

GROUP = plugins.ADAPTERS


@dataclass(frozen=True, slots=True)
class AdapterInfo:
    """One installed adapter, as `cockpit assistants list` shows it."""

    name: str
    distribution: str
    version: str
    wake_words: tuple[str, ...]
    target: str


class UnknownAssistant(AdapterError, InvalidInput):
    """No adapter is installed under the name asked for: the person's input is wrong (exit 2)."""


def names() -> list[str]:
    """Names of the installed adapters, sorted."""
    return sorted(plugins.entry_points_in(GROUP))


def adapter_class(name: str) -> type[AssistantAdapter]:
    """The verified adapter class registered as `name`.

    Raises AdapterError: unknown name (listing the installed ones), import failure, or a class
    of the wrong shape (including a plugin API version this cockpit does not speak).
    """
    found = plugins.entry_points_in(GROUP)
    entry = found.get(name)
    if entry is None:
        known = ", ".join(sorted(found)) or "none"
        raise UnknownAssistant(f"assistant {name!r} not found; installed: {known}")
    loaded = entry.load("assistant", AdapterError)
    _verify(loaded, entry)
    return loaded  # type: ignore[return-value]


def _verify(loaded: object, entry: plugins.Found) -> None:
    where = entry.where
    if not isinstance(loaded, type) or not issubclass(loaded, AssistantAdapter):
        raise AdapterError(f"assistant {where} is not an AssistantAdapter subclass: {loaded!r}")
    problems = []
    if getattr(loaded, "name", None) != entry.name:
        problems.append(f"its name is {getattr(loaded, 'name', None)!r}, expected {entry.name!r}")
    settings = getattr(loaded, "settings_model", None)
    if not (
        isinstance(settings, type)
        and issubclass(settings, BaseModel)
        and issubclass(settings, AdapterSettings)
    ):
        problems.append("settings_model is not an AdapterSettings subclass")
    wake = getattr(loaded, "wake_words", None)
    if not isinstance(wake, tuple) or not wake or not all(isinstance(w, str) and w.strip() for w in wake):
        problems.append("wake_words is not a tuple of non-empty strings")
    if getattr(loaded, "__abstractmethods__", None):
        problems.append(f"abstract methods not implemented: {', '.join(sorted(loaded.__abstractmethods__))}")
    try:
        plugins.check_api_version(getattr(loaded, "api_version", None), "it")
    except CockpitError as error:
        problems.append(str(error))
    if problems:
        raise AdapterError(f"assistant {where} has the wrong shape: {'; '.join(problems)}")


def create(name: str, cockpit: Cockpit, settings: Mapping[str, Any] | None = None) -> AssistantAdapter:
    """A ready adapter; raises AdapterError (lookup, or the adapter failed to start, with its name
    and the reason) or ProfileError (settings)."""
    cls = adapter_class(name)
    try:
        return cls(cockpit, settings)
    except CockpitError:
        raise
    except Exception as error:
        logger.error("assistant %r failed to start", name, exc_info=True)
        raise AdapterError(f"assistant {name!r} failed to start: {type(error).__name__}: {error}") from error


def installed() -> list[AdapterInfo]:
    """Every registered adapter with its distribution; broken ones are listed with the problem."""
    infos = []
    for name, entry in sorted(plugins.entry_points_in(GROUP).items()):
        try:
            wake = adapter_class(name).wake_words
        except AdapterError as error:
            logger.warning("%s", error)
            wake = ("(broken: see cockpit --debug)",)
        infos.append(AdapterInfo(name, entry.distribution, entry.version, tuple(wake), entry.entry.value))
    return infos


def wake_words() -> dict[str, tuple[str, ...]]:
    """The wake words of every installed adapter that loads, by adapter name."""
    words = {}
    for name in names():
        try:
            words[name] = adapter_class(name).wake_words
        except AdapterError:
            continue
    return words
