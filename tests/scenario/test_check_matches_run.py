"""`scenario check` refuses what `scenario run` cannot perform.

A scenario using every kind of step is mutated one value at a time (numbers too large, negative,
NaN, infinite; strings empty, wildcard topics, unknown names; wrong types). Whatever `check`
accepts must then run to its end through the real CLI: exit 0 or 1, a summary, no traceback, and
no hang.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import strategies as st

from cockpit.scenario import loader
from tests.fuzzing import run
from tests.scenario.conftest import cockpit

EVERY_STEP = """name: Mutant
start: {profile: alice, battery: 80, outside_temperature: 10, time_of_day: "07:30"}
steps:
  - at: 0.5
    key: t
  - after: 0.5
    key: down
    hold: 0.5
  - after: 0.5
    say: "set the temperature to 22"
    assistant: alexa
  - after: 0.5
    gear: D
  - after: 0.5
    accelerator: 30
  - after: 0.5
    brake: 40
  - after: 0.5
    cycle: wltp_class3b from 0 to 5
  - after: 1
    speed: 30
  - after: 1
    fob: fob-2
  - after: 0.5
    profile: bernd
  - after: 0.5
    mqtt: {topic: car/climate/mode/set, payload: HEAT_COOL}
  - after: 0.5
    home_event: {device: garage_door, action: open, params: {}}
  - after: 0.5
    click: [960, 360]
  - after: 0.5
    drive: {to: home, speed: 40}
  - after: 0.5
    wait: 2
  - after: 0.5
    expect:
      - {signal: Vehicle.Speed, between: [0, 250]}
      - {signal: Vehicle.Speed, approx: 0, tolerance: 300, since: 1}
      - {text: "km/h"}
      - {command: Temperature, status: applied}
      - {device: garage_door, state: {state: opening}}
  - after: 0.5
    screenshot: end
"""
REPLACEMENTS = ["-1", "0", "1e9", "1.0e+300", "99999", ".nan", ".inf", "-.inf", "''", "'#'", "'+/x'",
                "'x'", "[]", "{}", "null", "true", "'" + "y" * 300 + "'", "[1, 2, 3]"]


def _spots() -> list[tuple[int, int]]:
    """(start, end) of every scalar value in EVERY_STEP."""
    spots = []
    pending = [yaml.compose(EVERY_STEP)]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            pending.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        else:
            spots.append((node.start_mark.index, node.end_mark.index))
    return sorted(spots)


SPOTS = _spots()
SUMMARY = re.compile(r"^.* \[.+\]: (passed|FAILED) - ", re.M)  # the name may be mutated too


def test_the_scenario_with_every_step_is_valid_and_runs(tmp_path: Path):
    path = tmp_path / "every.yaml"
    path.write_text(EVERY_STEP)
    assert loader.check(path)[1] == []
    result = cockpit("scenario", "run", str(path), timeout=180)
    assert result.returncode in (0, 1) and SUMMARY.search(result.stdout), result.stdout + result.stderr


@pytest.mark.timeout(1800)
@pytest.mark.parametrize("budget", [pytest.param(4, id="quick"), pytest.param(60, id="fuzz",
                                                                              marks=pytest.mark.fuzz)])
def test_what_check_accepts_runs_to_its_end(tmp_path_factory: pytest.TempPathFactory, budget: int):
    def check(example: tuple[tuple[int, int], str]) -> None:
        (start, end), replacement = example
        path = tmp_path_factory.mktemp("mutant") / "mutant.yaml"
        path.write_text(EVERY_STEP[:start] + replacement + EVERY_STEP[end:])
        checked = cockpit("scenario", "check", str(path), timeout=60)
        if checked.returncode != 0:
            assert checked.returncode == 2 and "Traceback" not in checked.stderr, checked.stderr
            assert all(line.startswith(f"{path}:") for line in checked.stdout.splitlines()), checked.stdout
            return
        result = cockpit("scenario", "run", str(path), timeout=300)
        output = result.stdout + result.stderr
        assert "Traceback" not in output, output[-3000:]
        assert result.returncode in (0, 1) and SUMMARY.search(result.stdout), output[-3000:]

    run(budget, st.tuples(st.sampled_from(SPOTS), st.sampled_from(REPLACEMENTS)), check)


FOUND_BY_THE_MUTANTS = {  # (text replaced in EVERY_STEP, its replacement, what check must say)
    "wildcard-topic": ("topic: car/climate/mode/set", "topic: car/#", "is not a topic one can publish to"),
    "empty-topic": ("topic: car/climate/mode/set", "topic: /", "is not a topic one can publish to"),
    "cycle-past-its-end": ("from 0 to 5", "from 0 to 99999", "lasts 1800 s"),
    "unknown-start-profile": ("start: {profile: alice", "start: {profile: zed", "unknown profile 'zed'"),
    "unknown-profile-step": ("profile: bernd", "profile: zed", "unknown profile 'zed'"),
}


@pytest.mark.parametrize("case", FOUND_BY_THE_MUTANTS)
def test_what_run_could_not_do_is_refused_by_check_at_its_line(tmp_path: Path, case: str):
    old, new, message = FOUND_BY_THE_MUTANTS[case]
    path = tmp_path / "mutant.yaml"
    path.write_text(EVERY_STEP.replace(old, new))
    line = EVERY_STEP[:EVERY_STEP.index(old)].count("\n") + 1
    checked = cockpit("scenario", "check", str(path), timeout=60)
    assert checked.returncode == 2 and checked.stdout.startswith(f"{path}:{line}:"), checked.stdout
    assert message in checked.stdout
