"""The cockpit's plugin groups and the one way their entry points are read.

A plugin is a distribution that declares entry points in one of these groups (built-ins are
declared the same way, in our own pyproject, so there is one path for both):

    cockpit.assistants   an AssistantAdapter subclass            (cockpit.assistants.registry)
    cockpit.intents      a GrammarPlugin: rules and capabilities  (cockpit.assistants.grammar)
    cockpit.signals      a SignalPlugin: extension VSS signals    (cockpit.core.extensions, loaded
                                                                  here by `signal_plugins`)

Entry points are read lazily, inside the functions that need them, never at import time. Every
failure names the entry point and the distribution it came from, and what went wrong.

Every plugin declares the plugin API version it was written for (`api_version`). This cockpit
speaks `API_VERSION`; a plugin that declares another version is refused with both numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import Final

from cockpit.core.errors import CockpitError, PluginError
from cockpit.core.extensions import SignalPlugin

__all__ = [
    "ADAPTERS",
    "API_VERSION",
    "INTENTS",
    "SIGNALS",
    "Found",
    "SignalPlugin",
    "check_api_version",
    "entry_points_in",
    "origin",
    "signal_plugins",
]

API_VERSION: Final = 1
SUPPORTED_API_VERSIONS: Final = frozenset({API_VERSION})
ADAPTERS: Final = "cockpit.assistants"
INTENTS: Final = "cockpit.intents"
SIGNALS: Final = "cockpit.signals"


@dataclass(frozen=True, slots=True)
class Found:
    """One entry point of a group, with where it comes from."""

    entry: EntryPoint
    distribution: str
    version: str

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def where(self) -> str:
        """How an error names it: "entry point 'x' (module:object) from dist 1.0"."""
        return f"entry point {self.entry.name!r} ({self.entry.value}) from {self.distribution} {self.version}"

    def load(self, what: str, error_type: type[CockpitError] = PluginError) -> object:
        """The object the entry point names; raises `error_type` naming it when the import fails."""
        try:
            return self.entry.load()
        except Exception as error:
            problem = f"{type(error).__name__}: {error}"
            raise error_type(f"{what} {self.where} failed to import: {problem}") from error


def origin(entry: EntryPoint) -> tuple[str, str]:
    """(distribution name, version) of an entry point."""
    dist = entry.dist
    if dist is None:
        return "unknown distribution", "?"
    return dist.metadata["Name"] or dist.name, dist.version


def entry_points_in(group: str) -> dict[str, Found]:
    """The entry points of `group` by name (read now: installing a plugin needs no restart of this
    function, only of the process that already loaded it)."""
    return {ep.name: Found(ep, *origin(ep)) for ep in entry_points(group=group)}


def check_api_version(declared: object, what: str, supported: Iterable[int] = SUPPORTED_API_VERSIONS) -> None:
    """Raises PluginError when a plugin declares no plugin API version or one this cockpit lacks."""
    versions = sorted(supported)
    if isinstance(declared, bool) or not isinstance(declared, int):
        raise PluginError(f"{what} declares no plugin API version (api_version = {API_VERSION})")
    if declared not in versions:
        raise PluginError(f"{what} was written for plugin API {declared}; this cockpit speaks "
                          f"{', '.join(str(v) for v in versions)}")


def signal_plugins() -> tuple[list[SignalPlugin], list[str]]:
    """The installed signal plugins that load and have the right shape, and a problem (naming the
    entry point and its distribution) for each that does not."""
    found, problems = [], []
    for entry in entry_points_in(SIGNALS).values():
        try:
            plugin = entry.load("signal plugin")
            if not isinstance(plugin, SignalPlugin):
                kind = type(plugin).__name__
                raise PluginError(f"signal plugin {entry.where} is not a SignalPlugin: {kind}")
            check_api_version(plugin.api_version, f"signal plugin {entry.where}")
        except PluginError as error:
            problems.append(str(error))
            continue
        found.append(plugin)
    return found, problems
