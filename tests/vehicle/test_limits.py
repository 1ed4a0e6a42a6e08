"""The active driver's speed cap and speed warning, from the live restrictions."""

from __future__ import annotations

import pytest

from cockpit.core import signals as sig
from cockpit.core.events import NoticeRaised
from cockpit.core.policy import Restrictions
from tests.vehicle.conftest import run, shift, speed


def test_the_speed_cap_holds_under_full_throttle(car):
    car.cockpit.set_restrictions(Restrictions(speed_cap_kmh=80.0))
    shift(car, "D")
    car.press_accelerator(100)
    highest = 0.0
    for _ in range(600):
        car.cockpit.tick(0.1)
        highest = max(highest, speed(car))
    assert 79.0 < speed(car) <= 80.0
    assert highest <= 80.0


def test_a_lower_cap_slows_the_car_without_braking_it_hard(car):
    shift(car, "D")
    car.press_accelerator(100)
    run(car, 20)
    assert speed(car) > 120
    car.cockpit.set_restrictions(Restrictions(speed_cap_kmh=60.0))
    run(car, 2)
    assert speed(car) > 110, "traction is cut; the car coasts down"
    run(car, 120)
    assert speed(car) == pytest.approx(60.0, abs=1.0)


def test_the_speed_warning_is_raised_once_and_rearmed_below_the_threshold(car):
    notices: list[NoticeRaised] = []
    car.cockpit.bus.subscribe(notices.append, NoticeRaised)
    car.cockpit.set_restrictions(Restrictions(speed_warning_kmh=50.0))
    shift(car, "D")
    car.press_accelerator(40)
    run(car, 30)
    assert speed(car) > 60
    assert len(notices) == 1 and "50 km/h" in notices[0].text and notices[0].level == "warning"
    assert car.speed_warning_active and car.cockpit.value(sig.SPEED_WARNING) is True

    car.cockpit.update(sig.SPEED, 48.5)  # just under the threshold: still warned (hysteresis)
    car.press_accelerator(10)
    car.cockpit.tick(0.02)
    assert car.speed_warning_active
    car.press_accelerator(0)
    car.press_brake(30)
    run(car, 10)
    assert not car.speed_warning_active and car.cockpit.value(sig.SPEED_WARNING) is False
    car.press_brake(0)
    car.press_accelerator(60)
    run(car, 10)
    assert len(notices) == 2


def test_no_warning_without_a_threshold(car):
    notices: list[NoticeRaised] = []
    car.cockpit.bus.subscribe(notices.append, NoticeRaised)
    shift(car, "D")
    car.press_accelerator(100)
    run(car, 10)
    assert notices == [] and not car.speed_warning_active


def test_the_speed_warning_speaks_the_driver_s_units(car):
    notices: list[NoticeRaised] = []
    car.cockpit.bus.subscribe(notices.append, NoticeRaised)
    car.cockpit.update(sig.DISTANCE_UNIT, "MILES")
    car.cockpit.set_restrictions(Restrictions(speed_warning_kmh=80.0))
    shift(car, "D")
    car.press_accelerator(60)
    run(car, 30)
    assert [notice.text for notice in notices] == ["Speed above 50 mph"]
