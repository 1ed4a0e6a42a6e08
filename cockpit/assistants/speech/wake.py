"""Wake-word spotting: the shipped micro wake-word models where one fits a phrase, else keyphrases.

pymicro-wakeword ships small neural models ("alexa", "hey jarvis", ...) that run on every frame at
about 0.002x real time; an adapter whose wake phrase matches one gets it. A phrase with no model
("hey google", "ok google") is spotted by pocketsphinx's keyphrase search over each speech segment
as it is spoken (about 0.03x real time while someone speaks). Its threshold was chosen on the
synthetic set at 10 dB SNR (`cockpit bench voice`): looser thresholds find more "Hey Google"s but
also hear "I googled" and "OK, go left" as wake words. A spotter hit opens the segment for
recognition at once, so the listening animation starts on the wake word; the recogniser's passes
then confirm the phrase before anything is acted on (see `voice.VoiceControl`). Nothing but a
spotter's hit, push-to-talk or an open microphone gets a segment decoded. Used from the speech
thread only.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from cockpit.assistants.speech.audio import RATE
from cockpit.assistants.speech.vocabulary import ModelFiles, WakeWord

logger = logging.getLogger(__name__)

REFRACTORY_S: Final = 2.0  # one "Alexa" fires the model on many consecutive frames: report it once
KEYPHRASE_THRESHOLD: Final = 1e-30  # see the module docstring
# Below the shipped "alexa" model's own 0.9: streamed through all 130 "Alexa, <command>" of the set
# at 10 dB SNR it found 104 instead of 99, and still none in 1.25 hours of speech without it (0.7:
# 107, and one).
MICRO_CUTOFF: Final = 0.8


@dataclass(frozen=True, slots=True)
class Spotted:
    """A wake phrase heard at `time_s` (seconds of audio since the listener started)."""

    wake: WakeWord
    time_s: float


def micro_models() -> dict[str, Any]:
    """Shipped micro wake-word models by their phrase in lower case ("alexa", "hey jarvis", ...)."""
    from pymicro_wakeword import Model

    return {model.value.replace("_", " "): model for model in Model}


class MicroSpotter:
    """One micro wake-word model for one wake phrase, fed 16 kHz int16 audio of any length."""

    def __init__(self, wake: WakeWord, model: Any) -> None:
        from pymicro_wakeword import MicroWakeWord, MicroWakeWordFeatures

        self.wake = wake
        self._model = MicroWakeWord.from_builtin(model)
        self._model.probability_cutoff = min(self._model.probability_cutoff, MICRO_CUTOFF)
        self._features = MicroWakeWordFeatures()
        self._quiet_until = 0.0

    def feed(self, pcm: bytes, now_s: float) -> list[Spotted]:
        """Spotted phrases in `pcm`, audio that ends at `now_s`."""
        hits = []
        for features in self._features.process_streaming(pcm):
            if self._model.process_streaming(features) and now_s >= self._quiet_until:
                hits.append(Spotted(self.wake, now_s))
                self._quiet_until = now_s + REFRACTORY_S
        return hits

    def close(self) -> None:
        self._model.close()


class KeyphraseSpotter:
    """pocketsphinx's keyphrase search for the given phrases, over one speech segment at a time;
    `dictionary` must hold their words (the generated model's does)."""

    def __init__(self, wake_words: Sequence[WakeWord], dictionary: Path,
                 threshold: float = KEYPHRASE_THRESHOLD) -> None:
        from pocketsphinx import Decoder, get_model_path

        self._by_phrase = {wake.phrase: wake for wake in wake_words}
        handle, path = tempfile.mkstemp(prefix="cockpit-wake-", suffix=".kws")
        try:  # the decoder reads the list when it is made; nothing is left on disk
            with os.fdopen(handle, "w", encoding="utf-8") as phrases:
                phrases.writelines(f"{phrase} /{threshold:g}/\n" for phrase in self._by_phrase)
            self._decoder = Decoder(hmm=get_model_path("en-us/en-us"), dict=str(dictionary), kws=path,
                                    samprate=RATE, loglevel="FATAL")
        finally:
            os.unlink(path)
        self._active = False

    def begin(self) -> None:
        """A speech segment starts."""
        self.end()
        self._decoder.start_utt()
        self._active = True

    def feed(self, pcm: bytes, now_s: float) -> list[Spotted]:
        """Spotted phrases in `pcm`, segment audio that ends at `now_s`; each is reported once."""
        if not self._active:
            return []
        self._decoder.process_raw(pcm, False, False)
        hyp = self._decoder.hyp()
        if hyp is None or not hyp.hypstr.strip():
            return []
        self.begin()  # start over, so the same phrase is not reported again
        phrases = dict.fromkeys(" ".join(p.split()) for p in hyp.hypstr.split("  "))
        return [Spotted(self._by_phrase[p], now_s) for p in phrases if p in self._by_phrase]

    def end(self) -> None:
        """The speech segment is over."""
        if self._active:
            self._decoder.end_utt()
            self._active = False


class Spotters:
    """Every spotter for the given wake words: a micro model where one fits, else a keyphrase in the
    generated model's dictionary (`files`; None: micro models only). A phrase the dictionary could
    not take (a word with no pronunciation) is not spotted."""

    def __init__(self, wake_words: Iterable[WakeWord], files: ModelFiles | None = None) -> None:
        models = micro_models()
        self._spotters: list[MicroSpotter] = []
        keyphrases: list[WakeWord] = []
        for wake in wake_words:
            model = models.get(wake.phrase)
            if model is not None:
                self._spotters.append(MicroSpotter(wake, model))
            elif files is not None and not set(wake.phrase.split()) & set(files.dropped_words):
                keyphrases.append(wake)
            else:
                logger.info("wake word %r cannot be spotted: no model and no pronunciation", wake.phrase)
        self._keyphrases = KeyphraseSpotter(keyphrases, files.dictionary) if keyphrases and files else None

    def feed(self, pcm: bytes, now_s: float) -> list[Spotted]:
        """The micro models' hits in `pcm` (every frame of audio goes here)."""
        return [hit for spotter in self._spotters for hit in spotter.feed(pcm, now_s)]

    def begin_speech(self) -> None:
        if self._keyphrases is not None:
            self._keyphrases.begin()

    def feed_speech(self, pcm: bytes, now_s: float) -> list[Spotted]:
        """The keyphrase hits in `pcm` (the audio of a speech segment goes here)."""
        return self._keyphrases.feed(pcm, now_s) if self._keyphrases is not None else []

    def end_speech(self) -> None:
        if self._keyphrases is not None:
            self._keyphrases.end()

    def close(self) -> None:
        for spotter in self._spotters:
            spotter.close()
        self._spotters = []
        self.end_speech()
        self._keyphrases = None
