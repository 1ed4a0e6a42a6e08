"""The scenario file schema (pydantic v2, strict): a start, then a timeline of steps.

Written by hand by UX testers, so strict like the profiles: an unknown key or a quoted number is an
error reported at its line. Each step has exactly one action key (`key`, `say`, `cycle`, `expect`,
...) plus the modifiers that belong to that action (`hold` with `key`, `assistant` with `say`),
and a time: `at` (simulated seconds since the start) or `after` (seconds after the previous step).
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cockpit.core import signals as sig
from cockpit.core.errors import UnknownSignal, brief
from cockpit.ui.keys import KEY_ACTIONS
from cockpit.vehicle.cycles import CYCLES
from cockpit.vehicle.cycles import load as load_cycle
from cockpit.yaml_source import FieldError

MAX_SECONDS = 24 * 3600.0  # a scenario is a journey, not a soak test: `scenario run` must finish
# Simulated seconds: finite and within a day, so `scenario check` refuses what `run` cannot do.
Seconds = Annotated[float, Field(ge=0, le=MAX_SECONDS, allow_inf_nan=False)]
Finite = Annotated[float, Field(allow_inf_nan=False)]
Scalar = bool | int | Finite | str
NAME_PATTERN = r"^[A-Za-z0-9_-]{1,60}$"
CYCLE_PATTERN = re.compile(r"^(?P<name>\w+)(\s+from\s+(?P<start>\d+(\.\d+)?)\s+to\s+(?P<end>\d+(\.\d+)?))?$")
KeyName = Literal[tuple(sorted(KEY_ACTIONS))]  # type: ignore[valid-type]  # built from the key table


class Strict(BaseModel):
    """Base of every scenario model: unknown keys and loose types are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class Position(Strict):
    latitude: float = Field(ge=-90, le=90, description="[degrees]")
    longitude: float = Field(ge=-180, le=180, description="[degrees]")


