"""Wake-word spotting on every frame: the shipped micro wake-word models, where one fits a phrase.

pymicro-wakeword ships small neural models ("alexa", "hey jarvis", ...) that run at about 0.002x
real time; an adapter whose wake phrase matches one gets it. A phrase with no model ("hey google")
is spotted by the recogniser itself: speech segments are decoded while wake words are on, and an
utterance whose two passes both begin with the phrase was addressed (see `voice.VoiceControl`).
A spotter hit opens the segment for recognition at once, so the listening animation starts on the
wake word; the recogniser's passes then confirm the phrase before anything is acted on. Used from
the speech thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from cockpit.assistants.speech.vocabulary import WakeWord

logger = logging.getLogger(__name__)

REFRACTORY_S: Final = 2.0  # one "Alexa" fires the model on many consecutive frames: report it once


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


class Spotters:
    """Every model-backed spotter for the given wake words; phrases without a model are listed in
    `by_recogniser`."""

    def __init__(self, wake_words: Iterable[WakeWord]) -> None:
        models = micro_models()
        self._spotters: list[MicroSpotter] = []
        self.by_recogniser: list[WakeWord] = []
        for wake in wake_words:
            model = models.get(wake.phrase)
            if model is not None:
                self._spotters.append(MicroSpotter(wake, model))
            else:
                self.by_recogniser.append(wake)

    @property
    def by_model(self) -> tuple[WakeWord, ...]:
        return tuple(s.wake for s in self._spotters)

    def feed(self, pcm: bytes, now_s: float) -> list[Spotted]:
        return [hit for spotter in self._spotters for hit in spotter.feed(pcm, now_s)]

    def close(self) -> None:
        for spotter in self._spotters:
            spotter.close()
        self._spotters = []
