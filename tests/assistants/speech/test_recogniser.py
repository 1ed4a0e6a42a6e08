"""The recogniser on its own, fed as the speech thread feeds it."""

from __future__ import annotations

import numpy as np

from cockpit.assistants.speech import vocabulary
from cockpit.assistants.speech.audio import RATE
from cockpit.assistants.speech.recogniser import Recogniser


def test_noise_alone_ends_the_utterance_without_words():
    """pocketsphinx's n-best list holds a None path for noise: finishing must not fail on it."""
    recogniser = Recogniser(vocabulary.model_files(vocabulary.spec()))
    noise = np.random.default_rng(0).normal(0.0, 300.0, 2 * RATE).astype("<i2").tobytes()
    recogniser.start()
    for offset in range(0, len(noise), 640):
        recogniser.feed(noise[offset:offset + 640])
    hypotheses = recogniser.finish()
    assert all(isinstance(text, str) for text in hypotheses.alternatives)
    assert hypotheses.audio_s == 2.0
