"""Record a real `cockpit run` loop, replay it exactly, and turn it into a scenario that runs."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from cockpit.personalisation.learned import LearnedStore
from cockpit.scenario.recorder import without_wall
from cockpit.scenario.recording import read_recording
from cockpit.session import Session, Settings
from cockpit.ui import app
from tests.scenario.conftest import cockpit

# frame -> pygame events a person would cause before that frame
PRESSES = {
    10: [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN)],
    20: [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_d)],
    24: [pygame.event.Event(pygame.KEYUP, key=pygame.K_d)],
    30: [pygame.event.Event(pygame.KEYUP, key=pygame.K_DOWN)],
    40: [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_UP)],
    220: [pygame.event.Event(pygame.KEYUP, key=pygame.K_UP)],
    230: [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_t),
          pygame.event.Event(pygame.KEYUP, key=pygame.K_t)],
    240: [pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(100, 660))],
    250: [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE),
          pygame.event.Event(pygame.TEXTINPUT, text=" ")],
    252: [pygame.event.Event(pygame.TEXTINPUT, text="set the temperature to 23")],
    254: [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN)],
}


@pytest.fixture
def recording(tmp_path, monkeypatch) -> Path:
    """A recording of 300 headless frames of the real app loop, with keys and a click posted."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    drain, frames = app._drain_events, [0]

    def person_at_the_wheel(dashboard):
        frames[0] += 1
        for event in PRESSES.get(frames[0], []):
            pygame.event.post(event)
        return drain(dashboard)

    monkeypatch.setattr(app, "_drain_events", person_at_the_wheel)
    path = tmp_path / "run.jsonl"
    LearnedStore(tmp_path / "state").remember("alice", "media.volume_pct", 22)  # she turned it down once
    with Session(Settings(profile="alice", use_broker=False, state_dir=tmp_path / "state")) as session:
        app.run(session, (1920, 720), frames=300, paced=False, record=path)
    return path


def test_the_recording_holds_every_input_and_tick_with_simulated_time(recording):
    parsed = read_recording(recording)
    assert parsed.header["profile"] == "alice" and parsed.header["use_broker"] is False
    assert parsed.header["learned"] == {"alice": {"media.volume_pct": 22}}
    kinds = [item["type"] for item in parsed.items]
    assert kinds.count("tick") == 300
    inputs = [(item["type"], item.get("key", item.get("pos")))
              for item in parsed.items if item["type"] != "tick"]
    assert inputs == [("key_down", "down"), ("key_down", "d"), ("key_up", "d"), ("key_up", "down"),
                      ("key_down", "up"), ("key_up", "up"), ("key_down", "t"), ("key_up", "t"),
                      ("click", [100, 660]), ("key_down", "space"), ("text", None), ("text", None),
                      ("key_down", "return")]
    assert parsed.final_state is not None and parsed.final_state["Vehicle.Speed"] > 20
    assert parsed.final_state["Vehicle.Cabin.Infotainment.Media.Volume"] == 22
    # typed while driving: text entry is locked, so Enter says the first suggested phrase
    assert parsed.final_state["Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"] == 21.0
    assert not recording.with_name(recording.name + ".part").exists()


def test_replay_reaches_the_recorded_state_and_is_deterministic(recording, tmp_path):
    logs = []
    for seed, name in enumerate(("first", "second"), start=1):
        result = cockpit("scenario", "replay", str(recording), "--report", str(tmp_path / name),
                         hash_seed=seed)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "final state matches the recording" in result.stdout
        logs.append((tmp_path / name / "events.jsonl").read_text(encoding="utf-8").splitlines())
    first, second = logs
    assert len(first) > 100
    assert [without_wall(line) for line in first] == [without_wall(line) for line in second]
    assert any(json.loads(line)["type"] == "ProfileApplied" for line in first)
    assert (tmp_path / "first" / "report.html").is_file()


def test_replay_notices_a_different_outcome(recording, tmp_path):
    lines = recording.read_text(encoding="utf-8").splitlines()
    end = json.loads(lines[-1])
    end["state"]["Vehicle.Speed"] = 123.0
    tampered = tmp_path / "tampered.jsonl"
    tampered.write_text("\n".join([*lines[:-1], json.dumps(end)]) + "\n", encoding="utf-8")
    result = cockpit("scenario", "replay", str(tampered))
    assert result.returncode == 1
    assert "Vehicle.Speed: recorded 123.0, replayed" in result.stdout


def test_from_recording_makes_a_scenario_that_validates_and_runs(recording, tmp_path):
    output = tmp_path / "from_rec.yaml"
    result = cockpit("scenario", "from-recording", str(recording), "-o", str(output))
    assert result.returncode == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    assert "key: up" in text and "hold: 3.0" in text and "click:" in text
    assert "say: set the temperature to 23" in text and "key: space" not in text
    run = cockpit("scenario", "run", str(output))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Hold ↑ for 3 s: Accelerator (hold)" in run.stdout


def test_a_scenario_without_the_home_runs_deterministically(tmp_path):
    shipped = Path(__file__).resolve().parents[2] / "scenarios" / "teen_speed_cap.yaml"
    logs = []
    for seed, name in enumerate(("a", "b"), start=1):
        result = cockpit("scenario", "run", str(shipped), "--report", str(tmp_path / name), hash_seed=seed)
        assert result.returncode == 0, result.stdout
        lines = (tmp_path / name / "events.jsonl").read_text(encoding="utf-8").splitlines()
        logs.append([without_wall(line) for line in lines])
    assert logs[0] == logs[1]
    assert any("wall_s" in line for line in (tmp_path / "a" / "events.jsonl").read_text().splitlines())
