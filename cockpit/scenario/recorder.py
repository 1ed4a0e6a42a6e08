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
from typing import Any, NamedTuple

from cockpit.atomic import write_atomic
from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.events import (
    AssistantReplied,
    CommandApplied,
    CommandDeferred,
    CommandRejected,
    Event,
    GeofenceChanged,
    HomeDeviceChanged,
    NoticeRaised,
    ProfileApplied,
    RouteChanged,
    SignalChanged,
)
from cockpit.core.signals import Value
from cockpit.core.text import localise
from cockpit.i18n import translator

DEFAULT_PLOTS = (sig.SPEED, sig.SOC, sig.CABIN_TEMP)
SAMPLE_INTERVAL_S = 1.0
CommandEvent = CommandApplied | CommandDeferred | CommandRejected


@dataclass(slots=True)
class Samples:
    """The plotted signals (VSS paths), sampled at a fixed simulated interval."""

    paths: tuple[str, ...] = DEFAULT_PLOTS
    times: list[float] = field(default_factory=list)
    series: dict[str, list[Value]] = field(default_factory=dict)

    def take(self, cockpit: Cockpit) -> None:
        self.times.append(round(cockpit.now, 3))
        for path in self.paths:
            self.series.setdefault(path, []).append(cockpit.value(path))


class ShownChange(NamedTuple):
    """One line of a driver change's "What changed", in the new driver's language and units."""

    text: str
    after_parking: bool  # waits until the car is parked (seat, mirrors, how the instruments read)


@dataclass(frozen=True, slots=True)
class Moment:
    """Something a person would notice, for the report: its kind (one of KINDS), the cockpit's own
    words, and at a driver change who it is now and what changed."""

    time: float
    kind: str
    text: str
    colour: str = ""  # a driver change: the avatar colour, six hex digits
    changes: tuple[ShownChange, ...] = ()  # a driver change: "What changed", as the cockpit shows it
    detail: str = ""  # the raw form: the refused command, the adapter that replied


# Kinds of moment; the first five are marked on the report's plots.
KINDS = ("driver", "refusal", "reply", "routine", "arrival", "notice", "home")


class EventLog:
    """Subscribes to every cockpit event until `close()`; `note()` adds the scenario's own lines."""

    def __init__(self, cockpit: Cockpit, plots: tuple[str, ...] = DEFAULT_PLOTS) -> None:
        self.cockpit = cockpit
        self._entries: list[tuple[Event | dict[str, Any], float]] = []
        self.commands: list[CommandEvent] = []
        self.history: dict[str, list[tuple[float, Value]]] = defaultdict(list)
        self._first_old: dict[str, Value] = {}
        self.moments: list[Moment] = []  # what a person would notice, for the report
        self._device_words: dict[str, str] = {}
        self._at_home: bool | None = None
        self.samples = Samples(plots)
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
        if moment is not None:
            self.moments.append(moment)
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


    def _moment(self, event: Event) -> Moment | None:
        """What a person would notice in `event`, if anything: a home device's state word changing
        (not every reading it reports), the car crossing into or out of the home zone (its routine
        runs), or one of the moments `_moment` knows."""
        at = round(event.time, 3)
        if isinstance(event, HomeDeviceChanged):
            word = str(event.state.get("state", ""))
            if self._device_words.get(event.device_id) == word:
                return None
            self._device_words[event.device_id] = word
            state = word or json.dumps(dict(event.state), sort_keys=True)
            return Moment(at, "home", f"{event.device_id}: {state}")
        if isinstance(event, GeofenceChanged):
            crossed = self._at_home is not None and event.inside != self._at_home
            self._at_home = event.inside
            return Moment(at, "routine", "arrive" if event.inside else "leave") if crossed else None
        return _moment(event, at)


def _moment(event: Event, at: float) -> Moment | None:
    """Notices, refusals, driver changes, assistant replies and arrivals."""
    if isinstance(event, NoticeRaised):
        return Moment(at, "notice", event.text)
    if isinstance(event, CommandRejected):
        return Moment(at, "refusal", str(event.reason), detail=event.command.describe())
    if isinstance(event, ProfileApplied):
        return Moment(at, "driver", event.display_name, event.avatar_colour, changes_shown(event),
                      event.profile_id)
    if isinstance(event, AssistantReplied):
        return Moment(at, "reply", f"“{event.utterance}” → {event.reply}", detail=event.adapter)
    if isinstance(event, RouteChanged) and event.plan is None and event.why == "arrived":
        return Moment(at, "arrival", "")
    return None


def changes_shown(event: ProfileApplied) -> tuple[ShownChange, ...]:
    """The "What changed" list of a driver change, each entry as the cockpit's drawer shows it: in
    the new driver's language and units, and whether it was applied at once or waits for Park."""
    tr = translator(event.language)
    return tuple(ShownChange(localise(change.text, tr), change.after_parking) for change in event.changes)


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
