"""Driving voice input on a session until its audio ends: `cockpit say --audio`, `cockpit listen`,
`cockpit bench voice` and the speech tests all play audio this way.

`play()` starts a `VoiceControl` on the session's cockpit and assistants, then, like the dashboard's
loop, drains the speech thread's messages every tick and steps the session by the wall-clock time
that passed, until the source ends (a file's last frame, `--seconds` of a microphone) or the caller
asks to stop (Ctrl-C, SIGTERM: `cockpit.shutdown.requested()`, checked every tick); the speech
thread is always stopped before it returns.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from cockpit import shutdown
from cockpit.assistants.speech.audio import FRAME_S, Source
from cockpit.assistants.speech.voice import Turn, VoiceControl
from cockpit.core.errors import AdapterError, SpeechError

if TYPE_CHECKING:
    from cockpit.session import Session

TICK_S: Final = 1 / 60  # the dashboard's frame: how often the main loop drains the speech queue


class SecondsOf:
    """The first `seconds` of another source's audio (then its end)."""

    def __init__(self, source: Source, seconds: float) -> None:
        self._source = source
        self._frames_left = max(0, round(seconds / FRAME_S))

    def read(self) -> bytes | None:
        if self._frames_left <= 0:
            return None
        self._frames_left -= 1
        return self._source.read()

    def close(self) -> None:
        self._source.close()


def play(session: Session, source: Source, *, open_mic: bool, wake_words: bool | None = None,
         on_turn: Callable[[Turn], None] | None = None, step: bool = True,
         timeout_s: float | None = None) -> list[Turn]:
    """Every turn of `source`'s audio, through the session's voice input.

    With `open_mic` every utterance is for the driver's assistant; otherwise a wake word is needed
    (`wake_words` True or False overrides the driver's profile; None: it decides).
    `on_turn` sees each turn as it is finished; `step` advances the session by the time that passed.
    Raises SpeechError when the audio fails or the recogniser cannot load its model, or when
    `timeout_s` passes first.
    """
    assistants = session.assistants
    if assistants is None:
        raise AdapterError("no assistant in this session")
    voice = VoiceControl(session.cockpit, assistants, source, open_mic=open_mic, wake_words=wake_words)
    turns: list[Turn] = []
    began = last = time.monotonic()
    voice.start()
    try:
        while voice.ended is None and not shutdown.requested():  # the thread's last message is Ended
            for turn in voice.poll():
                turns.append(turn)
                if on_turn is not None:
                    on_turn(turn)
            time.sleep(TICK_S)
            now = time.monotonic()
            if step:
                session.step(now - last)
            last = now
            if timeout_s is not None and now - began > timeout_s:
                raise SpeechError(f"speech input did not finish within {timeout_s:.0f} s")
    finally:
        voice.close()
    if voice.ended is not None and voice.ended.error:
        raise SpeechError(f"speech input failed: {voice.ended.error}")
    return turns
