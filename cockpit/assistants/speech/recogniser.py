"""Recognition: three pocketsphinx passes over each utterance, fed frame by frame as it is spoken.

The grammar pass (JSGF) can only produce sentences the cockpit understands; it gives the partial
results shown while the driver speaks. The language-model pass (a trigram over the same sentences)
may wander off them, which is the point: when both passes mean the same thing the words were heard,
when they disagree they were not (see `judge`). The phone-loop pass (pocketsphinx's shipped phone
trigram, no words at all) scores the best any sounds could: how far the language-model pass's
sentence falls behind it is how badly the cockpit's words fit what was said (`Hypotheses.fit`).
Chatter the two word passes agree on ("electric cars are quiet" as "switch off all the lights")
falls well behind; commands do not. The passes run with `bestpath=False` (with a grammar the extra
lattice search costs about 0.2x real time and loses commands) on pocketsphinx's shipped US English
acoustic model. Used from the speech thread only.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

from cockpit.assistants.speech.audio import FRAME_S, RATE
from cockpit.assistants.speech.endpoint import PREROLL_FRAMES
from cockpit.assistants.speech.vocabulary import ModelFiles
from cockpit.core.errors import SpeechError

logger = logging.getLogger(__name__)

FRAMES_PER_S: Final = 100  # pocketsphinx's feature frames (its default frame rate)
FIT_LEAD_IN_S: Final = PREROLL_FRAMES * FRAME_S  # the lead-in the judge's fit thresholds assume
# pocketsphinx fails on (near) digital silence: 38 of 130 commands lost at -80 dBFS, 4 at -56 dBFS.
NOISE_FLOOR: Final = 50.0  # standard deviation in LSB (-56 dBFS), added to what the passes hear
# The language-model pass's best few distinct sentences (its n-best list, about 2 ms): when its best
# differs from the grammar pass only in a detail, the grammar's sentence is often its second guess.
ALTERNATIVES: Final = 5
# Wider beams than pocketsphinx's defaults: 4 more of 130 commands at 10 dB SNR for 5 % more time.
BEAMS: Final = {"beam": 1e-60, "wbeam": 1e-40, "pbeam": 1e-60}
# The phone loop's weight on its phone trigram (pocketsphinx's default 6.5): the freer the phones,
# the wider the gap between commands and chatter at 10 dB SNR (1.3 at 0.3, 1.0 at 1.0, 0.1 at 6.5,
# in `Hypotheses.fit` units, with 0.2 s of lead-in). It costs about 0.04x real time and 3 ms at the
# end of an utterance.
PHONE_WEIGHT: Final = 0.3


@dataclass(frozen=True, slots=True)
class Hypotheses:
    """What each pass heard in one utterance, and what it cost."""

    grammar: str
    language_model: str
    audio_s: float
    finish_ms: float
    alternatives: tuple[str, ...] = ()  # the language-model pass's n-best, its best first
    # the language-model pass's score minus the phone loop's, per 10 ms frame (pocketsphinx's log
    # units, base 1.0001): 0 when the sentence fits the sound as well as free phones, lower the
    # worse. The frames are counted as if the lead-in were always FIT_LEAD_IN_S long: quiet before
    # the words fits as well in both, and the endpointer gives less of it in quiet than in noise.
    fit: float = 0.0


class Recogniser:
    """Both passes for one model; raises SpeechError when pocketsphinx cannot load the model."""

    def __init__(self, files: ModelFiles) -> None:
        self.files = files
        self._grammar = _decoder(jsgf=str(files.jsgf), dict=str(files.dictionary))
        self._language_model = _decoder(lm=str(files.lm), dict=str(files.dictionary))
        self._phone_loop = _decoder(allphone=_shipped("en-us-phone.lm.bin"), lw=PHONE_WEIGHT, beams={})
        self._samples = 0
        self._lead_in_frames = 0
        self._active = False
        self._noise = np.random.default_rng(0)

    def start(self, lead_in_s: float = 0.0) -> None:
        """Begin an utterance whose first `lead_in_s` seconds come before the speech."""
        if self._active:
            self._end()
        for decoder in self._decoders:
            decoder.start_utt()
        self._samples = 0
        self._lead_in_frames = round(lead_in_s * FRAMES_PER_S)
        self._active = True

    def feed(self, pcm: bytes) -> None:
        """Add 16 kHz int16 audio to the utterance (with a noise floor: see `NOISE_FLOOR`)."""
        samples = np.frombuffer(pcm, np.int16).astype(np.float64)
        samples += self._noise.normal(0.0, NOISE_FLOOR, len(samples))
        floored = np.clip(samples, -32768, 32767).astype("<i2").tobytes()
        for decoder in self._decoders:
            decoder.process_raw(floored, False, False)
        self._samples += len(pcm) // 2

    def partial(self) -> tuple[str, str]:
        """Each pass's best guess so far, the grammar pass's first ("" before it has one)."""
        hyps = [decoder.hyp() if self._active else None for decoder in self._word_passes]
        first, second = (hyp.hypstr if hyp is not None else "" for hyp in hyps)
        return first, second

    def finish(self) -> Hypotheses:
        """End the utterance and return both passes' final hypotheses."""
        begun = time.perf_counter()
        self._end()
        grammar, language_model = (decoder.hyp() for decoder in self._word_passes)
        texts = [hyp.hypstr if hyp is not None else "" for hyp in (grammar, language_model)]
        alternatives = self._alternatives()
        return Hypotheses(texts[0], texts[1], self._samples / RATE, (time.perf_counter() - begun) * 1000,
                          alternatives, self._fit(language_model))

    def _fit(self, language_model: Any) -> float:
        """See `Hypotheses.fit`; `language_model` is that pass's final hypothesis (None without one)."""
        heard = self._language_model.n_frames()
        if not heard:
            return 0.0
        frames = max(1, heard - self._lead_in_frames + round(FIT_LEAD_IN_S * FRAMES_PER_S))
        sentence = _score(self._language_model, language_model)
        phones = _score(self._phone_loop, self._phone_loop.hyp())
        if sentence is None or phones is None:
            return -math.inf  # no words, or no path at all: nothing fits
        return (sentence - phones) / frames

    def _alternatives(self) -> tuple[str, ...]:
        found: dict[str, None] = {}
        for hyp in self._language_model.nbest() or ():
            if len(found) >= ALTERNATIVES:
                break
            if hyp is None:  # pocketsphinx hands back None for a path without words (noise alone)
                continue
            found.setdefault(" ".join(hyp.hypstr.split()))
        return tuple(found)

    def cancel(self) -> None:
        """Drop the utterance in progress."""
        if self._active:
            self._end()

    def _end(self) -> None:
        for decoder in self._decoders:
            decoder.end_utt()
        self._active = False

    @property
    def _word_passes(self) -> tuple[Any, Any]:
        return self._grammar, self._language_model

    @property
    def _decoders(self) -> tuple[Any, Any, Any]:
        return self._grammar, self._language_model, self._phone_loop


def _score(decoder: Any, hyp: Any) -> float | None:
    """`decoder`'s best path `hyp` scored in its log units (None without one); pocketsphinx hands the
    score over as a probability, normalised frame by frame, so it does not underflow."""
    if hyp is None or hyp.score <= 0.0:
        return None
    return float(decoder.get_logmath().log(hyp.score))


def _shipped(name: str) -> str:
    """A file of pocketsphinx's shipped US English model."""
    from pocketsphinx import get_model_path

    return str(get_model_path(f"en-us/{name}"))


def _decoder(beams: Mapping[str, float] = BEAMS, **search: str | float) -> Any:
    from pocketsphinx import Decoder

    try:
        return Decoder(hmm=_shipped("en-us"), samprate=RATE, bestpath=False, loglevel="FATAL",
                       **beams, **search)
    except (RuntimeError, ValueError) as error:
        raise SpeechError(f"speech model {search}: pocketsphinx could not load it: {error}") from None
