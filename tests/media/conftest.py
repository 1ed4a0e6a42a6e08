"""Media tests run on a real session (no broker): the shipped catalogue, profiles and player."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cockpit.core.commands import AskAssistant, SetSignal, Source
from cockpit.core.outcome import Outcome
from cockpit.session import Session, Settings

MakeSession = Callable[..., Session]


@pytest.fixture
def make_session(tmp_path: Path) -> Iterator[MakeSession]:
    """Started sessions that share one state folder (learned values survive from one to the next)."""
    made: list[Session] = []

    def make(profile: str | None = "alice") -> Session:
        session = Session(Settings(use_broker=False, profile=profile, state_dir=tmp_path / "state"))
        session.start()
        made.append(session)
        return session

    yield make
    for session in made:
        session.close()


@pytest.fixture
def session(make_session: MakeSession) -> Session:
    return make_session()


def say(session: Session, utterance: str) -> str:
    """The assistant's reply to `utterance` (the driver's own adapter)."""
    outcome = session.cockpit.submit(AskAssistant(utterance, source=Source.USER))
    assert outcome.applied, outcome.reason
    return outcome.reason


def press(session: Session, path: str, value: object, source: Source = Source.USER) -> Outcome:
    return session.cockpit.submit(SetSignal(path, value, source=source))  # type: ignore[arg-type]


def run(session: Session, seconds: float, step: float = 0.5) -> None:
    for _ in range(round(seconds / step)):
        session.step(step)
