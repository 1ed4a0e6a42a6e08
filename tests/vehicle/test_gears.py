"""Gear interlocks: refused shifts say why, allowed ones apply, and CURRENT_GEAR follows."""

from __future__ import annotations

import pytest

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal
from cockpit.core.events import CommandRejected
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


@pytest.mark.parametrize("gear", ["P", "R"])
def test_no_park_or_reverse_while_moving_forward(car, gear):
    shift(car, "D")
    car.press_accelerator(60)
    run(car, 5)
    rejected = []
    car.cockpit.bus.subscribe(rejected.append, CommandRejected)
    outcome = car.select_gear(gear)
    assert outcome.rejected
    assert outcome.reason.startswith(f"cannot shift to {gear} while moving forward at ")
    assert outcome.reason.endswith("km/h; stop first")
    assert rejected and rejected[0].reason == outcome.reason
    assert car.cockpit.value(sig.SELECTED_GEAR) == sig.GEAR_DRIVE


@pytest.mark.parametrize("gear", ["P", "D"])
def test_no_park_or_drive_while_reversing(car, gear):
    shift(car, "R")
    car.press_accelerator(60)
    run(car, 4)
    assert speed(car) < -2.0
    outcome = car.select_gear(gear)
    assert outcome.rejected
    assert f"cannot shift to {gear} while reversing" in outcome.reason


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
