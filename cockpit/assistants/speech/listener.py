"""The speech thread: audio in, utterances out, through a queue the main loop drains each tick.

One thread reads the source frame by frame (blocking reads, so a file device never loses audio),
measures the level, feeds the wake-word spotters and pocketsphinx's endpointer, and runs the
recogniser over each speech segment that is addressed (push-to-talk armed, a spotter's hit, or an
open microphone). Everything it learns goes onto
`inbox` as a small frozen message; it never touches the cockpit. The main thread talks to it only
through `push_to_talk()`, `cancel()`, `use()` and `stop()`, which take a lock-free
control queue. The recogniser's model is built and loaded here, after the first frame, so start-up
does not wait for it.
"""

from __future__ import annotations

import contextlib
import logging
import math
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from cockpit.assistants.speech.audio import FRAME_BYTES, FRAME_S, Source, level_dbfs, speech_over_noise_db
from cockpit.assistants.speech.endpoint import Endpointer
from cockpit.assistants.speech.recogniser import Hypotheses, Recogniser
from cockpit.assistants.speech.vocabulary import Spec, WakeWord, model_files
from cockpit.assistants.speech.wake import Spotted, Spotters

logger = logging.getLogger(__name__)

LEVEL_EVERY: Final = 2  # frames between level reports (60 ms)
PARTIAL_EVERY: Final = 8  # frames between partial results (240 ms)
ARMED_TIMEOUT_S: Final = 8.0  # push-to-talk with no speech gives up after this long
MAX_SEGMENT_S: Final = 12.0  # a segment this long is cut (a noise the endpointer takes for speech)


# --- messages from the speech thread --------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Level:
    dbfs: float


@dataclass(frozen=True, slots=True)
class SpeechBegan:
    time_s: float
    addressed: bool


@dataclass(frozen=True, slots=True)
class Partial:
    """Each pass's words so far: the grammar pass's are shown, the other's confirm a keyphrase."""

    text: str
    check: str = ""


@dataclass(frozen=True, slots=True)
class WakeHeard:
    spotted: Spotted


@dataclass(frozen=True, slots=True)
class Utterance:
    """One decoded speech segment. Times are seconds of audio since the listener started;
    `finished_at` is `time.perf_counter()` when the recogniser finished (for latency);
    `speech_over_noise_db` how loud the words were above the noise (`audio.speech_over_noise_db`)."""

    hypotheses: Hypotheses
    pushed: bool
    spotted: tuple[WakeWord, ...]
    speech_start_s: float
    speech_end_s: float
    audio_time_s: float
    finished_at: float
    speech_over_noise_db: float = math.inf


@dataclass(frozen=True, slots=True)
class TimedOut:
    """Push-to-talk was armed but nobody spoke."""


@dataclass(frozen=True, slots=True)
class Ended:
    """The listener stopped: the audio ended (`error` None) or failed."""

    error: str | None = None


Message = Level | SpeechBegan | Partial | WakeHeard | Utterance | TimedOut | Ended


@dataclass(slots=True)
class _Segment:
    start_s: float
    lead_in_s: float
    frames: list[bytes] = field(default_factory=list)
    decoding: bool = False
    pushed: bool = False
    spotted: list[WakeWord] = field(default_factory=list)


