"""The endpointer on real synthesised speech in cabin noise: where utterances start and end, and
how much lead-in the recogniser gets."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from cockpit.assistants.speech import endpoint, synthetic
from cockpit.assistants.speech.audio import FRAME_S, RATE, frames, speech_over_noise_db
from cockpit.assistants.speech.endpoint import Endpointer
from cockpit.assistants.speech.judge import NOISY_DB

pytestmark = pytest.mark.usefixtures("espeak")


@dataclass(frozen=True, slots=True)
class Segment:
    speech_start_s: float
    speech_end_s: float
    audio_from_s: float  # where the audio handed to the recogniser begins
    decided_end_s: float  # when the endpointer decided the utterance had ended
    lead_in_s: float


def _segments(samples: np.ndarray) -> list[Segment]:
    endpointer, found, audio_from_s = Endpointer(), [], 0.0
    for frame in frames(samples):
        step = endpointer.process(frame)
        if step.started:
            audio_from_s = endpointer.now_s - len(step.audio) * FRAME_S
        if step.ended:
            found.append(Segment(endpointer.speech_start_s, endpointer.speech_end_s, audio_from_s,
                                 endpointer.now_s, endpointer.lead_in_s))
    return found


def test_each_utterance_starts_at_its_first_word_with_a_lead_in_of_its_own() -> None:
    first = synthetic.mix(synthetic.speak("turn on the air conditioning", "en-us", 175), 10.0, seed=1,
                          lead_s=1.0, trail_s=0.0)
    # the second begins 0.6 s after the first one ends: less than the lead-in plus the vote window
    second = synthetic.mix(synthetic.speak("take me to work", "en-gb+m2", 160), 10.0, seed=2,
                           lead_s=0.6, trail_s=1.0)
    offset = len(first.samples) / RATE
    found = _segments(np.concatenate([first.samples, second.samples]))

    assert len(found) == 2
    for segment, onset in zip(found, (first.speech_start_s, offset + second.speech_start_s), strict=True):
        assert onset - 0.1 <= segment.speech_start_s <= onset + 0.35  # the words, not the lead-in
        assert segment.speech_start_s < segment.speech_end_s
    lead_in_and_vote_s = (endpoint.PREROLL_FRAMES + endpoint.WINDOW_FRAMES) * FRAME_S
    assert found[0].lead_in_s == pytest.approx(endpoint.PREROLL_FRAMES * FRAME_S)
    assert found[0].audio_from_s == pytest.approx(found[0].speech_start_s - found[0].lead_in_s)
    assert found[0].audio_from_s <= first.speech_start_s - 0.2  # some quiet before the first word
    # the recogniser hears the lead-in before each utterance, but nothing of the one before it
    assert found[1].audio_from_s > found[0].decided_end_s - FRAME_S / 2
    assert found[1].speech_start_s - found[1].audio_from_s < lead_in_and_vote_s


def test_in_quiet_the_lead_in_is_the_short_one() -> None:
    """A clean recording has no noise for pocketsphinx to settle on; a long quiet lead-in misled
    the grammar pass, so quiet gets the short one."""
    clean = synthetic.mix(synthetic.speak("take me to work", "en-us", 175), None, seed=1, lead_s=1.0)
    noisy = synthetic.mix(synthetic.speak("take me to work", "en-us", 175), 20.0, seed=1, lead_s=1.0)
    (quiet,), (cabin,) = _segments(clean.samples), _segments(noisy.samples)
    assert quiet.lead_in_s == pytest.approx(endpoint.QUIET_PREROLL_FRAMES * FRAME_S)
    assert quiet.audio_from_s == pytest.approx(quiet.speech_start_s - quiet.lead_in_s)
    assert cabin.lead_in_s == pytest.approx(endpoint.PREROLL_FRAMES * FRAME_S)


def _loudness(snr_db: float | None) -> float:
    """`speech_over_noise_db` of one command mixed at `snr_db` (None: clean), as the listener measures it."""
    utterance = synthetic.mix(synthetic.speak("turn on the air conditioning", "en-us", 175), snr_db, seed=4)
    endpointer, audio = Endpointer(), []
    for frame in frames(utterance.samples):
        step = endpointer.process(frame)
        audio += step.audio  # the lead-in, then the utterance
        if step.ended:
            break
    return speech_over_noise_db(audio, endpointer.lead_in_s)


def test_how_loud_the_words_are_above_the_noise_tells_heavy_noise_from_moderate() -> None:
    """The judge asks about words the passes heard differently below NOISY_DB: 5 dB SNR is below it,
    10 dB is not, and a clean recording is far above."""
    heavy, moderate, clean = _loudness(5.0), _loudness(10.0), _loudness(None)
    assert heavy < NOISY_DB < moderate < clean, (heavy, moderate, clean)
    assert moderate - heavy == pytest.approx(5.0, abs=2.0)
