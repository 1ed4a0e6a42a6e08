"""Battery: charging only when parked and plugged, range from consumption, outside writes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.vehicle.battery import RangeEstimator
from cockpit.vehicle.model import VehicleModel
from tests.vehicle.conftest import Build, run, shift, soc, speed


def plug_in(car, kw: float, limit: int = 100) -> None:
    car.cockpit.update(sig.CHARGE_LIMIT, limit)
    car.cockpit.update(sig.CABLE_CONNECTED, True)
    car.cockpit.update(sig.CHARGE_POWER, kw)


def test_a_parked_plugged_car_charges_at_the_charger_power(car):
    plug_in(car, 11.0)
    run(car, 3600, dt=1.0)
    gained_kwh = (soc(car) - 80.0) / 100 * 75.0
    assert gained_kwh == pytest.approx(11.0 * 0.92 - 0.25, rel=0.01)
    assert car.cockpit.value(sig.IS_CHARGING) is True


def test_charging_stops_at_full(build: Build):
    car = build(SOC=99.0, DRIVER_FAN=0)
    plug_in(car, 50.0)
    run(car, 600, dt=1.0)
    assert soc(car) == 100.0
    assert car.cockpit.value(sig.IS_CHARGING) is False
    assert car.cockpit.value(sig.SOC_DISPLAYED) == 100.0


def test_no_charging_unless_plugged(car):
    car.cockpit.update(sig.CHARGE_LIMIT, 100)
    car.cockpit.update(sig.CHARGE_POWER, 11.0)
    run(car, 600, dt=1.0)
    assert soc(car) < 80.0
    assert car.cockpit.value(sig.IS_CHARGING) is False


def test_charging_stops_at_the_limit_and_says_how_long_until_then(build: Build):
    car = build(SOC=70.0)
    plug_in(car, 11.0, limit=80)
    run(car, 60, dt=1.0)
    left = int(car.cockpit.value(sig.TIME_TO_COMPLETE))
    expected = (80.0 - soc(car)) / 100 * 75_000 / (11_000 * 0.92 - 250 - car.cabin.hvac_power_w) * 3600
    assert abs(left - expected) <= 60
    run(car, 3 * 3600, dt=5.0)
    assert soc(car) == pytest.approx(80.0, abs=0.01)
    assert car.cockpit.value(sig.IS_CHARGING) is False and car.cockpit.value(sig.TIME_TO_COMPLETE) == 0


def test_the_car_cannot_leave_park_while_the_cable_is_in(car):
    from cockpit.core.commands import PlugCable

    assert car.cockpit.submit(PlugCable(True, "public")).applied
    assert car.cockpit.value(sig.CHARGE_POWER) == 50.0
    car.press_brake(100)
    for gear in ("D", "R", "N"):
        refused = car.select_gear(gear)
        assert refused.rejected and refused.reason == "unplug the charging cable before leaving P"
    assert car.cockpit.submit(PlugCable(False)).applied
    assert car.select_gear("D").applied
    assert car.cockpit.submit(PlugCable(True)).rejected  # not parked any more


def test_range_follows_recent_consumption():
    estimator = RangeEstimator(170.0)
    assert estimator.range_m(60_000.0) == pytest.approx(60_000 / 170 * 1000)
    for _ in range(100):  # 10 km at 250 Wh/km move the estimate part of the way
        estimator.record(25.0, 100.0)
    assert 190.0 < estimator.wh_per_km < 240.0
    for _ in range(900):  # after 100 km it is the recent consumption
        estimator.record(25.0, 100.0)
    assert estimator.wh_per_km == pytest.approx(250.0, abs=3.0)
    for _ in range(400):  # a long descent gains energy: the estimate stays sane
        estimator.record(-5.0, 100.0)
    assert estimator.wh_per_km >= 80.0


def test_range_is_published_and_shrinks_on_the_motorway(car):
    car.cockpit.tick(0.1)
    start = int(car.cockpit.value(sig.RANGE))
    assert start == pytest.approx(75_000 * 0.8 / 170 * 1000, abs=100)
    shift(car, "D")
    car.press_accelerator(100)
    run(car, 900, dt=0.5)  # 160 km/h for a quarter of an hour
    assert int(car.cockpit.value(sig.RANGE)) < start * 0.75


def test_the_range_starts_from_the_battery_and_holds_steady_through_the_first_minute(car):
    """The first frame shows this battery's range (not the signal's default), and a hard pull-away
    is not taken for a habit: energy put into the car's motion is not counted as spent."""
    start = float(car.cockpit.value(sig.RANGE))  # before the first tick
    assert start == pytest.approx(75_000 * 0.8 / 170 * 1000, abs=100)
    shift(car, "D")
    pedal = {0: 100, 4: 15, 30: 100, 34: 20}  # a brisk pull-away, then an overtake half a minute on
    seen = []
    for second in range(60):
        if second in pedal:
            car.press_accelerator(pedal[second])
        run(car, 1.0)
        seen.append(float(car.cockpit.value(sig.RANGE)))
    assert speed(car) > 100
    assert max(abs(value - start) for value in seen) <= 0.02 * start, seen


def test_a_scenario_can_set_the_state_of_charge(car):
    car.cockpit.update(sig.SOC, 15.0)
    run(car, 1.0)
    assert 14.9 < soc(car) <= 15.0
    assert car.battery.soc == pytest.approx(soc(car), abs=0.001)
    assert car.cockpit.value(sig.SOC_DISPLAYED) == 15.0


pedal = st.integers(min_value=0, max_value=100)
action = st.tuples(st.sampled_from(["P", "R", "N", "D"]), pedal, pedal, st.floats(0.05, 20.0))


@settings(max_examples=40, deadline=None)
@given(start=st.floats(0.0, 100.0), actions=st.lists(action, max_size=12))
def test_soc_and_speed_stay_in_range_whatever_the_driver_does(start: float, actions):
    cockpit = Cockpit()
    cockpit.update(sig.SOC, start)
    car = VehicleModel(cockpit)
    car.install()
    for gear, accelerator, brake, seconds in actions:
        car.select_gear(gear)
        car.press_accelerator(accelerator)
        car.press_brake(brake)
        run(car, seconds, dt=0.5)
        assert 0.0 <= soc(car) <= 100.0
        assert -20.0 <= speed(car) <= 160.0
        assert car.odometer_km >= 0.0
