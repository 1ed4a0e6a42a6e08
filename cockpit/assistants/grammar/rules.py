"""The grammar's building blocks, public for plugins: rules, capabilities and grammar plugins.

A `Rule` is a regular expression over the normalised utterance (lower case, numbers as digits,
typos and filler words gone: see `normalise`) and a handler that turns a match into an `Intent`,
or returns None to let the rules after it try. A `GrammarPlugin` bundles rules with the
`Capability`s they add: help, the fallback reply and the dashboard's suggestions are built from
the capabilities of every installed plugin. The built-in domains (climate, media, home, ...) are
grammar plugins too; a third-party one is an entry point in the group `cockpit.intents`
(see docs/plugins.md), or is declared by an adapter for its own turns (`AssistantAdapter.intents`).

Rules are tried in the order of their plugin's `order` (lower first; `Order` names the built-in
stages), then in the order the plugin lists them; the first rule that returns an intent wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from cockpit.assistants.grammar.intent import Context, Intent

__all__ = ["Capability", "GrammarPlugin", "Handler", "Order", "Rule", "RuleSet", "rule"]

Handler = Callable[[re.Match[str], Context], Intent | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern over the normalised utterance and the handler that turns a match into an intent."""

    pattern: re.Pattern[str]
    handler: Handler

    @property
    def name(self) -> str:
        """module.function of the handler, for logs and error messages."""
        return f"{getattr(self.handler, '__module__', '?')}.{getattr(self.handler, '__qualname__', '?')}"


def rule(pattern: str) -> Callable[[Handler], Rule]:
    """Decorate a handler with the pattern it answers (compiled once, here); list the result in
    a GrammarPlugin's `rules`."""
    compiled = re.compile(pattern)

    def wrap(handler: Handler) -> Rule:
        return Rule(compiled, handler)

    return wrap


class Order(IntEnum):
    """Where a plugin's rules run among the built-in ones (lower first)."""

    CONVERSATION = 100  # yes / no, cancel, help
    ROUTINES = 200  # "I'm heading home", profile switches
    PLUGINS = 300  # the default for third-party rules: before the built-in device rules
    CABIN = 350  # the car's own lights: "ambient" or "interior" wins over the home's lights
    HOME = 400
    PLACES = 500
    QUESTIONS = 600
    CAR = 700
    MEDIA = 800


@dataclass(frozen=True, slots=True)
class Capability:
    """Something the assistant can do, as help and suggestions describe it.

    `title` is how the fallback reply lists it ("the sunroof"); `examples` are utterances the
    grammar understands, the first one shown by help and in the dashboard's suggestions.
    """

    name: str
    title: str
    examples: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.examples:
            raise ValueError(f"capability {self.name!r} needs at least one example utterance")


@dataclass(frozen=True, slots=True)
class GrammarPlugin:
    """Rules and the capabilities they add. Third-party plugins declare `api_version`."""

    name: str
    rules: tuple[Rule, ...] = ()
    capabilities: tuple[Capability, ...] = ()
    order: int = Order.PLUGINS
    api_version: int | None = None


class RuleSet:
    """The rules a grammar tries, in order, and every capability they add.

    `problems` says which plugins could not be loaded (each message names the entry point and its
    distribution); the rules of the others are used all the same.
    """

    def __init__(self, plugins: Sequence[GrammarPlugin], problems: Iterable[str] = ()) -> None:
        self.plugins = tuple(plugins)
        ordered = [plugin for _, plugin in sorted(enumerate(self.plugins), key=lambda p: (p[1].order, p[0]))]
        self.rules: tuple[Rule, ...] = tuple(r for plugin in ordered for r in plugin.rules)
        self.capabilities: tuple[Capability, ...] = tuple(c for plugin in self.plugins
                                                          for c in plugin.capabilities)
        self.problems = tuple(problems)

    def with_plugins(self, *extra: GrammarPlugin) -> RuleSet:
        """This rule set with more plugins (an adapter's own intents)."""
        return RuleSet((*self.plugins, *extra), self.problems) if extra else self

    def suggestions(self, per_capability: int = 2) -> tuple[str, ...]:
        """Example utterances, the first few of each capability, for the dashboard to suggest."""
        return tuple(example for capability in self.capabilities
                     for example in capability.examples[:per_capability])
