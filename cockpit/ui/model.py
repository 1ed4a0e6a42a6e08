"""What the dashboard shows beyond signals: toasts, the conversation, the active tab, status flags.

Fed by cockpit events (NoticeRaised, ProfileApplied, AssistantReplied, HomeDeviceChanged, deferred
and rejected user commands) and by the key handlers. The dashboard sets `broker` from the home
bridge each frame; push-to-talk (cockpit.ui.talk) drives the conversation's listening state.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from cockpit.assistants.conversation import Conversation
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import Source
from cockpit.core.events import (
    CommandDeferred,
    CommandRejected,
    HomeDeviceChanged,
    NoticeRaised,
    ProfileApplied,
)

TOAST_SECONDS = 4.0
LONG_TOAST_SECONDS = 8.0  # a profile summary and warnings: long enough to read them out
TOASTS_SHOWN = 3
SEPARATOR = " · "


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


class UiModel:
    """Dashboard state that is not a signal; subscribes to the cockpit's bus until `close()`."""

    def __init__(self, cockpit: Cockpit, tabs: tuple[str, ...],
                 on_reply: Callable[[str], object] | None = None) -> None:
        self.cockpit = cockpit
        self.tabs = tabs
        self.tab = "car" if "car" in tabs else tabs[0]
        self.help_visible = False
        self.broker = Broker.DISABLED
        self.profile_name = ""
        self.profile_id = ""
        self.home_version = 0  # bumped by every HomeDeviceChanged: the home tiles redraw
        self.home_states: dict[str, Mapping[str, Any]] = {}  # the latest state of each device
        self.cursor: dict[str, int] = {}  # the selected item of each tab's list (carousel, tiles)
        self.conversation = Conversation(cockpit.bus, on_reply=on_reply)
        self._toasts: deque[Toast] = deque(maxlen=8)
        bus = cockpit.bus
        self._unsubscribe: list[Callable[[], None]] = [
            bus.subscribe(self._on_notice, NoticeRaised),
            bus.subscribe(self._on_profile, ProfileApplied),
            bus.subscribe(self._on_home, HomeDeviceChanged),
            bus.subscribe(self._on_refused, CommandDeferred),
            bus.subscribe(self._on_refused, CommandRejected),
        ]

    @property
    def listening(self) -> bool:
        return self.conversation.listening

    def toast(self, text: str, level: str = "info", seconds: float = TOAST_SECONDS) -> None:
        """Show `text` over the centre display for a few seconds."""
        self._toasts.append(Toast(text, level, self.cockpit.now + seconds))

    def current_toasts(self) -> tuple[Toast, ...]:
        """The newest toasts still on screen (oldest first), dropping expired ones."""
        now = self.cockpit.now
        live = [toast for toast in self._toasts if toast.until > now]
        if len(live) != len(self._toasts):
            self._toasts = deque(live, maxlen=self._toasts.maxlen)
        return tuple(live[-TOASTS_SHOWN:])

    def current_toast(self) -> Toast | None:
        """The newest toast still on screen."""
        toasts = self.current_toasts()
        return toasts[-1] if toasts else None

    def next_tab(self) -> None:
        self.tab = self.tabs[(self.tabs.index(self.tab) + 1) % len(self.tabs)]

    def move_cursor(self, tab: str, step: int, count: int) -> int:
        """Move the selection of `tab` by `step` over `count` items (wrapping); returns it."""
        index = (self.cursor.get(tab, 0) + step) % count if count else 0
        self.cursor[tab] = index
        return index

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
        self.conversation.close()

    def _on_notice(self, event: NoticeRaised) -> None:
        seconds = TOAST_SECONDS if event.level == "info" else LONG_TOAST_SECONDS
        self.toast(event.text, event.level, seconds)

    def _on_profile(self, event: ProfileApplied) -> None:
        self.profile_name = event.display_name
        self.profile_id = event.profile_id
        self.cursor.pop("profiles", None)  # the carousel shows the new driver
        summary = SEPARATOR.join(event.changes)
        self.toast(f"{event.display_name}: {summary}" if summary else event.display_name,
                   "profile", LONG_TOAST_SECONDS)

    def _on_home(self, event: HomeDeviceChanged) -> None:
        self.home_states[event.device_id] = event.state
        self.home_version += 1

    def _on_refused(self, event: CommandDeferred | CommandRejected) -> None:
        if event.command.source is Source.USER:
            level = "warning" if isinstance(event, CommandRejected) else "info"
            self.toast(event.reason, level)
