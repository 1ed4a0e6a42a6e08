"""Whether to act on what was heard: the words must fit the sound, and the two word passes agree.

First the fit (`Hypotheses.fit`): when the language-model pass's sentence falls far behind the
phone loop, the cockpit's words were not what was said, however well the passes agree. Chatter the
passes agreed on ("switch off all the lights", "make the cellar lights white", "unmute the sound",
all from sentences without a command in them) overlaps the commands only at the edges, so MIN_FIT
is set where it was measured to do no harm: over five runs of the bench's set through the whole
pipeline (20, 10 and 5 dB SNR on its noise, 10 dB on two other noise and voice seeds), the lowest
value at which no chatter was acted on at 10 or 20 dB ("hey good looking what's cooking", heard as
"kitchen lights on" at 20 dB, scored -24.0). Without it 24 chatter sentences were acted on in
those four runs; with it 4 of 466 commands are asked about instead of acted on. The margin is thin
and in-sample: a question costs a "yes", a wrong act costs the car. The fit counts its frames
as if the lead-in were `endpoint.PREROLL_FRAMES` long; quiet frames fit as well in both passes, so
a longer count pulls every fit towards 0: change one, measure the other again. Below MIN_FIT
what would have been acted on is asked about instead ("Did you say ...?"), for a command said
badly fits badly too; below SORRY_FIT it is "Sorry?".

Then how loud the words were above the cabin noise (`audio.speech_over_noise_db`). In heavy noise
the fit no longer tells chatter from commands: at 5 dB SNR "order me a pizza" was heard as "unmute
the sound" by the grammar pass and "unmute the set" by the language-model pass, fitting at -21 to
-24, better than many commands. So below NOISY_DB a difference in the words is asked about too.
Then the agreement.

The grammar pass always produces a sentence the cockpit understands, even for chatter or noise;
the language-model pass, free to wander, says something else when the words were not really there.
So the verdict is: both passes mean the same intent with the same slots -> act; the grammar's exact
words are among the language-model pass's next guesses (its n-best list) and would do something
-> act (at 10 dB SNR that took 1 more of 130 commands, "turn the fan up" first heard as "turn the
fan", and no chatter); they mean the same kind of thing but differ in a detail (on/off, a
number), or most words agree -> ask "Did you say ...?"; otherwise -> "Sorry?". Nothing is acted
on below "act". An intent that does nothing but answer ("There's no light in the office", "You're
at 80 %") needs most words to agree as well: chatter ("Alex said he would call us back") came out
of the passes as "set the office lights blue" and "dim the study lights dollars", both of which
only answer that there is no such light.

What would open the house or the car (an unlock, the garage, disarming, a routine that does one of
those) asks the driver to confirm anyway (cockpit.core.confirmation); to get as far as that
question both passes must have heard exactly the same words. A near miss is "Sorry?", not "Did you
say ...?", so the driver is never asked twice. Pure logic, no speech libraries.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Final

from cockpit.assistants.grammar.intent import Intent
from cockpit.core.confirmation import needs_confirmation

ACT_AGREEMENT: Final = 0.0  # any word agreement will do once the meanings are equal
ASK_AGREEMENT: Final = 0.6  # word agreement from which differing meanings still get "Did you say ...?"
SENSITIVE_AGREEMENT: Final = 1.0  # what opens the house or the car: the very same words in both passes
MIN_FIT: Final = -23.8  # below it the words fit the sound too badly to act on without a "yes"
SORRY_FIT: Final = -28.0  # below it they do not fit at all
# Speech this many dB above the noise, or less, must be heard word for word to be acted on. Measured
# with `audio.speech_over_noise_db` on the bench's set through the whole pipeline (three noise and
# voice seeds): of about 1,900 utterances mixed at 5 dB SNR all but 6 came out at 12 or below; of
# about 1,600 at 10 dB, 45 did (3 %); at 20 dB none. At 12, 6, 6 and 11 of 130 commands at 5 dB
# are asked about instead of acted on, and so is "order me a pizza" in the two runs where it was
# acted on; at 10 dB the counts of commands acted on, asked about and refused did not change.
NOISY_DB: Final = 12.0


class Verdict(Enum):
    ACT = "act"
    ASK = "ask"
    SORRY = "sorry"


@dataclass(frozen=True, slots=True)
class Judgement:
    """The verdict, the words to act on (or ask about), a 0..1 confidence for the transcript, and
    what the words mean (None when nothing was heard)."""

    verdict: Verdict
    text: str
    confidence: float
    intent: Intent | None = None


def word_agreement(first: str, second: str) -> float:
    """1 - word error rate of `second` against `first` (0 when either is empty), clipped to 0..1."""
    a, b = first.split(), second.split()
    if not a or not b:
        return 0.0
    return max(0.0, 1.0 - edit_distance(a, b) / max(len(a), len(b)))


def edit_distance(a: Sequence[str], b: Sequence[str]) -> int:
    """Word-level Levenshtein distance (substitutions, insertions and deletions)."""
    previous = list(range(len(b) + 1))
    for i, word in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other)))
        previous = current
    return previous[-1]


def judge(grammar_text: str, lm_text: str, parse: Callable[[str], Intent],
          alternatives: Sequence[str] = (), fit: float = 0.0,
          speech_over_noise_db: float = math.inf) -> Judgement:
    """The verdict on one utterance; `parse` is a fresh grammar's `parse` (no follow-up memory);
    `alternatives` are the language-model pass's next guesses, `fit` how well its words fit the
    sound, `speech_over_noise_db` how loud they were above the noise."""
    if not grammar_text:
        return Judgement(Verdict.SORRY, "", 0.0)
    if not fit >= SORRY_FIT:  # NaN too
        return Judgement(Verdict.SORRY, grammar_text, 0.0, parse(grammar_text))
    agreement = word_agreement(grammar_text, lm_text)
    judgement = _by_agreement(grammar_text, lm_text, agreement, parse, alternatives)
    noisy = not speech_over_noise_db > NOISY_DB and grammar_text != lm_text  # NaN is noisy too
    if judgement.verdict is not Verdict.ACT or (fit >= MIN_FIT and not noisy):
        return judgement
    # a guess (below 0.5, shown as one warning dot), the surer the closer the fit came to MIN_FIT
    doubt = 0.5 * agreement * (min(fit, MIN_FIT) - SORRY_FIT) / (MIN_FIT - SORRY_FIT)
    if judgement.intent is not None and sensitive(judgement.intent):
        return dataclasses.replace(judgement, verdict=Verdict.SORRY, confidence=doubt)  # never asked
    return dataclasses.replace(judgement, verdict=Verdict.ASK, confidence=doubt)


def _by_agreement(grammar_text: str, lm_text: str, agreement: float, parse: Callable[[str], Intent],
                  alternatives: Sequence[str]) -> Judgement:
    heard, check = parse(grammar_text), parse(lm_text)
    if not heard.understood:
        return Judgement(Verdict.SORRY, grammar_text, agreement, heard)
    same_meaning = heard.name == check.name and dict(heard.slots) == dict(check.slots)
    if sensitive(heard):
        if same_meaning and agreement >= SENSITIVE_AGREEMENT:
            return Judgement(Verdict.ACT, grammar_text, 0.5 + 0.5 * agreement, heard)
        return Judgement(Verdict.SORRY, grammar_text, 0.5 * agreement, heard)
    if same_meaning and not heard.commands and agreement < ASK_AGREEMENT:
        return Judgement(Verdict.SORRY, grammar_text, 0.5 * agreement, heard)  # an answer to chatter
    if same_meaning and agreement >= ACT_AGREEMENT:
        return Judgement(Verdict.ACT, grammar_text, 0.5 + 0.5 * agreement, heard)
    if heard.commands and grammar_text in alternatives[1:]:
        return Judgement(Verdict.ACT, grammar_text, 0.5, heard)
    if heard.name == check.name or agreement >= ASK_AGREEMENT:
        return Judgement(Verdict.ASK, grammar_text, 0.5 * agreement, heard)
    return Judgement(Verdict.SORRY, grammar_text, 0.5 * agreement, heard)


def sensitive(intent: Intent) -> bool:
    """Whether any of the intent's commands opens the house or the car."""
    return any(needs_confirmation(command) for command in intent.commands)
