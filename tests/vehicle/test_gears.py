"""Gear interlocks: refused shifts say why, allowed ones apply, and CURRENT_GEAR follows."""

from __future__ import annotations

import pytest

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal
from cockpit.core.events import CommandRejected
from cockpit.vehicle.model import GEARS_BY_LETTER
from tests.vehicle.conftest import run, shift, speed


def test_leaving_park_needs_the_brake(car):
    outcome = car.select_gear("D")
    assert outcome.rejected
    assert outcome.reason == "press the brake to shift from P to D"
    assert car.cockpit.value(sig.SELECTED_GEAR) == sig.GEAR_PARK
    car.press_brake(40)
    assert car.select_gear("D").applied
    car.cockpit.tick(0.1)
    assert car.cockpit.value(sig.CURRENT_GEAR) == sig.GEAR_DRIVE


@pytest.mark.parametrize(("driving", "gear", "reason"), [
    ("D", "P", "cannot shift to P while moving forward at "),
    ("D", "R", "cannot shift to R while moving forward at "),
    ("R", "P", "cannot shift to P while reversing at "),
    ("R", "D", "cannot shift to D while reversing at "),
], ids=["P forward", "R forward", "P reversing", "D reversing"])
def test_no_shift_against_the_direction_of_travel(car, driving, gear, reason):
    shift(car, driving)
    car.press_accelerator(60)
    run(car, 4)
    assert abs(speed(car)) > 10.0
    rejected = []
    car.cockpit.bus.subscribe(rejected.append, CommandRejected)
    outcome = car.select_gear(gear)
    assert outcome.rejected
    assert outcome.reason.startswith(reason) and outcome.reason.endswith(" km/h; stop first")
    assert rejected and rejected[0].reason == outcome.reason
    assert car.cockpit.value(sig.SELECTED_GEAR) == GEARS_BY_LETTER[driving]


def test_shifts_are_allowed_at_a_crawl_and_park_holds_the_car(car):
    shift(car, "D")
    car.press_accelerator(0)
    car.cockpit.update(sig.SPEED, 1.5)
    assert car.select_gear("N").applied
    assert car.select_gear("P").applied
    car.cockpit.tick(0.1)
    assert speed(car) == 0.0
    assert car.cockpit.parked


def test_neutral_is_allowed_at_speed_and_back_to_drive(car):
    shift(car, "D")
    car.press_accelerator(100)
    run(car, 5)
    assert car.select_gear("N").applied
    assert car.select_gear("D").applied


def test_a_gear_that_does_not_exist_is_refused(car):
    car.press_brake(50)
    outcome = car.cockpit.submit(SetSignal(sig.SELECTED_GEAR, 5))
    assert outcome.rejected
    assert outcome.reason == "there is no gear 5; choose P, R, N or D"
    assert car.select_gear(sig.GEAR_NEUTRAL).applied, "numbers work as well as letters"


def test_a_refused_shift_gives_the_speed_in_the_driver_s_units(car):
    car.cockpit.update(sig.DISTANCE_UNIT, "MILES")
    shift(car, "D")
    car.press_accelerator(60)
    run(car, 4)
    outcome = car.select_gear("P")
    assert outcome.rejected and outcome.reason.endswith(" mph; stop first")
