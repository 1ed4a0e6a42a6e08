"""Shared fixtures. The autouse check makes sure no test leaves a thread running."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from cockpit.core.cockpit import Cockpit


@pytest.fixture(autouse=True)
def no_leftover_threads() -> Iterator[None]:
    """Fail a test that leaves a thread behind (a broker, a network loop, a simulation)."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 5.0  # a broker or network thread may take a moment on a busy machine
    while True:
        extra = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not extra or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert not extra, f"threads left running: {[t.name for t in extra]}"


@pytest.fixture(autouse=True)
def isolated_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Learned preferences go to a fresh folder, never the user's ~/.local/state (subprocesses too)."""
    monkeypatch.setenv("COCKPIT_STATE_DIR", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def cockpit() -> Cockpit:
    """A fresh cockpit with default state, parked."""
    return Cockpit()