class Listener:
    """Runs the speech thread over `source` for the model `spec`; `start()`, then `stop()`.

    With `decode_all` every speech segment is recognised; otherwise only those after push-to-talk
    or a spotter's hit. `on_message` is called (on the speech thread) after each message is queued.
    """

    def __init__(self, source: Source, spec: Spec, *, decode_all: bool = True,
                 on_message: Callable[[], None] | None = None) -> None:
        self.inbox: queue.Queue[Message] = queue.Queue()
        self._source = source
        self._spec = spec
        self._control: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._decode_all = decode_all
        self._on_message = on_message
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    # --- main thread ------------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="cockpit-speech", daemon=True)
            self._thread.start()

    def push_to_talk(self) -> None:
        """Treat the next utterance (or the one being spoken) as addressed to the assistant."""
        self._control.put(("push", None))

    def cancel(self) -> None:
        """Forget a push-to-talk and drop the utterance being decoded."""
        self._control.put(("cancel", None))

    def use(self, spec: Spec) -> None:
        """Switch to the model for `spec` (built in the speech thread) before the next utterance."""
        self._control.put(("spec", spec))

    def stop(self, timeout: float = 5.0) -> None:
        """Stop reading and join the thread; safe to call twice."""
        self._stopping.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            if thread.is_alive():
                logger.warning("speech thread did not stop within %.1f s", timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # --- speech thread ----------------------------------------------------------------------------
    def _post(self, message: Message) -> None:
        self.inbox.put(message)
        if self._on_message is not None:
            self._on_message()

    def _run(self) -> None:
        error: str | None = None
        try:
            self._loop()
        except Exception as failure:  # reported to the main loop, which says it to the driver
            logger.exception("speech input failed")
            error = str(failure) or type(failure).__name__
        finally:
            with contextlib.suppress(Exception):
                self._source.close()
            self._post(Ended(error))

    def _loop(self) -> None:
        endpointer = Endpointer()
        state = _State(self._spec)
        try:
            while not self._stopping.is_set():
                frame = self._source.read()
                if frame is None:
                    break
                if len(frame) != FRAME_BYTES:
                    raise RuntimeError(f"audio source gave {len(frame)} bytes, not {FRAME_BYTES}")
                self._control_messages(state)
                self._frame(frame, endpointer, state)
            if state.segment is not None:
                self._close_segment(state, state.now)
        finally:
            state.close()

    def _control_messages(self, state: _State) -> None:
        while True:
            try:
                kind, value = self._control.get_nowait()
            except queue.Empty:
                return
            if kind == "push":
                state.armed_until = state.now + ARMED_TIMEOUT_S
                if state.segment is not None:
                    state.segment.pushed = True
                    self._begin_decoding(state)
            elif kind == "cancel":
                state.armed_until = None
                if state.segment is not None and state.segment.decoding and state.recogniser is not None:
                    state.recogniser.cancel()
                    state.segment.decoding = False
            elif kind == "spec":
                state.want(value)

    def _frame(self, frame: bytes, endpointer: Endpointer, state: _State) -> None:
        state.frames += 1
        state.now = state.frames * FRAME_S
        state.ensure_loaded()
        if state.frames % LEVEL_EVERY == 0:
            self._post(Level(level_dbfs(frame)))
        if state.spotters is not None:
            self._spotted(state, state.spotters.feed(frame, state.now))
        step = endpointer.process(frame)
        if step.started:
            self._open_segment(state, endpointer.speech_start_s, endpointer.lead_in_s)
        segment = state.segment
        if segment is not None:
            for audio in step.audio:
                segment.frames.append(audio)
                if segment.decoding and state.recogniser is not None:
                    state.recogniser.feed(audio)
                if state.spotters is not None:
                    self._spotted(state, state.spotters.feed_speech(audio, state.now))
            if segment.decoding and state.recogniser is not None and len(segment.frames) % PARTIAL_EVERY == 0:
                self._post(Partial(*state.recogniser.partial()))
            if step.ended:
                self._close_segment(state, endpointer.speech_end_s)
            elif state.now - segment.start_s > MAX_SEGMENT_S:
                self._close_segment(state, state.now)
        if state.armed_until is not None and state.segment is None and state.now > state.armed_until:
            state.armed_until = None
            self._post(TimedOut())

    def _spotted(self, state: _State, hits: list[Spotted]) -> None:
        for hit in hits:
            self._post(WakeHeard(hit))
            state.recent_hits.append(hit)
            if state.segment is not None:
                state.segment.spotted.append(hit.wake)
                self._begin_decoding(state)

    def _open_segment(self, state: _State, start_s: float, lead_in_s: float) -> None:
        segment = _Segment(start_s, lead_in_s)
        state.segment = segment
        if state.spotters is not None:
            state.spotters.begin_speech()
        hits = [h.wake for h in state.recent_hits if h.time_s >= start_s - 1.0]
        segment.spotted.extend(hits)
        segment.pushed = state.armed_until is not None
        if segment.pushed or segment.spotted or self._decode_all:
            self._begin_decoding(state)
        self._post(SpeechBegan(start_s, segment.pushed or bool(segment.spotted)))

    def _begin_decoding(self, state: _State) -> None:
        segment = state.segment
        if segment is None or segment.decoding or state.recogniser is None:
            return
        segment.decoding = True
        state.recogniser.start(segment.lead_in_s)
        for frame in segment.frames:  # catch up on what was said before the decision
            state.recogniser.feed(frame)

    def _close_segment(self, state: _State, end_s: float) -> None:
        segment = state.segment
        if segment is not None and segment.decoding and state.recogniser is not None:
            self._finish(state, end_s)
        state.segment = None
        if state.spotters is not None:
            state.spotters.end_speech()
        state.recent_hits = deque(h for h in state.recent_hits if h.time_s > state.now - 1.0)

    def _finish(self, state: _State, end_s: float) -> None:
        segment = state.segment
        assert segment is not None and state.recogniser is not None
        hypotheses = state.recogniser.finish()
        segment.decoding = False
        if segment.pushed:
            state.armed_until = None
        spotted = tuple(dict.fromkeys(segment.spotted))
        loudness = speech_over_noise_db(segment.frames, segment.lead_in_s)
        self._post(Utterance(hypotheses, segment.pushed, spotted, segment.start_s, end_s, state.now,
                             time.perf_counter(), loudness))
        state.apply_wanted_model()


class _State:
    """What the speech thread keeps between frames."""

    def __init__(self, spec: Spec) -> None:
        self.frames = 0
        self.now = 0.0
        self.segment: _Segment | None = None
        self.armed_until: float | None = None
        self.recent_hits: deque[Spotted] = deque()
        self.recogniser: Recogniser | None = None
        self.spotters: Spotters | None = None
        self._loaded: Spec | None = None
        self._wanted = spec

    def want(self, spec: Spec) -> None:
        self._wanted = spec
        if self.segment is None or not self.segment.decoding:
            self.apply_wanted_model()

    def ensure_loaded(self) -> None:
        if self._loaded is None:
            self.apply_wanted_model()

    def apply_wanted_model(self) -> None:
        """Load the wanted model if it differs from the loaded one (between utterances only)."""
        wanted = self._wanted
        if self._loaded is not None and wanted.fingerprint == self._loaded.fingerprint:
            return
        files = model_files(wanted)
        self.recogniser = Recogniser(files)
        if self.spotters is not None:
            self.spotters.close()
        self.spotters = Spotters(wanted.wake_words, files)  # its keyphrases are in the model's dictionary
        self._loaded = wanted

    def close(self) -> None:
        if self.recogniser is not None:
            self.recogniser.cancel()
        if self.spotters is not None:
            self.spotters.close()
