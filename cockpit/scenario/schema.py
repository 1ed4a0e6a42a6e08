"""The scenario file schema (pydantic v2, strict): a start, then a timeline of steps.

Written by hand by UX testers, so strict like the profiles: an unknown key or a quoted number is an
error reported at its line. Each step has exactly one action key (`key`, `say`, `cycle`, `expect`,
...) plus the modifiers that belong to that action (`hold` with `key`, `assistant` with `say`),
and a time: `at` (simulated seconds since the start) or `after` (seconds after the previous step);
each action is its own model (cockpit.scenario.steps).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ConfigDict, Field, field_validator

from cockpit.core import signals as sig
from cockpit.core.errors import UnknownSignal
from cockpit.scenario.fields import MAX_SECONDS, Expectation, Scalar, Start, Strict
from cockpit.scenario.recorder import DEFAULT_PLOTS
from cockpit.scenario.steps import ACTIONS, Step, StepBase, parse_step

__all__ = ["ACTIONS", "MAX_SECONDS", "Expectation", "Scalar", "Scenario", "Step", "StepBase", "json_schema",
           "parse_step", "schema_text"]


class Scenario(Strict):
    """A scripted run of the cockpit with expectations; see docs/scenarios.md."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True,
                              json_schema_extra={"$id": "https://smartcockpit.invalid/scenario.schema.json"})

    name: str = Field(min_length=1, max_length=80)
    description: str = ""
    start: Start = Field(default_factory=lambda: Start.model_validate({}))
    steps: list[Step] = Field(min_length=1)
    plot: list[str] = Field(default_factory=lambda: list(DEFAULT_PLOTS), min_length=1, max_length=8,
                            description="Signals (VSS paths) the report plots over time; numbers, gears, "
                                        "switches and choices")

    @field_validator("plot")
    @classmethod
    def _plottable(cls, paths: list[str]) -> list[str]:
        for path in paths:
            try:
                spec = sig.spec_for(path)
            except UnknownSignal as error:
                raise ValueError(str(error)) from None
            if spec.datatype is sig.DataType.STRING and spec.allowed is None:
                raise ValueError(f"{path} is free text, which cannot be plotted")
        if len(set(paths)) != len(paths):
            raise ValueError("each signal once")
        return paths

    @property
    def needs_home(self) -> bool:
        """The home (and an MQTT broker) is started only when the scenario uses it."""
        return self.start.home or any(step.needs_home for step in self.steps)

    def times(self) -> list[float]:
        """The simulated time of each step (a `wait` ends its own time span)."""
        now, times = 0.0, []
        for step in self.steps:
            if step.at is not None:
                now = step.at
            elif step.after is not None:
                now += step.after
            times.append(now)
            now += step.waits_s
        return times

    @property
    def duration(self) -> float:
        """When the run ends: after the last step (and its wait, hold)."""
        ends = [t + s.waits_s + s.holds_s for t, s in zip(self.times(), self.steps, strict=True)]
        return max(ends, default=0.0)


def json_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "SmartCockpit Sim scenario"
    return schema


def schema_text() -> str:
    """The JSON Schema as committed in scenarios/scenario.schema.json."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
