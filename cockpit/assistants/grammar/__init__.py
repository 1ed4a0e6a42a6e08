"""The shared cockpit grammar: words in, intents (with cockpit commands) out.

This package is the public API for grammar plugins (docs/plugins.md): `GrammarPlugin`, `rule`,
`Capability`, `Order`, `Intent`, `Context`, and the word helpers a rule handler needs (`number`,
`switched_off`, `zone`, ...). Everything else in the package may change without notice.
"""

from cockpit.assistants.grammar.intent import FALLBACK, Context, Intent
from cockpit.assistants.grammar.parser import FOLLOW_UP_SECONDS, Grammar
from cockpit.assistants.grammar.rules import Capability, GrammarPlugin, Handler, Order, Rule, RuleSet, rule
from cockpit.assistants.grammar.text import normalise
from cockpit.assistants.grammar.units import BOTH, DRIVER, PASSENGER, number, paths_for, switched_off, zone
from cockpit.core.facts import Place

__all__ = [
    "BOTH",
    "DRIVER",
    "FALLBACK",
    "FOLLOW_UP_SECONDS",
    "PASSENGER",
    "Capability",
    "Context",
    "Grammar",
    "GrammarPlugin",
    "Handler",
    "Intent",
    "Order",
    "Place",
    "Rule",
    "RuleSet",
    "normalise",
    "number",
    "paths_for",
    "rule",
    "switched_off",
    "zone",
]
