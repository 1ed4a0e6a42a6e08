"""What the dashboard shows beyond signals: toasts, the transcript, the active tab, status flags.

Fed by cockpit events (NoticeRaised, ProfileApplied, AssistantReplied, deferred and rejected user
commands) and by the key handlers. Other parts set the flags they own: the home bridge sets
`broker`, an assistant sets `listening`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import Source
from cockpit.core.events import (
    AssistantReplied,
    CommandDeferred,
    CommandRejected,
    NoticeRaised,
    ProfileApplied,
)

TOAST_SECONDS = 4.0
TRANSCRIPT_LINES = 6


class Broker(Enum):
    """The MQTT broker as the status bar shows it."""

    DISABLED = "disabled"
    ONLINE = "online"
    OFFLINE = "offline"


@dataclass(frozen=True, slots=True)
class Toast:
    """A short message over the centre display until `until` (simulated seconds)."""

    text: str
    level: str
    until: float


@dataclass(frozen=True, slots=True)
class Exchange:
    """One utterance and the assistant's reply."""

    adapter: str
    utterance: str
    reply: str


class UiModel:
    """Dashboard state that is not a signal; subscribes to the cockpit's bus until `close()`."""

    def __init__(self, cockpit: Cockpit, tabs: tuple[str, ...]) -> None:
        self.cockpit = cockpit
        self.tabs = tabs
        self.tab = "car" if "car" in tabs else tabs[0]
        self.help_visible = False
        self.broker = Broker.DISABLED
        self.listening = False
        self.profile_name = ""
        self.transcript: deque[Exchange] = deque(maxlen=TRANSCRIPT_LINES)
        self._toasts: deque[Toast] = deque(maxlen=4)
        bus = cockpit.bus
        self._unsubscribe: list[Callable[[], None]] = [
            bus.subscribe(self._on_notice, NoticeRaised),
            bus.subscribe(self._on_profile, ProfileApplied),
            bus.subscribe(self._on_reply, AssistantReplied),
            bus.subscribe(self._on_refused, CommandDeferred),
            bus.subscribe(self._on_refused, CommandRejected),
        ]

    def toast(self, text: str, level: str = "info") -> None:
        """Show `text` over the centre display for a few seconds."""
        self._toasts.append(Toast(text, level, self.cockpit.now + TOAST_SECONDS))

    def current_toast(self) -> Toast | None:
        """The newest toast still on screen, dropping expired ones."""
        now = self.cockpit.now
        while self._toasts and self._toasts[0].until <= now:
            self._toasts.popleft()
        return self._toasts[-1] if self._toasts else None

    def next_tab(self) -> None:
        self.tab = self.tabs[(self.tabs.index(self.tab) + 1) % len(self.tabs)]

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()

    def _on_notice(self, event: NoticeRaised) -> None:
        self.toast(event.text, event.level)

    def _on_profile(self, event: ProfileApplied) -> None:
        self.profile_name = event.display_name
        summary = ", ".join(event.changes[:3]) + (" …" if len(event.changes) > 3 else "")
        self.toast(f"{event.display_name}: {summary}" if summary else event.display_name)

    def _on_reply(self, event: AssistantReplied) -> None:
        self.transcript.append(Exchange(event.adapter, event.utterance, event.reply))

    def _on_refused(self, event: CommandDeferred | CommandRejected) -> None:
        if event.command.source is Source.USER:
            level = "warning" if isinstance(event, CommandRejected) else "info"
            self.toast(event.reason, level)
