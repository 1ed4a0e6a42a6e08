"""The assistant's side of the read model: the transcript bubbles, whether it is listening, and
whether it waits for the driver to confirm something that opens the house or the car.

Fed by `AssistantReplied` (a driver bubble and an assistant bubble), `ListeningChanged`
(push-to-talk, or a speech front end; a reply ends listening) and the confirmation events
(`ConfirmationRequested` until answered or expired; `VoicePinLocked`). With speech input
(cockpit.assistants.speech) also `VoiceLevelChanged` (the listening animation follows the
microphone instead of a steady pulse), `PartialSpeechHeard` (the words so far) and
`SpeechRecognised`, whose confidence the driver bubble of the reply that follows carries, and
`MicrophoneChanged` (whether a microphone listens, and the wake word the driver can say).
`version` changes whenever something visible changed, so a panel can tell without comparing the
bubbles.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from typing import Final

from cockpit.core.events import (
    AssistantReplied,
    ConfirmationAnswered,
    ConfirmationExpired,
    ConfirmationRequested,
    ListeningChanged,
    MicrophoneChanged,
    PartialSpeechHeard,
    SpeechRecognised,
    VoiceLevelChanged,
    VoicePinLocked,
)

DRIVER: Final = "driver"
ASSISTANT: Final = "assistant"
PULSE_SECONDS: Final = 1.2
SURE: Final = 0.9  # recogniser confidence from which what was heard is shown as certain
UNSURE: Final = 0.5  # below it the words were a guess (the voice asked or said "Sorry?")


@dataclass(frozen=True, slots=True)
class Bubble:
    """One line of the transcript; `confidence` is the recogniser's for words the driver spoke
    (None for typed ones)."""

    speaker: str
    text: str
    time: float
    adapter: str
    confidence: float | None = None

    @property
    def certainty(self) -> int:
        """0 typed; spoken 3 (sure), 2 (both passes meant the same) or 1 (a guess)."""
        if self.confidence is None:
            return 0
        return 3 if self.confidence >= SURE else 2 if self.confidence >= UNSURE else 1


@dataclass(frozen=True, slots=True)
class Awaiting:
    """A question the assistant asked before it opens the house or the car: what it would do, and
    whether a yes ("confirm") or the voice PIN ("pin") answers it, until `expires`."""

    adapter: str
    what: tuple[str, ...]
    method: str
    expires: float


class Conversation:
    """The last `limit` bubbles, the listening state and a pending confirmation."""

    def __init__(self, limit: int = 40) -> None:
        self._bubbles: deque[Bubble] = deque(maxlen=limit)
        self._listening_since: float | None = None
        self.awaiting: Awaiting | None = None
        self.pin_locked_until: float | None = None
        self.level: float | None = None  # the microphone while listening (None: no speech input)
        self.partial = ""  # the words heard so far of what the driver is saying
        self.microphone = False  # a speech front end listens (cockpit run --listen)
        self.wake_word = ""  # what the driver can say instead of pressing push-to-talk
        self._heard_confidence: float | None = None  # of the last recognised words, for their bubble
        self.version = 0

    def pin_locked(self, now: float) -> bool:
        """Whether too many wrong voice PINs keep voice unlocking locked at `now`."""
        return self.pin_locked_until is not None and now < self.pin_locked_until

    def on_confirmation(self, event: ConfirmationRequested | ConfirmationAnswered
                        | ConfirmationExpired) -> None:
        if isinstance(event, ConfirmationRequested):
            self.awaiting = Awaiting(event.adapter, event.what, event.method, event.expires)
        elif not (isinstance(event, ConfirmationAnswered) and event.reason == "wrong_pin"):
            self.awaiting = None  # a wrong PIN leaves the question open for another try
        self.version += 1

    def on_pin_locked(self, event: VoicePinLocked) -> None:
        self.pin_locked_until = event.until
        self.version += 1

    @property
    def bubbles(self) -> tuple[Bubble, ...]:
        return tuple(self._bubbles)

    @property
    def listening(self) -> bool:
        return self._listening_since is not None

    def pulse(self, now: float) -> float:
        """0..1 phase of the listening animation (0 when not listening)."""
        if self._listening_since is None:
            return 0.0
        phase = ((now - self._listening_since) % PULSE_SECONDS) / PULSE_SECONDS
        return 0.5 - 0.5 * math.cos(2 * math.pi * phase)

    def on_listening(self, event: ListeningChanged) -> None:
        if event.listening == self.listening:
            return  # pressing push-to-talk again while listening changes nothing
        self._listening_since = event.time if event.listening else None
        if not event.listening:
            self.level, self.partial = None, ""
        self.version += 1

    def on_level(self, event: VoiceLevelChanged) -> None:
        if self.listening:
            self.level = event.level
            self.version += 1

    def on_microphone(self, event: MicrophoneChanged) -> None:
        self.microphone, self.wake_word = event.on, event.wake_word if event.on else ""
        self.version += 1

    def on_partial(self, event: PartialSpeechHeard) -> None:
        self.partial = event.text
        self.version += 1

    def on_recognised(self, event: SpeechRecognised) -> None:
        self.partial = ""
        self._heard_confidence = event.confidence
        self.version += 1

    def on_replied(self, event: AssistantReplied) -> None:
        self._listening_since = None
        self.level, self.partial = None, ""
        confidence, self._heard_confidence = self._heard_confidence, None
        if event.utterance.strip():
            self._bubbles.append(Bubble(DRIVER, event.utterance.strip(), event.time, event.adapter,
                                        confidence))
        if event.reply:
            self._bubbles.append(Bubble(ASSISTANT, event.reply, event.time, event.adapter))
        self.version += 1