class Start(Strict):
    """How the car is when the scenario begins; what is left out keeps the simulator's default."""

    profile: str | None = Field(None, description="Driver profile id applied at the start")
    fob: str | None = Field(None, description="Key fob presented at the start (selects its driver)")
    position: Position | None = None
    battery: float | None = Field(None, ge=0, le=100, description="State of charge [percent]")
    speed: float = Field(0, ge=0, le=250, description="0 = parked in P; above 0 = moving in D [km/h]")
    time_of_day: str = Field("08:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="HH:MM")
    outside_temperature: float | None = Field(None, ge=-50, le=60, description="[celsius]")
    cabin_temperature: float | None = Field(None, ge=-50, le=90,
                                            description="Default: the outside temperature [celsius]")
    home: bool = Field(False, description="Start the connected home (embedded MQTT broker); implied by "
                                          "home steps and expectations")

    @model_validator(mode="after")
    def _one_driver(self) -> Start:
        if self.profile is not None and self.fob is not None:
            raise ValueError("give either profile or fob, not both")
        return self

    def seconds_of_day(self) -> float:
        hours, minutes = self.time_of_day.split(":")
        return int(hours) * 3600.0 + int(minutes) * 60.0


class Expectation(Strict):
    """One check. Exactly one of `signal`, `text`, `command`, `device` says what is checked."""

    signal: str | None = Field(None, description="VSS path whose value is checked")
    equals: Scalar | None = None
    approx: Finite | None = None
    tolerance: Finite = Field(0.5, ge=0)
    between: list[Finite] | None = Field(None, min_length=2, max_length=2, description="[low, high]")
    at_least: Finite | None = None
    at_most: Finite | None = None
    target: bool = Field(False, description="Check the actuator's target instead of its current value")
    since: Seconds | None = Field(None, description="Check every value from this simulated time on [s]")
    text: str | None = Field(None, description="Text that must be on screen (a substring of a label)")
    visible: bool = True
    command: str | None = Field(None, description="Part of a command's description, e.g. "
                                                  "'IsPreconditioningActive'")
    status: Literal["applied", "deferred", "rejected"] = "applied"
    reason: str | None = Field(None, description="Part of the reason given with the command's outcome")
    device: str | None = Field(None, description="Home device id")
    state: dict[str, Scalar | list[Scalar]] | None = Field(None, description="Fields the device state "
                                                                            "must have")

    @field_validator("signal")
    @classmethod
    def _known_signal(cls, path: str | None) -> str | None:
        if path is not None:
            try:
                sig.spec_for(path)
            except UnknownSignal as error:
                raise ValueError(str(error)) from None
        return path

    @model_validator(mode="after")
    def _shape(self) -> Expectation:
        kinds = [name for name in ("signal", "text", "command", "device") if getattr(self, name) is not None]
        if len(kinds) != 1:
            raise ValueError("an expectation needs exactly one of signal, text, command, device; got "
                             + (", ".join(kinds) or "none"))
        if self.signal is not None:
            checks = [name for name in ("equals", "approx", "between", "at_least", "at_most")
                      if getattr(self, name) is not None]
            if len(checks) != 1:
                raise ValueError("a signal expectation needs exactly one of equals, approx, between, "
                                 "at_least, at_most")
            if self.between is not None and self.between[0] > self.between[1]:
                raise FieldError(("between", 0), f"{self.between[0]:g} is above {self.between[1]:g}")
        if self.device is not None and not self.state:
            raise ValueError("a device expectation needs a state to compare")
        return self

    def describe(self) -> str:
        """What is expected, in a line for the summary and the report."""
        if self.signal is not None:
            where = f"{self.signal}{' (target)' if self.target else ''}"
            span = f" since t={self.since:g} s" if self.since is not None else ""
            if self.equals is not None:
                return f"{where} == {self.equals!r}{span}"
            if self.approx is not None:
                return f"{where} ≈ {self.approx:g} ± {self.tolerance:g}{span}"
            if self.between is not None:
                return f"{where} in [{self.between[0]:g}, {self.between[1]:g}]{span}"
            if self.at_least is not None:
                return f"{where} ≥ {self.at_least:g}{span}"
            return f"{where} ≤ {self.at_most:g}{span}"
        if self.text is not None:
            return f"text {self.text!r} {'on' if self.visible else 'not on'} screen"
        if self.command is not None:
            reason = f" because {self.reason!r}" if self.reason else ""
            return f"command matching {self.command!r} {self.status}{reason}"
        return f"home device {self.device} state {json.dumps(self.state, sort_keys=True)}"


class Drive(Strict):
    """Drive along a straight route to a saved place (or `home`), then stop and park."""

    to: str = Field(description="A saved place of the active driver (e.g. Office), or 'home'")
    speed: float = Field(50, gt=0, le=200, description="Cruising speed [km/h]")


class HomeEvent(Strict):
    """Something happens at home outside the car: a device acts as if someone pressed its button."""

    device: str
    action: str
    params: dict[str, Any] = Field(default_factory=dict)


class MqttMessage(Strict):
    """A Home Assistant command arriving over MQTT, published by a second client."""

    topic: str = Field(max_length=200, description="Relative to the home's base topic (e.g. car/climate/"
                                                   "mode/set), or absolute when it starts with '/'")
    payload: str = Field(max_length=4096)

    @field_validator("topic")
    @classmethod
    def _publishable(cls, topic: str) -> str:
        if not topic.strip("/") or any(character in topic for character in "#+\x00"):
            raise ValueError(f"{brief(topic)} is not a topic one can publish to (no #, + or empty topic)")
        return topic


ACTIONS = ("key", "click", "fob", "profile", "say", "gear", "accelerator", "brake", "cycle", "speed",
           "drive", "home_event", "mqtt", "wait", "expect", "screenshot")
MODIFIERS = {"hold": "key", "assistant": "say"}


class Step(Strict):
    """One step of the timeline: a time and exactly one action."""

    at: Seconds | None = Field(None, description="Simulated time of the step [s]")
    after: Seconds | None = Field(None, description="Seconds after the previous step [s]")
    key: KeyName | None = Field(None, description="Press a dashboard key (pygame name)")  # type: ignore[valid-type]
    hold: float | None = Field(None, gt=0, le=3600, description="Hold the key this long [s]")
    click: list[int] | None = Field(None, min_length=2, max_length=2,
                                    description="Click at [x, y] on the 1920x720 dashboard")
    fob: str | None = Field(None, description="Present a key fob")
    profile: str | None = Field(None, description="Apply a driver profile")
    say: str | None = Field(None, min_length=1, description="An utterance for the assistant")
    assistant: str | None = Field(None, description="Adapter for `say` (default: the driver's)")
    gear: Literal["P", "R", "N", "D"] | None = None
    accelerator: int | None = Field(None, ge=0, le=100, description="Hold the pedal here [percent]")
    brake: int | None = Field(None, ge=0, le=100, description="Hold the pedal here [percent]")
    cycle: str | None = Field(None, description="A drive-cycle segment: 'wltp_class3b from 0 to 120'")
    speed: float | None = Field(None, ge=0, le=200, description="Drive at this speed from now on [km/h]")
    drive: Drive | None = None
    home_event: HomeEvent | None = None
    mqtt: MqttMessage | None = None
    wait: Seconds | None = Field(None, gt=0, description="Let time pass [s]")
    expect: list[Expectation] | None = Field(None, description="One expectation or a list of them")
    screenshot: str | None = Field(None, pattern=NAME_PATTERN, description="Save the screen as NAME.png")

    @field_validator("expect", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value

    @field_validator("cycle")
    @classmethod
    def _cycle(cls, text: str | None) -> str | None:
        if text is None:
            return None
        match = CYCLE_PATTERN.match(text.strip())
        if match is None:
            raise ValueError(f"cycle must read 'NAME' or 'NAME from START to END', not {brief(text)}")
        if match["name"] not in CYCLES:
            raise ValueError(f"drive cycle {brief(match['name'])} not found; known: "
                             f"{', '.join(sorted(CYCLES))}")
        if match["start"] is not None and float(match["start"]) >= float(match["end"]):
            raise ValueError(f"cycle segment must end after it starts: {brief(text)}")
        length = load_cycle(match["name"]).duration_s
        if match["end"] is not None and float(match["end"]) > length:
            raise ValueError(f"drive cycle {match['name']} lasts {length:g} s; the segment ends at "
                             f"{match['end']} s")
        return text

    @model_validator(mode="after")
    def _one_action(self) -> Step:
        if self.at is not None and self.after is not None:
            raise ValueError("give either at or after, not both")
        present = [name for name in ACTIONS if getattr(self, name) is not None]
        if len(present) != 1:
            raise ValueError(f"a step needs exactly one action ({', '.join(ACTIONS)}); got "
                             + (", ".join(present) or "none"))
        for modifier, action in MODIFIERS.items():
            if getattr(self, modifier) is not None and present[0] != action:
                raise ValueError(f"{modifier} only goes with {action}")
        return self

    @property
    def action(self) -> str:
        return next(name for name in ACTIONS if getattr(self, name) is not None)

    @property
    def expectations(self) -> list[Expectation]:
        return self.expect or []

    def cycle_segment(self) -> tuple[str, float, float | None]:
        """(name, start, end) of a `cycle` step."""
        match = CYCLE_PATTERN.match((self.cycle or "").strip())
        assert match is not None
        end = float(match["end"]) if match["end"] is not None else None
        return match["name"], float(match["start"] or 0), end

    def describe(self) -> str:
        """The step's action in one line (for the summary, the progress line and the report)."""
        action = self.action
        if action == "key":
            return f"key {self.key}" + (f" held {self.hold:g} s" if self.hold else "")
        if action == "say":
            return f"say {self.say!r}" + (f" to {self.assistant}" if self.assistant else "")
        if action == "expect":
            return "expect " + "; ".join(e.describe() for e in self.expectations)
        if action == "drive":
            assert self.drive is not None
            return f"drive to {self.drive.to} at {self.drive.speed:g} km/h"
        if action == "home_event":
            assert self.home_event is not None
            return f"home: {self.home_event.device} {self.home_event.action}"
        if action == "mqtt":
            assert self.mqtt is not None
            return f"MQTT {self.mqtt.topic} ← {self.mqtt.payload!r}"
        if action == "speed":
            return f"drive at {self.speed:g} km/h" if self.speed else "stop and hold the brake"
        if action in ("accelerator", "brake"):
            return f"{action} pedal at {getattr(self, action)} %"
        if action == "wait":
            return f"wait {self.wait:g} s"
        return f"{action} {getattr(self, action)}"


class Scenario(Strict):
    """A scripted run of the cockpit with expectations; see docs/scenarios.md."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True,
                              json_schema_extra={"$id": "https://smartcockpit.invalid/scenario.schema.json"})

    name: str = Field(min_length=1, max_length=80)
    description: str = ""
    start: Start = Field(default_factory=lambda: Start.model_validate({}))
    steps: list[Step] = Field(min_length=1)

    @property
    def needs_home(self) -> bool:
        """The home (and an MQTT broker) is started only when the scenario uses it."""
        return self.start.home or any(
            step.home_event or step.mqtt or (step.drive and step.drive.to.lower() == "home")
            or any(e.device for e in step.expectations) for step in self.steps)

    def times(self) -> list[float]:
        """The simulated time of each step (a `wait` ends its own time span)."""
        now, times = 0.0, []
        for step in self.steps:
            if step.at is not None:
                now = step.at
            elif step.after is not None:
                now += step.after
            times.append(now)
            if step.wait is not None:
                now += step.wait
        return times

    @property
    def duration(self) -> float:
        """When the run ends: after the last step (and its wait, hold)."""
        ends = [t + (s.wait or 0) + (s.hold or 0) for t, s in zip(self.times(), self.steps, strict=True)]
        return max(ends, default=0.0)


def json_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "SmartCockpit Sim scenario"
    return schema


def schema_text() -> str:
    """The JSON Schema as committed in scenarios/scenario.schema.json."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
