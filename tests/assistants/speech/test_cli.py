"""`cockpit say --audio`, `cockpit listen` and `cockpit voice devices`, run as the user runs them.

The recordings are espeak-ng's own WAV output (22050 Hz, so `say --audio` resamples it); the
microphone of `listen` is an ALSA file device reading a recording, which PortAudio lists and
opens like any other input (an ~/.asoundrc in a HOME of the test's own).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from cockpit.assistants.speech import synthetic
from cockpit.assistants.speech.audio import RATE, with_noise_floor
from tests.assistants.conftest import ROOT

pytestmark = pytest.mark.usefixtures("espeak")

TEMPERATURE = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"
ASOUNDRC = """pcm.cockpit_wav {{
    type file
    slave.pcm "null"
    file "/dev/null"
    infile "{infile}"
    format "raw"
    hint {{ show on description "a recording as a microphone" }}
}}
"""


def espeak_wav(path: Path, text: str) -> Path:
    subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(path), text], check=True, timeout=60)
    return path


def test_say_audio_acts_on_what_the_recording_says(run_cli, tmp_path):
    wav = espeak_wav(tmp_path / "temperature.wav", "set the temperature to twenty one degrees")
    result = run_cli("say", "--audio", str(wav), "--no-broker", "--json")
    assert result.returncode == 0, result.stderr
    turn = json.loads(result.stdout)
    assert turn["verdict"] == "act"
    assert turn["heard"] == "set the temperature to twenty one degrees"
    assert [o["status"] for o in turn["outcomes"]] == ["applied"]
    assert [(c["path"], c["value"]) for c in turn["commands"]] == [(TEMPERATURE, 21.0)]


def test_say_audio_plain_prints_what_was_heard_the_reply_and_the_outcome(run_cli, tmp_path):
    wav = espeak_wav(tmp_path / "temperature.wav", "set the temperature to twenty one degrees")
    result = run_cli("say", "--audio", str(wav), "--no-broker")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith('alexa heard "set the temperature to twenty one degrees" (act, confidence ')
    assert "21.0 °C" in lines[1]
    assert lines[2].strip() == f"applied: set {TEMPERATURE} = 21.0"


@pytest.mark.parametrize(("content", "why"), [(b"RIFF\x10\x00\x00\x00WAVEfmt ", "not a PCM WAV file"),
                                              (b"just text", "not a PCM WAV file"),
                                              (None, "no such file")])
def test_say_audio_refuses_what_is_not_a_recording_naming_the_file(run_cli, tmp_path, content, why):
    path = tmp_path / "broken.wav"
    if content is not None:
        path.write_bytes(content)
    result = run_cli("say", "--audio", str(path), "--no-broker")
    assert result.returncode != 0
    assert result.stderr.startswith(f"error: {path}: {why}"), result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def microphone(tmp_path, monkeypatch) -> Path:
    """A HOME whose ~/.asoundrc has `cockpit_wav`: an input device reading `mic.raw` (16 kHz mono)."""
    home = tmp_path / "home"
    home.mkdir()
    infile = tmp_path / "mic.raw"
    (home / ".asoundrc").write_text(ASOUNDRC.format(infile=infile), encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    return infile


def record(infile: Path, *texts: str) -> None:
    """The recording the microphone hears: each text then two seconds of a quiet cabin."""
    gap = with_noise_floor(np.zeros(2 * RATE, np.int16), seed=3)
    parts = [gap[: RATE // 2]]
    for text in texts:
        parts += [synthetic.speak(text), gap]
    infile.write_bytes(np.concatenate(parts).astype("<i2").tobytes())


def test_voice_devices_lists_the_alsa_device(run_cli, microphone):
    record(microphone, "take me home")
    result = run_cli("voice", "devices", "--json")
    assert result.returncode == 0, result.stderr
    assert "cockpit_wav" in [device["name"] for device in json.loads(result.stdout)]


def test_listen_hears_the_microphone_and_acts(run_cli, microphone):
    record(microphone, "take me home", "set the temperature to twenty one degrees")
    result = run_cli("listen", "--device", "cockpit_wav", "--seconds", "12", "--no-broker", "--json")
    assert result.returncode == 0, result.stderr
    turns = [json.loads(line) for line in result.stdout.splitlines()]
    assert [t["verdict"] for t in turns] == ["act", "act"], turns
    assert [c["value"] for t in turns for c in t["commands"]] == ["Home", 21.0]
    assert "listening on cockpit_wav" in result.stderr
    assert "still running" not in result.stderr


def test_listen_stops_cleanly_on_sigterm(microphone):
    record(microphone, "take me home")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-m", "cockpit", "listen", "--device", "cockpit_wav",
                                "--no-broker"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # the microphone goes on (silence) after the command
        assert first.startswith('alexa heard "take me'), first
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert "still running" not in stderr
    assert "Traceback" not in stderr


def test_run_listen_opens_the_microphone_and_stops_with_the_dashboard(run_cli, microphone):
    record(microphone, "take me home")
    result = run_cli("run", "--headless", "--no-broker", "--listen", "--device", "cockpit_wav",
                     "--frames", "30")
    assert result.returncode == 0, result.stderr
    assert "still running" not in result.stderr


@pytest.mark.parametrize(("args", "error"), [
    (("--listen", "--device", "no such microphone"), "error: cannot open audio input no such microphone: "),
    (("--device", "cockpit_wav"), "error: --device is the microphone of --listen; give both"),
])
def test_run_with_a_microphone_it_cannot_use_says_so_in_one_line(run_cli, microphone, args, error):
    result = run_cli("run", "--headless", "--no-broker", "--frames", "5", *args)
    assert result.returncode != 0
    assert result.stderr.startswith(error) and result.stderr.count("\n") == 1, result.stderr
