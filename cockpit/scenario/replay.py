"""Replaying a recording: the same inputs at the same simulated times, with the same dt per step.

The loop mirrors `cockpit.ui.app.run` call for call (inputs, `session.step(dt)`, and the session
started after the first step), so the cockpit goes through the same states and emits the same
events. Widgets are brought up to date before a click, as the app's last frame had them. A
recording made with the home on a broker replays with it, but MQTT timing is not deterministic.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cockpit import shutdown
from cockpit.scenario.recorder import EventLog
from cockpit.scenario.recording import Recording, read_recording
from cockpit.session import Session, Settings


@dataclass(slots=True)
class ReplayResult:
    """What the replay reached, compared with what the recording ended at."""

    recording: Path
    ticks: int
    simulated_s: float
    wall_s: float
    differences: list[str] = field(default_factory=list)
    checked: bool = True
    report: Path | None = None

    @property
    def matches(self) -> bool:
        return not self.differences

    def summary(self) -> str:
        head = (f"replayed {self.recording}: {self.ticks} steps, {self.simulated_s:.1f} s simulated in "
                f"{self.wall_s:.2f} s")
        if not self.checked:
            verdict = "the recording has no final state to compare (was the run interrupted?)"
        elif self.matches:
            verdict = "final state matches the recording"
        else:
            verdict = "final state DIFFERS from the recording:\n  " + "\n  ".join(self.differences[:20])
        report = f"\nreport: {self.report}" if self.report else ""
        return f"{head}\n{verdict}{report}"


def replay(path: Path, folder: Path | None = None) -> ReplayResult:
    """Replay the recording at `path`; writes events.jsonl and report.html to `folder` if given.

    Raises ScenarioError for a file that is not a recording.
    """
    recording = read_recording(path)
    header = recording.header
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from cockpit.ui.dashboard import Dashboard

    size = (int(header["size"][0]), int(header["size"][1]))
    wall = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="cockpit-replay-") as state_dir:
        _seed_learned(Path(state_dir), header.get("learned") or {})
        session = Session(Settings(profile=header.get("profile"), assistant=header.get("assistant"),
                                   profiles_dir=_path(header.get("profiles_dir")),
                                   use_broker=bool(header.get("use_broker")), broker_url=header.get("broker"),
                                   home_file=_path(header.get("home_file")), state_dir=Path(state_dir),
                                   headless=True, size=size))
        log = EventLog(session.cockpit)
        dashboard = Dashboard(session.view, size)  # off screen: no display is opened
        try:
            ticks = _drive(recording, session, dashboard, log)
            final = session.cockpit.snapshot()
        finally:
            dashboard.close()
            log.close()
            session.close()
    result = ReplayResult(path, ticks, session.cockpit.now, time.monotonic() - wall,
                          _differences(recording.final_state, final), recording.final_state is not None)
    if folder is not None:
        log.write(folder / "events.jsonl")
        result.report = _report(recording, path, log, result, final, folder)
    return result


def _seed_learned(state_dir: Path, learned: dict[str, dict[str, Any]]) -> None:
    """Give the replay the learned preferences the recorded run started with."""
    from cockpit.personalisation.learned import LearnedStore

    store = LearnedStore(state_dir)
    for profile_id, values in learned.items():
        for field_name, value in values.items():
            store.remember(profile_id, field_name, value)


def _path(text: str | None) -> Path | None:
    return Path(text) if text else None


def _drive(recording: Recording, session: Session, dashboard: Any, log: EventLog) -> int:
    ticks = 0
    for item in recording.items:
        shutdown.check()  # between two inputs: close() and the temporary folder's cleanup still run
        kind = item["type"]
        if kind == "tick":
            session.step(float(item["dt"]))
            log.sample()
            ticks += 1
            if ticks == 1:
                session.start()
        elif kind == "key_down":
            dashboard.handle_key(item["key"])
        elif kind == "key_up":
            dashboard.release_key(item["key"])
        elif kind == "click":
            dashboard.frame()
            dashboard.click((int(item["pos"][0]), int(item["pos"][1])))
        elif kind == "text":
            dashboard.type_text(item["text"])
    return ticks


def _differences(recorded: dict[str, Any] | None, final: dict[str, Any]) -> list[str]:
    if recorded is None:
        return []
    return [f"{path}: recorded {recorded.get(path)!r}, replayed {final.get(path)!r}"
            for path in sorted(set(recorded) | set(final)) if recorded.get(path) != final.get(path)]


def _report(recording: Recording, path: Path, log: EventLog, result: ReplayResult,
            final: dict[str, Any], folder: Path) -> Path:
    """The replay's report: the recording as a scenario, its inputs as the timeline, and the plots."""
    import yaml

    from cockpit.scenario.recording import to_scenario_yaml
    from cockpit.scenario.report import write_report
    from cockpit.scenario.runner import RunResult, StepResult
    from cockpit.scenario.schema import Scenario

    data = yaml.safe_load(to_scenario_yaml(recording, path, folder / "replay.yaml"))
    scenario = Scenario.model_validate(data)
    steps = [StepResult(index, round(float(item["t"]), 3), _describe(item))
             for index, item in enumerate((i for i in recording.items if i["type"] != "tick"), start=1)]
    verdict = StepResult(len(steps) + 1, round(result.simulated_s, 3), "final state as recorded",
                         "matches" if result.matches else "differs",
                         error=None if result.matches else "; ".join(result.differences[:5]))
    run = RunResult(scenario, "replay", [*steps, verdict], log.samples, final, result.wall_s, folder,
                    log.moments)
    return write_report([run], folder)


def _describe(item: dict[str, Any]) -> str:
    fields = ", ".join(f"{key}={value}" for key, value in item.items() if key not in ("type", "t"))
    return f"{item['type']} {fields}"
