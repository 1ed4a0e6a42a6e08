"""Spoken replies: espeak-ng when installed (a stand-in script plays it here), silence when not,
never blocking and never leaving a process behind."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from cockpit.assistants import tts

FAKE_ENGINE = """#!/bin/sh
echo "$@" >> "{log}"
exec {sleep} 30
"""


@pytest.fixture
def fake_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An executable called espeak-ng, first on PATH, that logs its arguments and then keeps talking."""
    log = tmp_path / "spoken.log"
    engine = tmp_path / "bin" / "espeak-ng"
    engine.parent.mkdir()
    sleep = shutil.which("sleep")  # resolved now: PATH below holds only the fake engine
    engine.write_text(FAKE_ENGINE.format(log=log, sleep=sleep), encoding="utf-8")
    engine.chmod(0o755)
    monkeypatch.setenv("PATH", str(engine.parent))
    return log


def _wait_for(path: Path, lines: int) -> list[str]:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if path.exists() and len(text := path.read_text(encoding="utf-8").splitlines()) >= lines:
            return text
        time.sleep(0.02)
    raise AssertionError(f"{path} never got {lines} lines")


def test_without_espeak_speaking_is_silent_and_harmless(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(tts, "_default", None)
    speaker = tts.Speaker()
    assert not speaker.available
    assert speaker.speak("hello") is False and not speaker.speaking
    speaker.close()
    assert tts.speak("hello") is False


def test_speaking_returns_at_once_and_a_new_reply_interrupts_the_old(fake_engine):
    speaker = tts.Speaker(voice="en-gb")
    assert speaker.speak("Setting the   driver side to 22 °C.")
    first = speaker._process
    assert speaker.speaking, "speak() must not wait for the speech to end"
    assert _wait_for(fake_engine, 1) == ["-v en-gb -- Setting the driver side to 22 °C."]
    assert speaker.speak("OK.")
    assert first is not None and first.poll() is not None, "the interrupted reply's process was not reaped"
    assert _wait_for(fake_engine, 2)[1] == "-v en-gb -- OK."
    second = speaker._process
    speaker.close()
    assert second is not None and second.poll() is not None and not speaker.speaking
    speaker.close()


def test_nothing_to_say_starts_no_process(fake_engine):
    speaker = tts.Speaker()
    assert speaker.available
    assert speaker.speak("   ") is False and speaker._process is None
