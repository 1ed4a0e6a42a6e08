"""Bad scenarios: every problem as file:line:col with exit 2; a failing expectation with exit 1."""

from __future__ import annotations

import pytest

from cockpit.scenario import loader
from tests.scenario.conftest import cockpit

GOOD_START = """
name: Check
start: {profile: alice}
steps:
"""


def test_a_broken_expectation_fails_with_expected_and_actual(write_scenario):
    path = write_scenario(GOOD_START + """
      - at: 2
        expect:
          - {signal: Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature, equals: 25.0}
          - {signal: Vehicle.Speed, equals: 0}
    """)
    result = cockpit("scenario", "run", str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Check [Alice]: FAILED - 1/2 expectations passed" in result.stdout
    # in words, in Alice's units (she reads °F): 25.0 °C expected, her 21.5 °C found
    assert "FAILED Driver temperature is 77 °F" in result.stdout
    assert "expected: is 77 °F" in result.stdout
    assert "actual:   70.7 °F" in result.stdout


def test_an_invalid_file_reports_every_problem_with_its_position(write_scenario):
    path = write_scenario("""
        name: Broken
        start:
          battery: 140
          profil: alice
        steps:
          - at: 1
            key: warp
          - at: 2
            expect: {signal: Vehicle.Sped, equals: 0}
          - at: 3
            say: "Alexa, hello"
            hold: 2
          - at: 1
            wait: 5
    """)
    result = cockpit("scenario", "run", str(path))
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert (f"{path}:3:12: start.battery: Input should be less than or equal to 100 [percent] (got 140)"
            in lines)
    assert any(line.startswith(f"{path}:4:3: start.profil: unknown key 'profil'; did you mean 'profile'?")
               for line in lines)
    assert any(line.startswith(f"{path}:7:10: steps[0].key: no key 'warp'") for line in lines)
    assert any(line.startswith(f"{path}:9:22: steps[1].expect[0].signal: unknown signal 'Vehicle.Sped'")
               for line in lines)
    assert any(line.startswith(f"{path}:10:5: steps[2]: hold only goes with key") for line in lines)
    assert "nothing was run" in result.stderr


def test_time_going_backwards_is_reported_at_the_step(write_scenario):
    path = write_scenario(GOOD_START + """
      - at: 10
        wait: 5
      - at: 12
        key: t
    """)
    scenario, problems = loader.check(path)
    assert scenario is None
    assert [str(p) for p in problems] == [
        f"{path}:7:13: steps[1].at: at 12 s is before the previous step's time 15 s"]


@pytest.mark.parametrize(("text", "message"), [
    ("", "1:1: file: empty scenario; expected a mapping with name and steps"),
    ("- a\n- b\n", "1:1: (root): expected a mapping of scenario fields, got a list"),
    ("name: [unclosed\n", "2:1: yaml:"),
    ("name: x\nsteps:\n  - {at: 1, cycle: wltp_class3b from 50 to 10}\n",
     "3:20: steps[0].cycle: cycle segment must end after it starts"),
    ("name: x\nsteps:\n  - {at: 1, cycle: nedc}\n", "3:20: steps[0].cycle: drive cycle 'nedc' not found"),
    ("name: x\nsteps:\n  - {at: 1, expect: {signal: Vehicle.Speed, equals: 1, at_most: 2}}\n",
     "3:21: steps[0].expect[0]: a signal expectation needs exactly one of"),
    ("name: x\nsteps:\n  - {at: 1}\n", "3:5: steps[0]: a step needs exactly one action"),
    ("name: x\nstart: {profile: a, fob: fob-1}\nsteps:\n  - {wait: 1}\n",
     "2:8: start: give either profile or fob, not both"),
    ("name: x\nsteps:\n  - {at: 1, accelerator: 140}\n",
     "3:26: steps[0].accelerator: Input should be less than or equal to 100 [percent] (got 140)"),
    ("name: x\nsteps:\n  - {at: 1, kye: up}\n", "3:13: steps[0].kye: unknown key 'kye'; did you mean 'key'?"),
    ("name: x\nsteps:\n  - {at: 1, key: up, say: hi}\n", "3:5: steps[0]: a step needs exactly one action"),
], ids=["empty", "list", "yaml", "segment", "cycle", "two-checks", "no-action", "profile-and-fob",
        "step-unit", "misspelt-action", "two-actions"])
def test_problems_name_file_line_and_column(write_scenario, text, message):
    path = write_scenario(text)
    scenario, problems = loader.check(path)
    assert scenario is None
    assert any(str(problem).startswith(f"{path}:{message}") for problem in problems), problems


def test_check_command_prints_problems_and_exits_2(write_scenario):
    bad = write_scenario("name: x\nsteps:\n  - {at: 1}\n", "bad.yaml")
    good = write_scenario("name: y\nsteps:\n  - {wait: 1}\n", "good.yaml")
    result = cockpit("scenario", "check", str(good), str(bad))
    assert result.returncode == 2
    assert result.stdout.startswith(f"{bad}:3:5: steps[0]: a step needs exactly one action")
    assert "1 problem(s) in 1 file(s)" in result.stderr


def test_a_step_that_cannot_act_fails_the_run(write_scenario):
    path = write_scenario(GOOD_START + """
      - at: 1
        drive: {to: Narnia, speed: 30}
    """)
    result = cockpit("scenario", "run", str(path))
    assert result.returncode == 1
    assert "error: no saved place 'Narnia' for this driver; known: Home, Office" in result.stdout


def test_record_never_overwrites_a_file(tmp_path):
    existing = tmp_path / "run.jsonl"
    existing.write_text("keep me", encoding="utf-8")
    result = cockpit("run", "--headless", "--no-broker", "--frames", "2", "--record", str(existing))
    assert result.returncode == 2
    assert "the file exists" in result.stderr
    assert existing.read_text(encoding="utf-8") == "keep me"


def test_from_recording_never_overwrites_a_file(tmp_path):
    existing = tmp_path / "mine.yaml"
    existing.write_text("keep me", encoding="utf-8")
    result = cockpit("scenario", "from-recording", str(tmp_path / "missing.jsonl"), "-o", str(existing))
    assert result.returncode == 2
    assert "never overwritten" in result.stderr
    assert existing.read_text(encoding="utf-8") == "keep me"
