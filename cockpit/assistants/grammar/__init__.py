"""The shared cockpit grammar: words in, intents (with cockpit commands) out."""

from cockpit.assistants.grammar.intent import FALLBACK, Context, Intent
from cockpit.assistants.grammar.parser import FOLLOW_UP_SECONDS, Grammar
from cockpit.core.facts import Place

__all__ = ["FALLBACK", "FOLLOW_UP_SECONDS", "Context", "Grammar", "Intent", "Place"]
