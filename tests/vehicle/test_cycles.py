"""Drive cycles: the shipped traces load and match their official distances, and the driver
model follows them closely enough for consumption figures to mean something."""

from __future__ import annotations

import math

import pytest

from cockpit.core import signals as sig
from cockpit.core.errors import InvalidInput
from cockpit.core.events import CommandRejected
from cockpit.vehicle import cycles
from cockpit.vehicle.driver import Phase
from tests.vehicle.conftest import Build, speed


@pytest.mark.parametrize(("name", "seconds", "km", "top"),
                         [("wltp_class3b", 1800, 23.266, 131.3), ("epa_udds", 1369, 11.99, 91.25)])
def test_the_shipped_cycles_match_their_standards(name, seconds, km, top):
    cycle = cycles.load(name)
    assert cycle.duration_s == seconds
    assert cycle.distance_km() == pytest.approx(km, abs=0.001)
    assert max(cycle.speeds_kmh) == pytest.approx(top, abs=0.01)


def test_speed_between_samples_is_interpolated():
    cycle = cycles.parse("time_s,speed_kmh\n0,0\n1,10\n2,10\n", "tiny.csv")
    assert cycle.name == "tiny"
    assert cycle.speed_at(0.5) == 5.0 and cycle.speed_at(7.0) == 10.0 and cycle.speed_at(-1) == 0.0
    assert cycle.slope_at(0.5) == 10.0 and cycle.slope_at(1.5) == 0.0
    assert cycle.distance_km() == pytest.approx(15 / 3600)


@pytest.mark.parametrize(("text", "message"), [
    ("time,speed\n0,0\n", "bad.csv:1: header must be time_s,speed_kmh"),
    ("time_s,speed_kmh\n0,0\n1,fast\n", "bad.csv:3: expected two numbers"),
    ("time_s,speed_kmh\n0,0\n2,5\n", "bad.csv:3: time_s must be 1, not 2"),
    ("time_s,speed_kmh\n0,0\n1,-4\n", "bad.csv:3: speed_kmh -4 is outside 0..400"),
    ("time_s,speed_kmh\n0,0\n", "bad.csv: a cycle needs at least two rows"),
], ids=["header", "not a number", "gap in time", "negative speed", "too short"])
def test_a_bad_cycle_file_names_the_line_and_field(text, message):
    with pytest.raises(InvalidInput, match=message):
        cycles.parse(text, "bad.csv")


def test_an_unknown_cycle_lists_the_known_ones():
    with pytest.raises(InvalidInput, match="drive cycle 'nedc' not found; known: epa_udds, wltp_class3b"):
        cycles.load("nedc")


@pytest.mark.parametrize(("name", "km"), [("wltp_class3b", 23.266), ("epa_udds", 11.99)])
def test_the_driver_follows_a_whole_cycle_and_parks(build: Build, name, km):
    car = build(DRIVER_FAN=0)
    rejected: list[CommandRejected] = []
    car.cockpit.bus.subscribe(rejected.append, CommandRejected)
    driver = car.drive_cycle(name)
    errors = []
    while not driver.done:
        car.cockpit.tick(0.5)
        if driver.phase is Phase.FOLLOWING:
            errors.append(driver.cycle.speed_at(driver.cycle_time()) - speed(car))
        assert car.cockpit.now < driver.cycle.duration_s + 60, "the driver never finished"
    rms = math.sqrt(sum(e * e for e in errors) / len(errors))
    assert rms < 2.0
    assert car.odometer_km == pytest.approx(km, rel=0.02)
    assert car.cockpit.value(sig.SELECTED_GEAR) == sig.GEAR_PARK and car.cockpit.parked
    assert rejected == [], "the driver holds the brake to leave P"
    used_wh_per_km = (80.0 - car.battery.soc) / 100 * 75_000 / car.odometer_km
    assert 90 < used_wh_per_km < 180


def test_a_segment_is_driven_from_its_start_to_its_end(build: Build):
    car = build(DRIVER_FAN=0)
    driver = car.drive_cycle(cycles.load("wltp_class3b"), start_s=589.0, end_s=1022.0)  # Medium 3b
    while not driver.done:
        car.cockpit.tick(0.5)
    assert car.odometer_km == pytest.approx(4.756, rel=0.03)
    assert car.cockpit.now < 1022 - 589 + 30


def test_a_new_cycle_replaces_the_running_one(build: Build):
    car = build()
    first = car.drive_cycle("epa_udds")
    for _ in range(100):
        car.cockpit.tick(0.5)
    second = car.drive_cycle("epa_udds", 0.0, 30.0)
    assert first.done
    for _ in range(200):
        car.cockpit.tick(0.5)
    assert second.done


def test_a_segment_outside_the_cycle_is_refused(build: Build):
    with pytest.raises(ValueError, match="outside epa_udds"):
        build().drive_cycle("epa_udds", 100.0, 5000.0)
