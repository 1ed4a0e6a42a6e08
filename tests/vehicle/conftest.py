"""Fixtures and helpers for the vehicle tests: a cockpit with the simulated EV installed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import SetSignal
from cockpit.vehicle.model import VehicleModel
from cockpit.vehicle.params import EVParams

Build = Callable[..., VehicleModel]


@pytest.fixture
def build() -> Build:
    """Make a fresh cockpit with a car of the given parameters installed; returns the model."""

    def make(params: EVParams | None = None, **signals: object) -> VehicleModel:
        cockpit = Cockpit()
        for name, value in signals.items():
            cockpit.update(getattr(sig, name), value)  # type: ignore[arg-type]
        model = VehicleModel(cockpit, params)
        model.install()
        return model

    return make


@pytest.fixture
def car(build: Build) -> VehicleModel:
    """The default car, parked, HVAC off so energy tests see only the drivetrain."""
    return build(DRIVER_FAN=0)


def shift(car: VehicleModel, gear: str) -> None:
    """Shift with the brake held, as a driver would; fails the test if refused."""
    car.press_brake(100)
    outcome = car.select_gear(gear)
    assert outcome.applied, outcome.reason
    car.press_brake(0)


def run(car: VehicleModel, seconds: float, dt: float = 0.1) -> None:
    """Tick the cockpit for `seconds` of simulated time."""
    for _ in range(round(seconds / dt)):
        car.cockpit.tick(dt)


def speed(car: VehicleModel) -> float:
    return float(car.cockpit.value(sig.SPEED))


def soc(car: VehicleModel) -> float:
    return float(car.cockpit.value(sig.SOC))


def set_signal(car: VehicleModel, path: str, value: object) -> None:
    outcome = car.cockpit.submit(SetSignal(path, value))  # type: ignore[arg-type]
    assert outcome.applied, outcome.reason
