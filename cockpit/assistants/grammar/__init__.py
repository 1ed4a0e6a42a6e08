"""The shared cockpit grammar: words in, intents (with cockpit commands) out."""

from cockpit.assistants.grammar.intent import FALLBACK, Context, Intent, Place
from cockpit.assistants.grammar.parser import FOLLOW_UP_SECONDS, Grammar

__all__ = ["FALLBACK", "FOLLOW_UP_SECONDS", "Context", "Grammar", "Intent", "Place"]
