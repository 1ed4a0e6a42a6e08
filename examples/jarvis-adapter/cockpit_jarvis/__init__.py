"""Jarvis: a butler-style assistant adapter, written against the public SmartCockpit plugin API only.

It has no native wire format of its own; each turn is rendered as a small "butler log" entry, and
the grammar's commands go to the cockpit unchanged.
"""

from __future__ import annotations

from typing import ClassVar

from cockpit.assistants.base import AdapterSettings, AssistantAdapter, Rendering, ReplyStyle, passthrough
from cockpit.assistants.grammar import Intent


class JarvisSettings(AdapterSettings):
    """How Jarvis addresses the driver."""

    honorific: str = "sir"


class JarvisAdapter(AssistantAdapter):
    """A polite butler that speaks the cockpit grammar."""

    name: ClassVar[str] = "jarvis"
    display_name: ClassVar[str] = "Jarvis"
    wake_words: ClassVar[tuple[str, ...]] = ("Jarvis",)
    api_version: ClassVar[int | None] = 1
    settings_model: ClassVar[type[AdapterSettings]] = JarvisSettings
    reply_style: ClassVar[ReplyStyle] = ReplyStyle(
        ok="Very good.",
        confirm="Very good. {reply}",
        deferred="Of course. {reply} Once we are parked.",
        rejected="I'm afraid not: {reason}.",
        fallback="I'm afraid I don't follow. I can see to {capabilities}. Say 'help' for ideas.",
    )

    def _render(self, intent: Intent) -> Rendering:
        plain = passthrough(intent)
        settings = self.settings
        honorific = settings.honorific if isinstance(settings, JarvisSettings) else "sir"
        entry = {
            "kind": "jarvis.log",
            "intent": intent.name,
            "slots": dict(intent.slots),
            "addressing": honorific,
            "actions": [c.describe() for c in intent.commands],
        }
        return Rendering((entry,), plain.commands)
