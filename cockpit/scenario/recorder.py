"""The event log of a run (events.jsonl), the signal history expectations look back on, and samples
for the report's plots.

Every line carries the simulated `time`; wall-clock fields are named `wall_*` and kept apart, so two
runs can be compared byte for byte once those are dropped (see `without_wall`).
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cockpit.atomic import write_atomic
from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.events import (
    AssistantReplied,
    CommandApplied,
    CommandDeferred,
    CommandRejected,
    Event,
    HomeDeviceChanged,
    NoticeRaised,
    ProfileApplied,
    SignalChanged,
)
from cockpit.core.signals import Value

# Plotted in metric for every run, so that runs of drivers with other units share one axis.
PLOTTED = {"speed": (sig.SPEED, "km/h"), "battery": (sig.SOC, "%"), "cabin": (sig.CABIN_TEMP, "°C")}
SAMPLE_INTERVAL_S = 1.0
CommandEvent = CommandApplied | CommandDeferred | CommandRejected


@dataclass(slots=True)
class Samples:
    """Plotted signals sampled at a fixed simulated interval."""

    times: list[float] = field(default_factory=list)
    series: dict[str, list[float]] = field(default_factory=lambda: {name: [] for name in PLOTTED})

    def take(self, cockpit: Cockpit) -> None:
        self.times.append(round(cockpit.now, 3))
        for name, (path, _unit) in PLOTTED.items():
            self.series[name].append(float(cockpit.value(path)))


class EventLog:
    """Subscribes to every cockpit event until `close()`; `note()` adds the scenario's own lines."""

    def __init__(self, cockpit: Cockpit) -> None:
        self.cockpit = cockpit
        self._entries: list[tuple[Event | dict[str, Any], float]] = []
        self.commands: list[CommandEvent] = []
        self.history: dict[str, list[tuple[float, Value]]] = defaultdict(list)
        self._first_old: dict[str, Value] = {}
        self.moments: list[tuple[float, str]] = []  # what a person would notice, for the report
        self._device_words: dict[str, str] = {}
        self.samples = Samples()
        self._next_sample = 0.0
        self._wall_start = time.monotonic()
        self._unsubscribe = cockpit.bus.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, SignalChanged):
            self._first_old.setdefault(event.path, event.old)
            self.history[event.path].append((event.time, event.new))
        elif isinstance(event, (CommandApplied, CommandDeferred, CommandRejected)):
            self.commands.append(event)
        moment = self._moment(event)
        if moment:
            self.moments.append((round(event.time, 3), moment))
        self._entries.append((event, time.monotonic()))

    def note(self, kind: str, **fields: Any) -> None:
        """A line of the scenario's own (a step, an expectation's result, a screenshot)."""
        self._entries.append(({"type": kind, "time": self.cockpit.now, **fields}, time.monotonic()))

    @property
    def lines(self) -> list[str]:
        """The events.jsonl lines; turned into JSON only when asked (most runs never write them)."""
        lines = []
        for entry, wall in self._entries:
            data = entry if isinstance(entry, dict) else entry.to_dict()
            data["time"] = round(data["time"], 6)
            data["wall_s"] = round(wall - self._wall_start, 6)
            lines.append(json.dumps(data, ensure_ascii=False, default=_plain))
        return lines

    def sample(self) -> None:
        """Take the plot samples that are due (call after every tick)."""
        while self.cockpit.now + 1e-9 >= self._next_sample:
            self.samples.take(self.cockpit)
            self._next_sample += SAMPLE_INTERVAL_S

    def values_since(self, path: str, since: float) -> list[tuple[float, Value]]:
        """The value at `since` and every value the signal took after it, with their times."""
        changes = self.history.get(path, [])
        before = [change for change in changes if change[0] <= since]
        initial = self._first_old.get(path, self.cockpit.value(path))
        start: tuple[float, Value] = before[-1] if before else (since, initial)
        return [start, *(change for change in changes if change[0] > since)]

    def write(self, path: Path) -> None:
        write_atomic(path, "".join(line + "\n" for line in self.lines))

    def close(self) -> None:
        self._unsubscribe()


    def _moment(self, event: Event) -> str:
        """A home device's state word changing (not every reading it reports), or another moment."""
        if not isinstance(event, HomeDeviceChanged):
            return _moment(event)
        word = str(event.state.get("state", ""))
        if self._device_words.get(event.device_id) == word:
            return ""
        self._device_words[event.device_id] = word
        return f"home {event.device_id}: {word or json.dumps(dict(event.state), sort_keys=True)}"


def _moment(event: Event) -> str:
    """One line for the report's list of what happened: notices, refusals, drivers, replies."""
    if isinstance(event, NoticeRaised):
        return f"notice ({event.level}): {event.text}"
    if isinstance(event, CommandRejected):
        return f"refused {event.command.describe()}: {event.reason}"
    if isinstance(event, ProfileApplied):
        return f"driver {event.display_name} ({event.profile_id})"
    if isinstance(event, AssistantReplied):
        return f"{event.adapter}: “{event.utterance}” → {event.reply}"
    return ""


def _plain(value: Any) -> Any:
    """JSON for what events carry beyond JSON: sets sorted (their order varies between runs), dataclasses
    as mappings, anything else as text."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {item.name: getattr(value, item.name) for item in dataclasses.fields(value)}
    return str(value)


def without_wall(line: str) -> dict[str, Any]:
    """One events.jsonl line with its wall-clock fields dropped (for determinism checks)."""
    data: dict[str, Any] = json.loads(line)
    return {key: value for key, value in data.items() if not key.startswith("wall_")}
