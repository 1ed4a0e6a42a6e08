"""Which grammar plugins a grammar uses: the built-in domains, then every plugin installed under
the entry-point group `cockpit.intents` (read once per process, lazily, on first use).

A plugin that fails to load or has the wrong shape is left out with a problem that names its entry
point and distribution (`RuleSet.problems`); the cockpit goes on with the others.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Final

from cockpit import plugins
from cockpit.assistants.grammar import cabin, climate, home, media, misc, places
from cockpit.assistants.grammar.rules import GrammarPlugin, Rule, RuleSet
from cockpit.core.errors import PluginError

__all__ = ["BUILTIN", "builtin", "installed", "verify"]

logger = logging.getLogger(__name__)

# In the order help and suggestions list their capabilities (rules run in their plugin's order).
BUILTIN: Final[tuple[GrammarPlugin, ...]] = (
    climate.PLUGIN,
    media.PLUGIN,
    places.PLUGIN,
    home.PLUGIN,
    cabin.PLUGIN,
    misc.QUESTIONS,
    misc.ROUTINES,
    misc.CONVERSATION,
)


def builtin() -> RuleSet:
    """The built-in grammar alone (for tests that must not see installed plugins)."""
    return RuleSet(BUILTIN)


@lru_cache(maxsize=1)
def installed() -> RuleSet:
    """The built-in grammar and every installed grammar plugin that loads."""
    found_plugins, problems = list(BUILTIN), []
    for found in plugins.entry_points_in(plugins.INTENTS).values():
        try:
            plugin = found.load("grammar plugin")
            verify(plugin, found.where)
        except PluginError as error:
            logger.warning("%s", error)
            problems.append(str(error))
            continue
        found_plugins.append(plugin)  # type: ignore[arg-type]  # verified above
    return RuleSet(found_plugins, problems)


def verify(plugin: object, where: str) -> None:
    """Raises PluginError unless `plugin` is a GrammarPlugin of the right shape and API version."""
    if not isinstance(plugin, GrammarPlugin):
        raise PluginError(f"grammar plugin {where} is not a GrammarPlugin: {type(plugin).__name__}")
    problems = []
    if not all(isinstance(r, Rule) for r in plugin.rules):
        problems.append("rules must be Rule objects (made with @rule)")
    try:
        plugins.check_api_version(plugin.api_version, "it")
    except PluginError as error:
        problems.append(str(error))
    if problems:
        raise PluginError(f"grammar plugin {where} has the wrong shape: {'; '.join(problems)}")
