"""The whole synthetic set through the whole pipeline at 10 and 5 dB SNR: issue 18's "Done when".

At 10 dB at least 85 % of the 130 spoken commands are acted on as labelled, at 5 dB at least 70 %
(the bench measured 76 %: more are asked about there, see `judge.NOISY_DB`); at both none of the
chatter and out-of-grammar sentences (each by every voice, as if pushed to talk) is acted on, and
at 10 dB none of them wakes an assistant with wake words on. A few minutes each, so it runs with the
long suites (`make fuzz`); `cockpit bench voice` measures the same and more (20 dB, an hour of
prose, latency).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.assistants.speech import evaluation
from cockpit.session import Session, Settings

pytestmark = [pytest.mark.fuzz, pytest.mark.usefixtures("espeak")]
SNR_DB = 10.0


@pytest.fixture(scope="module")
def spoken() -> evaluation.SpokenSet:
    return evaluation.spoken_set()


@pytest.fixture(scope="module")
def negatives(spoken) -> list[str]:
    return evaluation.negatives(spoken)


def session(folder: Path) -> Session:
    """A car with the shipped home on an embedded broker, as the bench has (see bench._session)."""
    return Session(Settings(profiles_dir=evaluation.write_profiles(folder), profile=evaluation.DRIVER))


@pytest.mark.timeout(900)  # 322 utterances: about 3 minutes on one core
@pytest.mark.parametrize(("snr_db", "accuracy"), [(SNR_DB, 0.85), (5.0, 0.70)])
def test_commands_are_acted_on_as_said_and_nonsense_never(tmp_path, spoken, negatives, snr_db, accuracy):
    texts = [c.text for c in spoken.commands]
    samples, placed = evaluation.recordings([*texts, *negatives], snr_db)
    with session(tmp_path / "profiles") as car:
        turns, _ = evaluation.run(car, samples, open_mic=True)
    score = evaluation.score_commands(spoken.commands, placed[:len(texts)], turns)
    assert score.accuracy >= accuracy, "\n".join(score.failures)
    assert evaluation.acted_on(placed[len(texts):], turns) == []


def test_no_near_miss_wakes_an_assistant(tmp_path, negatives):
    samples, placed = evaluation.recordings(negatives, SNR_DB)
    with session(tmp_path / "profiles") as car:
        turns, _ = evaluation.run(car, samples, open_mic=False)
    woken = [(r.text, t.heard, t.verdict) for r in placed for t in evaluation.turns_of(r, turns)]
    assert woken == []
