"""Cabin temperature: toward the setpoint with the HVAC, toward outside without, at a cost."""

from __future__ import annotations

import pytest

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal, Source
from cockpit.vehicle.climate import Cabin
from tests.vehicle.conftest import Build, run, set_signal


def cabin_after(build: Build, minutes: float, **signals: object) -> float:
    car = build(**signals)
    run(car, minutes * 60, dt=1.0)
    return float(car.cockpit.value(sig.CABIN_TEMP))


def test_the_hvac_heats_a_cold_cabin_to_the_setpoint(build: Build):
    cold = {"OUTSIDE_TEMP": -5.0, "CABIN_TEMP": -5.0, "DRIVER_TEMP": 22.0}
    assert cabin_after(build, 15, DRIVER_FAN=100, **cold) == pytest.approx(22.0, abs=0.5)
    slow = cabin_after(build, 5, DRIVER_FAN=20, **cold)
    fast = cabin_after(build, 5, DRIVER_FAN=100, **cold)
    assert -5.0 < slow < fast - 5.0, "a low fan warms the cabin more slowly"


def test_cooling_needs_the_ac(build: Build):
    hot = {"OUTSIDE_TEMP": 32.0, "CABIN_TEMP": 45.0, "DRIVER_TEMP": 20.0, "DRIVER_FAN": 100}
    assert cabin_after(build, 20, AC=True, **hot) == pytest.approx(20.0, abs=0.5)
    vented = cabin_after(build, 20, AC=False, **hot)
    assert 31.5 < vented < 34.0, "without AC fresh air only brings it to the outside temperature"


def test_with_the_hvac_off_the_cabin_drifts_to_outside_over_tens_of_minutes(build: Build):
    start = {"OUTSIDE_TEMP": 0.0, "CABIN_TEMP": 20.0, "DRIVER_FAN": 0}
    ten = cabin_after(build, 10, **start)
    assert 10.0 < ten < 18.0
    assert cabin_after(build, 120, **start) == pytest.approx(0.0, abs=0.5)


def test_outside_temperature_changes_are_followed(build: Build):
    car = build(DRIVER_FAN=0, CABIN_TEMP=20.0, OUTSIDE_TEMP=20.0)
    run(car, 60, dt=1.0)
    assert float(car.cockpit.value(sig.CABIN_TEMP)) == pytest.approx(20.0, abs=0.01)
    car.cockpit.update(sig.OUTSIDE_TEMP, 35.0)
    run(car, 600, dt=1.0)
    assert float(car.cockpit.value(sig.CABIN_TEMP)) > 24.0


def test_heating_draws_from_the_battery(build: Build):
    idle = build(DRIVER_FAN=0, OUTSIDE_TEMP=-10.0, CABIN_TEMP=-10.0)
    heating = build(DRIVER_FAN=80, OUTSIDE_TEMP=-10.0, CABIN_TEMP=-10.0, DRIVER_TEMP=22.0)
    run(idle, 600, dt=1.0)
    run(heating, 600, dt=1.0)
    used_idle = idle.battery.capacity_wh * (80.0 - idle.battery.soc) / 100
    used_heating = heating.battery.capacity_wh * (80.0 - heating.battery.soc) / 100
    assert used_idle == pytest.approx(0.25 * 1000 / 6, rel=0.01), "only the auxiliary load: 250 W"
    assert used_heating > used_idle + 400, "heating a frozen cabin takes kilowatts"


def test_a_setpoint_change_through_the_cockpit_takes_effect(build: Build):
    car = build(DRIVER_FAN=100, CABIN_TEMP=21.0, OUTSIDE_TEMP=21.0, DRIVER_TEMP=21.0)
    set_signal(car, sig.DRIVER_TEMP, 25.0)
    run(car, 600, dt=1.0)
    assert float(car.cockpit.value(sig.CABIN_TEMP)) == pytest.approx(25.0, abs=0.3)


def test_the_cabin_model_holds_the_setpoint_once_there():
    cabin = Cabin(21.0)
    for _ in range(1000):
        cabin.step(0.1, 21.0, 0.5, True, False, 5.0)
    assert cabin.temperature == pytest.approx(21.0, abs=1e-6)
    assert 500 < cabin.hvac_power_w < 2500


def test_remote_preconditioning_cools_a_hot_parked_car_even_with_the_fan_and_ac_off(build: Build):
    hot = {"OUTSIDE_TEMP": 32.0, "CABIN_TEMP": 45.0, "DRIVER_TEMP": 21.0, "DRIVER_FAN": 0, "AC": False}
    assert cabin_after(build, 15, **hot) > 38.0, "with the HVAC off it only drifts toward outside"
    car = build(**hot)
    outcome = car.cockpit.submit(SetSignal(sig.PRECONDITIONING, True, source=Source.REMOTE))
    assert outcome.applied, outcome.reason
    soc = float(car.cockpit.value(sig.SOC))
    run(car, 15 * 60, dt=1.0)
    assert float(car.cockpit.value(sig.CABIN_TEMP)) == pytest.approx(21.0, abs=1.0)
    assert float(car.cockpit.value(sig.SOC)) < soc, "the HVAC's power comes from the battery"


def test_driving_off_ends_preconditioning_and_remote_requests_are_refused_while_driving(build: Build):
    car = build()
    assert car.cockpit.submit(SetSignal(sig.PRECONDITIONING, True, source=Source.REMOTE)).applied
    car.press_brake(100)
    assert car.select_gear("D").applied
    run(car, 0.5)
    assert car.cockpit.value(sig.PRECONDITIONING) is False
    refused = car.cockpit.submit(SetSignal(sig.PRECONDITIONING, True, source=Source.REMOTE))
    assert refused.rejected and "parked" in refused.reason
