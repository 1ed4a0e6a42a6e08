"""Wake-word discipline: what is said to another assistant is not acted on; text without any wake
word (push-to-talk, or speech a wake-word spotter already routed) still works."""

from __future__ import annotations

import pytest

from cockpit.assistants.alexa import AlexaAdapter
from cockpit.assistants.android import AndroidAdapter
from cockpit.assistants.wake import WakeWords
from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.session import Session, Settings


@pytest.mark.parametrize(("adapter", "spoken", "addressed"), [
    (AlexaAdapter, "Hey Google, turn off the AC", "Google Assistant"),
    (AlexaAdapter, "ok google turn off the a c", "Google Assistant"),
    (AndroidAdapter, "Alexa, turn off the AC", "Alexa"),
    (AlexaAdapter, "Hey Siri, turn off the air conditioning", "Siri"),
    (AndroidAdapter, "Hey Mercedes: turn off the AC", "the Mercedes assistant"),
], ids=["google-to-alexa", "lower-case", "alexa-to-google", "siri", "mercedes"])
def test_what_is_said_to_another_assistant_is_not_acted_on(adapter, spoken, addressed):
    cockpit = Cockpit()
    with adapter(cockpit) as assistant:
        result = assistant.respond(spoken)
    assert cockpit.value(sig.AC) is True and result.outcomes == ()
    assert result.intent.name == "ignored.other_assistant" and result.heard.addressed == addressed
    assert addressed in result.reply


@pytest.mark.parametrize("spoken", ["turn off the AC", "Alexa, turn off the AC", "ALEXA turn off the AC"])
def test_its_own_wake_word_or_none_works(spoken):
    cockpit = Cockpit()
    with AlexaAdapter(cockpit) as alexa:
        alexa.respond(spoken)
    assert cockpit.value(sig.AC) is False


def test_a_wake_word_later_in_the_sentence_is_just_words():
    cockpit = Cockpit()
    with AlexaAdapter(cockpit) as alexa:
        result = alexa.respond("play hey google by the band")
    assert result.heard.addressed is None and result.intent.name.startswith("media.")


def test_installed_adapters_wake_words_come_from_the_session():
    with Session(Settings(assistant="alexa", use_broker=False)) as session:
        adapter = session.assistant
        assert adapter is not None
        adapter.use_assistants({"Jarvis": ("Jarvis",)})  # what the session does for each installed one
        result = adapter.respond("Jarvis, turn off the AC")
        assert result.heard.addressed == "Jarvis" and session.cockpit.value(sig.AC) is True


def test_another_assistants_wake_word_that_is_one_of_ours_stays_ours():
    words = WakeWords(("Computer", "Alexa"), {"Alexa": ("Alexa",), "Star Trek": ("Computer",)})
    assert words.hear("Computer, lights").wake_word == "Computer"
    assert words.hear("alexa lights").wake_word == "Alexa"
