"""The transcript and push-to-talk state an assistant panel draws, fed by `AssistantReplied`.

Kept free of pygame: the panel widget reads `bubbles`, `listening` and `version` (which changes
whenever something visible changed) and calls `press()` / `release()` for the push-to-talk key.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from cockpit.core.events import AssistantReplied, EventBus

DRIVER: Final = "driver"
ASSISTANT: Final = "assistant"
PULSE_SECONDS: Final = 1.2


@dataclass(frozen=True, slots=True)
class Bubble:
    """One line of the transcript."""

    speaker: str
    text: str
    time: float
    adapter: str


class Conversation:
    """The last `limit` bubbles plus the listening state; subscribe once, `close()` to detach."""

    def __init__(
        self, bus: EventBus, limit: int = 40, on_reply: Callable[[str], object] | None = None
    ) -> None:
        """`on_reply` is called with each reply's text (e.g. `tts.speak`)."""
        self._bubbles: deque[Bubble] = deque(maxlen=limit)
        self._on_reply = on_reply
        self._listening_since: float | None = None
        self.version = 0
        self._unsubscribe: Callable[[], None] | None = bus.subscribe(self._replied, AssistantReplied)

    @property
    def bubbles(self) -> tuple[Bubble, ...]:
        return tuple(self._bubbles)

    @property
    def listening(self) -> bool:
        return self._listening_since is not None

    def press(self, now: float) -> None:
        """Push-to-talk pressed: start listening."""
        if self._listening_since is None:
            self._listening_since = now
            self.version += 1

    def release(self) -> None:
        """Push-to-talk released (or an utterance was submitted): stop listening."""
        if self._listening_since is not None:
            self._listening_since = None
            self.version += 1

    def pulse(self, now: float) -> float:
        """0..1 phase of the listening animation (0 when not listening)."""
        if self._listening_since is None:
            return 0.0
        phase = ((now - self._listening_since) % PULSE_SECONDS) / PULSE_SECONDS
        return 0.5 - 0.5 * math.cos(2 * math.pi * phase)

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _replied(self, event: AssistantReplied) -> None:
        self.release()
        if event.utterance.strip():
            self._bubbles.append(Bubble(DRIVER, event.utterance.strip(), event.time, event.adapter))
        if event.reply:
            self._bubbles.append(Bubble(ASSISTANT, event.reply, event.time, event.adapter))
            if self._on_reply is not None:
                self._on_reply(event.reply)
        self.version += 1
