"""Trip A (distance, time on the move, average speed, energy) and steering while off the roads."""

from __future__ import annotations

import math

import pytest

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal
from tests.vehicle.conftest import run, shift


def test_trip_a_counts_distance_time_speed_and_energy_and_resets(car):
    shift(car, "D")
    car.press_accelerator(40)
    run(car, 120, dt=0.1)
    c = car.cockpit
    km = float(c.value(sig.TRIP_METER))
    assert km == pytest.approx(car.odometer_km, abs=0.01) and km > 0.5
    seconds = float(c.value(sig.TRIP_DURATION))
    assert 110 <= seconds <= 120
    assert float(c.value(sig.AVERAGE_SPEED)) == pytest.approx(km / seconds * 3600, rel=0.02)
    energy = float(c.value(sig.TRIP_ENERGY))
    assert 80 < energy / km * 1000 < 400  # Wh/km of a city drive
    assert c.submit(SetSignal(sig.TRIP_METER, 0.0)).applied
    run(car, 0.2, dt=0.1)
    assert float(c.value(sig.TRIP_METER)) < 0.02 and float(c.value(sig.TRIP_ENERGY)) < 0.05
    assert car.odometer_km >= km  # the odometer is not reset


def test_reversing_with_the_wheel_turned_swings_the_car_round(car):
    c = car.cockpit
    c.update(sig.HEADING, 0.0)
    c.submit(SetSignal(sig.STEERING_ANGLE, 360))
    shift(car, "R")
    car.press_accelerator(30)
    run(car, 3, dt=0.1)
    heading = float(c.value(sig.HEADING))
    reversed_m = car.odometer_km * 1000
    expected = -reversed_m * math.tan(math.radians(360 / 15)) / 2.77  # bicycle model, radians
    assert heading == pytest.approx(math.degrees(expected) % 360, abs=1.0)
    assert 270.0 < heading < 355.0  # wheel right, backwards: the nose swings left
