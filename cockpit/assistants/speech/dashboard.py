"""Speech input in the dashboard (`cockpit run --listen`): a microphone, wake words, push-to-talk.

`DashboardVoice` owns a `VoiceControl` on the session's cockpit: it is started after the first
frame (the models load on the speech thread, so start-up budgets do not move), drained once per
frame by the loop, and closed with the dashboard. Space already submits `Listen(True)` (the typed
path, cockpit.ui.talk); the cockpit announces it as a `ListeningChanged` without a reason, and
that opens the microphone for the next utterance as push-to-talk; Esc (`Listen(False)`) cancels.
Everything the voice does reaches the screen as events through the read model.
Import it only after `cockpit.assistants.speech.require()`: it needs the voice extra.
"""

from __future__ import annotations

from collections.abc import Callable

from cockpit.assistants.speech.audio import MicrophoneSource, Source
from cockpit.assistants.speech.voice import VoiceControl
from cockpit.core.errors import AdapterError
from cockpit.core.events import ListeningChanged
from cockpit.session import Session


class DashboardVoice:
    """Voice input for the dashboard's session, from `device` (None: the system's default input)
    or from any other `source` (a recording, in tests)."""

    def __init__(self, session: Session, device: int | str | None = None,
                 source: Source | None = None) -> None:
        self._session = session
        self._device = device
        self._source = source
        self._voice: VoiceControl | None = None
        self._unsubscribe: Callable[[], None] | None = None

    @property
    def ended(self) -> bool:
        """Whether the speech thread stopped (its source ended or failed: see the log)."""
        return self._voice is not None and self._voice.ended is not None

    def start(self) -> None:
        """Open the microphone and start the speech thread; raises SpeechError or AudioError."""
        assistants = self._session.assistants
        if assistants is None:
            raise AdapterError("no assistant in this session")
        source = self._source if self._source is not None else MicrophoneSource(self._device)
        self._voice = VoiceControl(self._session.cockpit, assistants, source)
        self._unsubscribe = self._session.cockpit.bus.subscribe(self._on_listening, ListeningChanged)
        self._voice.start()

    def poll(self) -> None:
        """Once per frame: hand what the speech thread heard to the assistants."""
        if self._voice is not None:
            self._voice.poll()

    def close(self) -> None:
        """Stop the speech thread and release the microphone; safe to call twice."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        voice, self._voice = self._voice, None
        if voice is not None:
            voice.close()

    def _on_listening(self, event: ListeningChanged) -> None:
        if event.reason or self._voice is None:
            return  # the voice's own announcements carry a reason; only the push-to-talk key has none
        if event.listening:
            self._voice.press()
        else:
            self._voice.cancel()
