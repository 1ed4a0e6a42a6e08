"""The home on a broker the user names (--broker), and the progress line on a terminal or a pipe."""

from __future__ import annotations

import io
import json

from cockpit.home.broker import EmbeddedBroker
from cockpit.scenario import loader
from cockpit.scenario.commands import progress_printer
from cockpit.scenario.runner import Progress, Runner, RunOptions
from tests.scenario.conftest import cockpit


def test_a_home_scenario_runs_against_the_broker_given_with_broker(write_scenario, tmp_path):
    path = write_scenario("""
        name: Garage from outside
        start: {profile: alice}
        steps:
          - at: 1
            home_event: {device: garage_door, action: open}
          - after: 13
            expect: {device: garage_door, state: {state: open}}
          - mqtt: {topic: garage_door/set, payload: CLOSE}
          - after: 1
            expect: {device: garage_door, state: {state: closing}}
    """)
    with EmbeddedBroker() as broker:
        result = cockpit("scenario", "run", str(path), "--broker", broker.url,
                         "--report", str(tmp_path / "r"))
    assert result.returncode == 0, result.stdout + result.stderr
    events = (tmp_path / "r" / "events.jsonl").read_text(encoding="utf-8")
    online = [json.loads(line) for line in events.splitlines() if '"BrokerStateChanged"' in line]
    assert online and online[-1]["online"] is True and online[-1]["url"] == broker.url


def test_a_home_scenario_in_process_leaves_no_thread_behind(write_scenario):
    """The embedded broker, the cockpit's link and the Home Assistant stand-in all stop (the autouse
    fixture fails the test otherwise)."""
    path = write_scenario("""
        name: Lights
        start: {profile: alice, home: true}
        steps:
          - at: 1
            mqtt: {topic: light_kitchen/set, payload: '{"state": "ON", "brightness": 128}'}
          - expect: {device: light_kitchen, state: {state: "ON", brightness: 128}}
    """)
    result = Runner(loader.load_one(path), "alice", RunOptions()).run()
    assert not result.failed, [(s.error, s.verdicts) for s in result.steps]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_rewrites_one_line_on_a_terminal():
    stream = Terminal()
    show = progress_printer(stream)
    show(Progress(1.0, 60.0, 1, 3, "key up"))
    show(Progress(2.0, 60.0, 1, 3, "key up"))
    assert stream.getvalue().count("\r\x1b[2K") == 2 and "\n" not in stream.getvalue()


def test_progress_writes_one_plain_line_per_step_into_a_pipe():
    stream = io.StringIO()
    show = progress_printer(stream)
    for now, step in ((1.0, 1), (2.0, 1), (3.0, 2)):
        show(Progress(now, 60.0, step, 3, f"step {step}"))
    assert stream.getvalue().splitlines() == ["[    1.0/60 s] step 1/3: step 1",
                                              "[    3.0/60 s] step 2/3: step 2"]
