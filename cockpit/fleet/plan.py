"""The fleet scenario file: how many cars, for how long, and drivers moving between them.

    fleet_version: 1
    cars: 6
    duration_s: 120
    moves:
      - {at_s: 2, car: 1, fob: fob-1}        # Alice gets into car 1
      - {at_s: 30, car: 1, set: {signal: Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature, value: 23.5}}
      - {at_s: 59, car: 4, park: true}       # car 4 stops for her
      - {at_s: 60, car: 4, fob: fob-1}       # ... she gets in, and her 23.5 °C follows her
      - {at_s: 70, car: 4, drive: true}

`at_s` is the car's simulated time; `car` is its number (1..cars). A `set` is the driver changing
something in the car (learned for them, so it roams); `park` stops the car's drive cycle and puts
it in P (remote commands act only then), `drive` starts the cycle again. Problems are reported as
`file:line:col: field: message`, all at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cockpit.core.errors import ScenarioError
from cockpit.core.signals import CATALOGUE
from cockpit.yaml_source import Problem, read_document, validation_problems

MAX_CARS = 100_000


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class Change(_Strict):
    """A setting the driver changes in the car."""

    signal: str = Field(description="VSS path of the actuator")
    value: float | int | bool | str = Field(description="the value the driver chooses")

    @model_validator(mode="after")
    def _known(self) -> Change:
        if self.signal not in CATALOGUE:
            raise ValueError(f"unknown signal {self.signal!r}")
        return self


class Move(_Strict):
    """At `at_s`, in car `car`: present a fob (a driver gets in) or change a setting."""

    at_s: float = Field(ge=0, le=10 * 365 * 86400, description="simulated seconds since the start")
    car: int = Field(ge=1, le=MAX_CARS, description="car number, 1..cars")
    fob: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,32}$", description="key fob presented")
    set: Change | None = Field(default=None, description="a setting the driver changes")
    park: bool = Field(default=False, description="stop driving and put the car in P")
    drive: bool = Field(default=False, description="drive the cycle again")

    @model_validator(mode="after")
    def _one_action(self) -> Move:
        if [self.fob is not None, self.set is not None, self.park, self.drive].count(True) != 1:
            raise ValueError("a move does one thing: fob, set, park or drive")
        return self


class FleetPlan(_Strict):
    """A fleet scenario."""

    fleet_version: Literal[1] = 1
    cars: int = Field(ge=1, le=MAX_CARS, description="how many cars")
    duration_s: float | None = Field(default=None, gt=0, le=10 * 365 * 86400, description="how long to run")
    moves: list[Move] = Field(default_factory=list)

    @model_validator(mode="after")
    def _cars_exist(self) -> FleetPlan:
        for move in self.moves:
            if move.car > self.cars:
                raise ValueError(f"a move names car {move.car}, but the fleet has {self.cars} cars")
        return self


def check(path: Path) -> tuple[FleetPlan | None, list[Problem]]:
    """Parse and validate one fleet scenario; returns it, or None and every problem."""
    document, problems = read_document(path, str(path), kind="fleet scenario", expected="cars and moves")
    if document is None:
        return None, problems
    try:
        return FleetPlan.model_validate(document.data), []
    except ValidationError as error:
        return None, validation_problems(document, error, FleetPlan)


def load_plan(path: Path) -> FleetPlan:
    """A valid fleet scenario; raises ScenarioError listing its problems."""
    plan, problems = check(path)
    if plan is None:
        raise ScenarioError("\n".join(str(problem) for problem in problems))
    return plan
