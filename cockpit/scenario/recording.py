"""Recordings of `cockpit run --record FILE` (written by cockpit.scenario.capture): the format.

Line 1 is a header (format version, start profile, profiles folder, assistant, broker, home file,
size, and the preferences the profiles had learned at the start); then, in the order they
happened, `tick` lines with the exact dt of every simulation step and input lines (`key_down`,
`key_up`, `click`, and `text` typed into push-to-talk), each with the simulated time `t`; the last line,
`end`, holds the final state so a replay can prove it arrived at the same place. The file is
written as FILE.part and renamed when the run ends.

`to_scenario_yaml` turns a recording into an editable scenario: key presses and releases become
`key` steps with a `hold`, an utterance typed after Space and sent with Enter becomes a `say` step,
at times rounded to a tenth of a second.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cockpit.core.errors import ScenarioError
from cockpit.reading import ReadError, decode_text, parse_json, read_limited

FORMAT_VERSION = 1
INPUTS = ("key_down", "key_up", "click", "text")
TALK_KEY, SEND_KEYS = "space", frozenset({"return", "enter"})
SCHEMA = Path(__file__).resolve().parents[2] / "scenarios" / "scenario.schema.json"
MIN_HOLD_S = 0.15  # shorter than this, a key press is a tap
MAX_BYTES = 128 * 2**20  # about ten hours of driving


@dataclass(frozen=True, slots=True)
class Recording:
    """A parsed recording: the header, the ticks and inputs in order, and the final state."""

    header: dict[str, Any]
    items: list[dict[str, Any]]
    final_state: dict[str, Any] | None

    @property
    def duration(self) -> float:
        ticks = [item for item in self.items if item["type"] == "tick"]
        return float(ticks[-1]["t"]) if ticks else 0.0


def read_recording(path: Path) -> Recording:
    """Parse a recording; raises ScenarioError naming the file and line that is wrong."""
    try:
        lines = decode_text(read_limited(path, MAX_BYTES, "recording")).splitlines()
    except ReadError as error:
        raise ScenarioError(f"{path}:{error}") from None
    items, final = [], None
    for number, line in enumerate(lines, start=1):
        try:
            item = parse_json(line)
        except ReadError as error:
            raise ScenarioError(f"{path}:{number}:{error.col}: {error.field}: {error.message}") from None
        kind = item.get("type") if isinstance(item, dict) else None
        if number == 1:
            if kind != "recording" or item.get("version") != FORMAT_VERSION:
                raise ScenarioError(f"{path}:1: not a version {FORMAT_VERSION} cockpit recording")
            continue
        if kind == "end":
            final = item.get("state")
        elif kind == "tick" or kind in INPUTS:
            items.append(item)
        else:
            raise ScenarioError(f"{path}:{number}: unknown line type {kind!r}")
    if not lines:
        raise ScenarioError(f"{path}: empty recording")
    return Recording(parse_json(lines[0]), items, final)


def to_scenario_yaml(recording: Recording, source: Path, output: Path) -> str:
    """An editable scenario that does what the recording did (times rounded to 0.1 s)."""
    import yaml

    steps = _Steps().convert(recording.items)
    end = max(round(recording.duration, 1), max((s["at"] + s.get("hold", 0) for s in steps), default=0))
    final = recording.final_state or {}
    checks = [{"signal": path, "equals": final[path]} for path in
              ("Vehicle.Powertrain.Transmission.SelectedGear", "Vehicle.Driver.Identifier.Subject")
              if path in final]
    steps.append({"at": end, "screenshot": "final"})
    if checks:
        steps.append({"expect": checks})
    data: dict[str, Any] = {"name": f"Recorded run {source.stem}",
                            "description": f"Made from the recording {source.name}; edit freely."}
    if recording.header.get("profile"):
        data["start"] = {"profile": recording.header["profile"]}
    data["steps"] = steps
    head = ""
    if SCHEMA.is_file():  # relative inside this checkout, absolute elsewhere
        folder = output.resolve().parent
        inside = folder.is_relative_to(SCHEMA.parents[1])
        head = f"# yaml-language-server: $schema={os.path.relpath(SCHEMA, folder) if inside else SCHEMA}\n"
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)


class _Steps:
    """Turns recorded inputs into scenario steps; push-to-talk typing becomes one `say` step."""

    def __init__(self) -> None:
        self.steps: list[dict[str, Any]] = []
        self.down: dict[str, tuple[float, dict[str, Any]]] = {}
        self.draft: str | None = None  # text typed since Space, None when not talking

    def convert(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for item in items:
            kind, exact = item["type"], float(item.get("t", 0.0))
            if self.draft is not None and kind in ("key_down", "text"):
                self._talking(item, exact)
            elif kind == "key_down" and item["key"] == TALK_KEY:
                self.draft = ""
            elif kind == "key_down" and item["key"] not in self.down:
                step: dict[str, Any] = {"at": round(exact, 1), "key": item["key"]}
                self.down[item["key"]] = (exact, step)
                self.steps.append(step)
            elif kind == "key_up" and item["key"] in self.down:
                pressed, step = self.down.pop(item["key"])
                if exact - pressed >= MIN_HOLD_S:
                    step["hold"] = round(exact - pressed, 1)
            elif kind == "click":
                self.steps.append({"at": round(exact, 1), "click": item["pos"]})
        return self.steps

    def _talking(self, item: dict[str, Any], exact: float) -> None:
        assert self.draft is not None
        if item["type"] == "text":
            self.draft += item["text"]
        elif item["key"] in SEND_KEYS:
            if self.draft.strip():
                self.steps.append({"at": round(exact, 1), "say": self.draft.strip()})
            self.draft = None
        elif item["key"] == "escape":
            self.draft = None
        elif item["key"] == "backspace":
            self.draft = self.draft[:-1]
