"""Whom an utterance is for, decided on the main loop from what the speech thread reports.

These feed `VoiceControl` the speech thread's messages directly (the listener is never started),
so each rule of the wake-word discipline is checked on exact words: a wake word counts only when
a spotter heard it in the segment; a keyphrase ("Hey Google", which no model ships) also needs
the language-model pass to begin with it, and is taken back without a word when the words after
it mean nothing; a micro model's "Alexa" is enough on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from cockpit.assistants.speech import evaluation
from cockpit.assistants.speech import listener as heard
from cockpit.assistants.speech.audio import SamplesSource
from cockpit.assistants.speech.recogniser import Hypotheses
from cockpit.assistants.speech.vocabulary import WakeWord
from cockpit.assistants.speech.voice import VoiceControl
from cockpit.core import signals as sig
from cockpit.core.events import AssistantReplied, Event, ListeningChanged, WakeWordHeard
from cockpit.session import Session, Settings

GOOGLE = WakeWord("hey google", "android")
ALEXA = WakeWord("alexa", "alexa")


@pytest.fixture
def voice(tmp_path: Path) -> Iterator[tuple[VoiceControl, list[Event]]]:
    """Sam (Alexa, wake words on, metric), no home; the events the voice control publishes."""
    profiles = evaluation.write_profiles(tmp_path / "profiles")
    with Session(Settings(profiles_dir=profiles, profile=evaluation.DRIVER, use_broker=False)) as session:
        assert session.assistants is not None
        silence = SamplesSource(np.zeros(480, np.int16), trailing_silence_s=0.0)
        control = VoiceControl(session.cockpit, session.assistants, silence)
        events: list[Event] = []
        session.cockpit.bus.subscribe(events.append)
        yield control, events
        control.close()


def utterance(grammar: str, check: str, *spotted: WakeWord, alternatives: tuple[str, ...] = ()
              ) -> heard.Utterance:
    hypotheses = Hypotheses(grammar, check, 2.0, 1.0, alternatives)
    return heard.Utterance(hypotheses, False, spotted, 0.0, 2.0, 2.3, 0.0)


def turn(control: VoiceControl, *messages: heard.Message) -> evaluation.Turn:
    for message in messages:
        control.listener.inbox.put(message)
    turns = control.poll()
    assert len(turns) == 1
    return turns[0]


def test_a_wake_word_no_spotter_heard_is_not_one(voice):
    control, events = voice
    said = "hey google set the fan to five"
    assert turn(control, utterance(said, said)).verdict == "ignored"
    assert control.cockpit.value(sig.DRIVER_FAN) != 50 and not events


def test_hey_google_needs_the_spotter_and_both_passes(voice):
    control, events = voice
    said = "hey google set the fan to five"
    assert turn(control, utterance(said, "set the fan to five", GOOGLE)).verdict == "ignored"
    assert control.cockpit.value(sig.DRIVER_FAN) != 50
    done = turn(control, heard.WakeHeard(heard.Spotted(GOOGLE, 1.0)), utterance(said, said, GOOGLE))
    assert (done.verdict, done.adapter) == ("act", "android")
    assert control.cockpit.value(sig.DRIVER_FAN) == 50
    assert [e.wake_word for e in events if isinstance(e, WakeWordHeard)] == ["Hey Google"]


def test_a_keyphrase_whose_words_mean_nothing_is_taken_back_without_a_word(voice):
    control, events = voice
    control.listener.inbox.put(heard.WakeHeard(heard.Spotted(GOOGLE, 0.5)))
    control.listener.inbox.put(heard.Partial("hey google volume", "hey google dim"))
    chatter = utterance("hey google volume to eighty", "hey google dim the living alexa unmute the", GOOGLE)
    done = turn(control, chatter)
    assert done.verdict == "rescinded"
    assert not [e for e in events if isinstance(e, AssistantReplied)]
    ring = [e.listening for e in events if isinstance(e, ListeningChanged)]
    assert ring == [True, False]  # lit by the partial words, then out


def test_the_ring_waits_for_the_passes_before_lighting_for_a_keyphrase(voice):
    control, events = voice
    control.listener.inbox.put(heard.WakeHeard(heard.Spotted(GOOGLE, 0.5)))
    control.listener.inbox.put(heard.Partial("hey google volume", "i go"))
    assert control.poll() == [] and not [e for e in events if isinstance(e, ListeningChanged)]


def test_alexas_model_is_enough_on_its_own(voice):
    control, events = voice
    control.listener.inbox.put(heard.WakeHeard(heard.Spotted(ALEXA, 0.5)))
    assert [e.listening for e in events if isinstance(e, ListeningChanged)] == []  # not until polled
    done = turn(control, utterance("alexa turn on the air conditioning", "lexus turn on the air conditioning",
                                   ALEXA))
    assert (done.verdict, done.adapter) == ("act", "alexa")
    assert next(e.listening for e in events if isinstance(e, ListeningChanged)) is True


def test_the_grammars_words_act_when_they_are_the_other_passs_next_guess(voice):
    control, _ = voice
    said = "turn the fan up"
    assert turn(control, utterance(said, "turn the fan")).verdict == "ignored"
    control.press()
    pushed = heard.Utterance(Hypotheses(said, "turn the fan", 2.0, 1.0, ("turn the fan", said)), True, (),
                             0.0, 2.0, 2.3, 0.0)
    assert turn(control, pushed).verdict == "act"
    asked = heard.Utterance(Hypotheses(said, "turn the fan", 2.0, 1.0, ("turn the fan", "turn the fan on")),
                            True, (), 0.0, 2.0, 2.3, 0.0)
    control.press()
    assert turn(control, asked).verdict == "ask"
