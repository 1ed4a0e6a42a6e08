"""Physics sanity of the longitudinal model: acceleration, top speed, energy, regen, coasting."""

from __future__ import annotations

import dataclasses

import pytest

from cockpit.core import signals as sig
from cockpit.core.policy import Restrictions
from cockpit.vehicle.params import EVParams
from tests.vehicle.conftest import Build, run, shift, soc, speed


def time_to_100(car, dt: float = 0.05) -> float:
    shift(car, "D")
    car.press_accelerator(100)
    while speed(car) < 100.0:
        car.cockpit.tick(dt)
        assert car.cockpit.now < 60, "never reached 100 km/h"
    return car.cockpit.now


def test_zero_to_hundred_is_plausible_for_a_150_kw_mid_size_ev(car):
    assert 5.0 < time_to_100(car) < 10.0


def test_double_the_mass_is_markedly_slower(build: Build):
    light = time_to_100(build())
    heavy = time_to_100(build(EVParams(mass_kg=3800.0)))
    assert heavy > 1.7 * light


def test_more_power_is_quicker(build: Build):
    assert time_to_100(build(EVParams(motor_power_kw=250.0))) < time_to_100(build())


def test_top_speed_is_bounded_by_the_limiter(car):
    shift(car, "D")
    car.press_accelerator(100)
    run(car, 120, dt=0.5)
    assert speed(car) == pytest.approx(160.0, abs=0.5)
    assert speed(car) <= 160.0


def test_a_parked_car_does_not_roll_under_full_throttle(car):
    car.press_accelerator(100)
    run(car, 5)
    assert speed(car) == 0.0
    assert car.cockpit.value(sig.MOTOR_POWER) == 0.0


def test_reverse_drives_backwards_and_slowly(car):
    shift(car, "R")
    car.press_accelerator(100)
    run(car, 20)
    assert -20.5 < speed(car) < -15.0
    assert float(car.cockpit.value(sig.LATITUDE)) < sig.CATALOGUE[sig.LATITUDE].default, (
        "heading north, so reversing goes south")


def consumption_wh_per_km(car, cruise_kmh: float) -> float:
    car.cockpit.set_restrictions(Restrictions(speed_cap_kmh=cruise_kmh))
    shift(car, "D")
    car.press_accelerator(100)
    run(car, 60, dt=0.5)
    assert speed(car) == pytest.approx(cruise_kmh, abs=0.5)
    start_soc, start_km = car.battery.energy_wh, car.odometer_km
    run(car, 300, dt=0.5)
    return (start_soc - car.battery.energy_wh) / (car.odometer_km - start_km)


def test_energy_per_km_grows_with_speed(build: Build):
    town = consumption_wh_per_km(build(DRIVER_FAN=0), 50.0)
    motorway = consumption_wh_per_km(build(DRIVER_FAN=0), 120.0)
    assert 60 < town < 140 and 130 < motorway < 260, (town, motorway)
    assert motorway > 1.5 * town


def test_braking_from_speed_regenerates_energy(car):
    shift(car, "D")
    car.press_accelerator(100)
    run(car, 15)
    car.press_accelerator(0)
    car.press_brake(25)
    car.cockpit.tick(0.1)
    assert float(car.cockpit.value(sig.MOTOR_POWER)) < -10.0, "the motor brakes first"
    before = soc(car)
    run(car, 25)
    assert speed(car) == 0.0
    assert soc(car) > before


def test_regen_returns_less_than_the_drive_took(car):
    start = car.battery.energy_wh
    shift(car, "D")
    car.press_accelerator(100)
    run(car, 10)
    car.press_accelerator(0)
    car.press_brake(20)
    run(car, 30)
    assert speed(car) == 0.0
    assert car.battery.energy_wh < start


def test_hard_braking_uses_the_friction_brakes_for_what_regen_cannot(build: Build):
    regained, final = {}, {}
    for pedal in (15, 100):
        car = build(DRIVER_FAN=0)
        shift(car, "D")
        car.press_accelerator(100)
        run(car, 12)
        car.press_accelerator(0)
        car.press_brake(pedal)
        before = car.battery.energy_wh
        run(car, 1)
        regained[pedal], final[pedal] = car.battery.energy_wh - before, speed(car)
    assert final[100] < final[15] - 15.0
    assert regained[100] == pytest.approx(regained[15], rel=0.5), "regen is power-limited"


def test_neutral_coasts_down_and_gently(car):
    shift(car, "D")
    car.press_accelerator(100)
    run(car, 10)
    shift(car, "N")
    car.press_accelerator(100)  # the motor is not connected in N
    fast = speed(car)
    run(car, 10)
    coasted = speed(car)
    assert fast - 15.0 < coasted < fast - 2.0
    assert float(car.cockpit.value(sig.MOTOR_POWER)) == 0.0


@pytest.mark.parametrize("dt", [1 / 10, 1 / 30, 0.5])
def test_results_do_not_depend_on_the_frame_rate(build: Build, dt: float):
    reference, other = build(DRIVER_FAN=0), build(DRIVER_FAN=0)
    for car, step in ((reference, 1 / 60), (other, dt)):
        shift(car, "D")
        car.press_accelerator(70)
        run(car, 12, dt=step)
        car.press_accelerator(0)
        car.press_brake(30)
        run(car, 3, dt=step)
    assert speed(other) == pytest.approx(speed(reference), abs=0.05)
    assert other.odometer_km == pytest.approx(reference.odometer_km, abs=1e-3)
    assert soc(other) == pytest.approx(soc(reference), abs=0.002)


def test_an_empty_battery_gives_no_traction(build: Build):
    car = build(SOC=0.0)
    shift(car, "D")
    car.press_accelerator(100)
    run(car, 5)
    assert speed(car) == 0.0
    assert soc(car) == 0.0


def test_parameters_are_checked():
    with pytest.raises(ValueError, match="mass_kg"):
        EVParams(mass_kg=0)
    with pytest.raises(ValueError, match="efficienc"):
        EVParams(drivetrain_efficiency=1.2)
    assert dataclasses.replace(EVParams(), mass_kg=2000).base_speed_mps > 0
