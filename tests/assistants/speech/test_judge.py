"""Acting only when both recogniser passes mean the same thing."""

from __future__ import annotations

import pytest

from cockpit.assistants.grammar import Context, Grammar
from cockpit.assistants.speech.judge import Verdict, judge, word_agreement
from cockpit.core.cockpit import Cockpit


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
    ],
)
def test_verdicts(grammar, check, verdict):
    assert judge(grammar, check, parse).verdict is verdict


def test_confidence_is_higher_when_the_words_agree():
    exact = judge("turn on the ac", "turn on the ac", parse)
    loose = judge("turn on the air conditioning", "please turn on the air conditioning", parse)
    assert exact.confidence == 1.0 and 0.5 < loose.confidence < 1.0


def test_word_agreement():
    assert word_agreement("a b c d", "a b c d") == 1.0
    assert word_agreement("a b c d", "a x c d") == 0.75
    assert word_agreement("", "a") == 0.0
