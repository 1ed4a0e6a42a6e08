"""The recogniser on its own, fed as the speech thread feeds it."""

from __future__ import annotations

import numpy as np

from cockpit.assistants.speech import synthetic, vocabulary
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


def test_how_well_the_words_fit_does_not_depend_on_the_lead_in(espeak):
    """The endpointer hands over more quiet before the words in noise than in quiet; the fit counts
    frames as if the lead-in were always as long, so the same command fits the same either way."""
    files = vocabulary.model_files(vocabulary.spec())
    speech = synthetic.speak("turn on the air conditioning", "en-us", 175)

    def fit(lead_s: float) -> float:
        recogniser = Recogniser(files)  # a fresh one each time: its noise estimates carry over
        samples = synthetic.mix(speech, 10.0, seed=3, lead_s=lead_s).samples.tobytes()
        recogniser.start(lead_s)
        for offset in range(0, len(samples), 960):
            recogniser.feed(samples[offset:offset + 960])
        return recogniser.finish().fit

    short, long = fit(0.2), fit(0.5)
    assert short < -5.0 and abs(long - short) < 1.0, (short, long)
