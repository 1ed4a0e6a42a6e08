"""Acting only when both recogniser passes mean the same thing."""

from __future__ import annotations

import pytest

from cockpit.assistants import security
from cockpit.assistants.grammar import Context, Grammar
from cockpit.assistants.speech import template
from cockpit.assistants.speech.judge import (
    MIN_FIT,
    NOISY_DB,
    SORRY_FIT,
    Verdict,
    judge,
    sensitive,
    word_agreement,
)
from cockpit.assistants.speech.vocabulary import NO, YES
from cockpit.core.cockpit import Cockpit
from tests.assistants.conftest import shipped_home


def parse(text: str):
    return Grammar(Context(Cockpit())).parse(text)


@pytest.mark.parametrize(
    ("grammar", "check", "verdict"),
    [
        ("turn on the ac", "turn on the ac", Verdict.ACT),
        ("turn on the air conditioning", "please turn on the air conditioning", Verdict.ACT),
        ("switch on the ac", "switch off the ac", Verdict.ASK),  # on/off: never guess
        ("arm the alarm", "disarm the alarm", Verdict.ASK),
        ("take me to work", "take me to the", Verdict.ASK),
        ("open the garage", "what a lovely day", Verdict.SORRY),
        ("alexa play a video", "what certainly davis", Verdict.SORRY),
        ("", "anything", Verdict.SORRY),
        # chatter heard as two requests that only answer (no such light): not an answer to give
        ("set the office lights blue", "dim the study lights dollars the", Verdict.SORRY),
        ("what's the battery level", "what's the battery level", Verdict.ACT),  # an answer asked for
    ],
)
def test_verdicts(grammar, check, verdict):
    assert judge(grammar, check, parse).verdict is verdict


@pytest.mark.parametrize(("fit", "verdict"), [
    (0.0, Verdict.ACT), (MIN_FIT, Verdict.ACT), (MIN_FIT - 0.1, Verdict.ASK), (SORRY_FIT, Verdict.ASK),
    (SORRY_FIT - 0.1, Verdict.SORRY), (float("-inf"), Verdict.SORRY), (float("nan"), Verdict.SORRY),
])
def test_words_that_fit_the_sound_badly_are_asked_about_and_not_at_all_refused(fit, verdict):
    judgement = judge("turn on the ac", "turn on the ac", parse, ("turn on the ac",), fit)
    assert judgement.verdict is verdict
    assert (judgement.confidence > 0.5) is (verdict is Verdict.ACT)
    assert judgement.confidence < 0.5 or verdict is Verdict.ACT  # asked about: shown as a guess


@pytest.mark.parametrize(("loudness", "verdict"), [
    (float("inf"), Verdict.ACT), (NOISY_DB + 0.1, Verdict.ACT), (NOISY_DB, Verdict.ASK), (-3.0, Verdict.ASK),
    (float("nan"), Verdict.ASK),
])
def test_in_heavy_noise_words_the_passes_heard_differently_are_asked_about(loudness, verdict):
    judgement = judge("turn on the air conditioning", "please turn on the air conditioning", parse,
                      fit=0.0, speech_over_noise_db=loudness)
    assert judgement.verdict is verdict
    assert (judgement.confidence > 0.5) is (verdict is Verdict.ACT)


def test_in_heavy_noise_the_same_words_from_both_passes_are_still_acted_on():
    assert judge("turn on the ac", "turn on the ac", parse, speech_over_noise_db=-3.0).verdict is Verdict.ACT


def test_what_opens_the_car_is_never_asked_about_when_the_words_fit_badly():
    context = Context(Cockpit())
    context.devices = shipped_home()
    verdicts = [judge("unlock the car", "unlock the car", Grammar(context).parse, (), fit).verdict
                for fit in (MIN_FIT, MIN_FIT - 0.1)]
    assert verdicts == [Verdict.ACT, Verdict.SORRY]


def test_confidence_is_higher_when_the_words_agree():
    exact = judge("turn on the ac", "turn on the ac", parse)
    loose = judge("turn on the air conditioning", "please turn on the air conditioning", parse)
    assert exact.confidence == 1.0 and 0.5 < loose.confidence < 1.0


def test_the_grammars_words_act_when_they_are_the_other_passs_next_guess():
    assert judge("take me to work", "take me to the", parse, ("take me to the", "take me to work")).verdict \
        is Verdict.ACT
    assert judge("take me to work", "take me to the", parse, ("take me to work",)).verdict is Verdict.ASK


def test_word_agreement():
    assert word_agreement("a b c d", "a b c d") == 1.0
    assert word_agreement("a b c d", "a x c d") == 0.75
    assert word_agreement("", "a") == 0.0


@pytest.mark.parametrize(("grammar", "check", "verdict"), [
    ("unlock the car", "unlock the car", Verdict.ACT),  # acted on means: the assistant asks to confirm
    ("unlock the car", "lock the car", Verdict.SORRY),  # elsewhere "Did you say ...?"
    ("open the garage door", "open the garage", Verdict.SORRY),  # same meaning, but not the same words
    ("disarm the alarm", "disarm the alarm please", Verdict.SORRY),
    ("i'm home", "i'm home", Verdict.ACT),  # the welcome-home routine opens the garage: asks first
    ("we're home", "we're back home", Verdict.SORRY),
])
def test_what_opens_the_house_or_the_car_needs_the_very_same_words(grammar, check, verdict):
    context = Context(Cockpit())
    context.devices = shipped_home()
    judgement = judge(grammar, check, Grammar(context).parse)
    assert judgement.verdict is verdict
    assert judgement.intent is not None and sensitive(judgement.intent)


def test_the_recognisers_yes_and_no_are_what_the_assistant_reads_as_yes_and_no():
    for group, reply in ((YES, security.Reply.YES), (NO, security.Reply.NO)):
        for text in group.templates:
            for sentence in template.expand(template.parse(text), {}):
                assert security.heard_answer(sentence).reply is reply, sentence
