"""Finding adapters: every adapter, built-in or third-party, is an entry point in the group
`cockpit.assistants`. Entry points are read lazily inside the lookup functions, and a loaded class
is verified (pluggy-style) before anyone uses it; each failure has its own error message naming
the entry point and the distribution it came from.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from pydantic import BaseModel

from cockpit.assistants.base import AdapterSettings, AssistantAdapter
from cockpit.core.cockpit import Cockpit
from cockpit.core.errors import AdapterError, InvalidInput

logger = logging.getLogger(__name__)

GROUP = "cockpit.assistants"


@dataclass(frozen=True, slots=True)
class AdapterInfo:
    """One installed adapter, as `cockpit assistants list` shows it."""

    name: str
    distribution: str
    version: str
    wake_words: tuple[str, ...]
    target: str


def _entry_points() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def _origin(entry: EntryPoint) -> tuple[str, str]:
    dist = entry.dist
    if dist is None:
        return "unknown distribution", "?"
    return dist.metadata["Name"] or dist.name, dist.version


class UnknownAssistant(AdapterError, InvalidInput):
    """No adapter is installed under the name asked for: the person's input is wrong (exit 2)."""


def names() -> list[str]:
    """Names of the installed adapters, sorted."""
    return sorted(_entry_points())


def adapter_class(name: str) -> type[AssistantAdapter]:
    """The verified adapter class registered as `name`.

    Raises AdapterError: unknown name (listing the installed ones), import failure, or a class
    of the wrong shape.
    """
    found = _entry_points()
    entry = found.get(name)
    if entry is None:
        known = ", ".join(sorted(found)) or "none"
        raise UnknownAssistant(f"assistant {name!r} not found; installed: {known}")
    dist, version = _origin(entry)
    where = f"entry point {entry.name!r} ({entry.value}) from {dist} {version}"
    try:
        loaded = entry.load()
    except Exception as error:
        raise AdapterError(f"assistant {where} failed to import: {type(error).__name__}: {error}") from error
    _verify(loaded, entry.name, where)
    return loaded  # type: ignore[no-any-return]


def _verify(loaded: object, name: str, where: str) -> None:
    if not isinstance(loaded, type) or not issubclass(loaded, AssistantAdapter):
        raise AdapterError(f"assistant {where} is not an AssistantAdapter subclass: {loaded!r}")
    problems = []
    if getattr(loaded, "name", None) != name:
        problems.append(f"its name is {getattr(loaded, 'name', None)!r}, expected {name!r}")
    settings = getattr(loaded, "settings_model", None)
    if not (
        isinstance(settings, type)
        and issubclass(settings, BaseModel)
        and issubclass(settings, AdapterSettings)
    ):
        problems.append("settings_model is not an AdapterSettings subclass")
    wake = getattr(loaded, "wake_words", None)
    if not isinstance(wake, tuple) or not all(isinstance(w, str) and w.strip() for w in wake):
        problems.append("wake_words is not a tuple of non-empty strings")
    if getattr(loaded, "__abstractmethods__", None):
        problems.append(f"abstract methods not implemented: {', '.join(sorted(loaded.__abstractmethods__))}")
    if problems:
        raise AdapterError(f"assistant {where} has the wrong shape: {'; '.join(problems)}")


def create(name: str, cockpit: Cockpit, settings: Mapping[str, Any] | None = None) -> AssistantAdapter:
    """A ready adapter; raises AdapterError (lookup) or ProfileError (settings)."""
    return adapter_class(name)(cockpit, settings)


def installed() -> list[AdapterInfo]:
    """Every registered adapter with its distribution; broken ones are listed with the problem."""
    infos = []
    for name, entry in sorted(_entry_points().items()):
        dist, version = _origin(entry)
        try:
            wake = adapter_class(name).wake_words
        except AdapterError as error:
            logger.warning("%s", error)
            wake = ("(broken: see cockpit --debug)",)
        infos.append(AdapterInfo(name, dist, version, tuple(wake), entry.value))
    return infos
