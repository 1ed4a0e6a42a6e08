"""Position: along a route of waypoints, or along the heading without one."""

from __future__ import annotations

import pytest

from cockpit.core import signals as sig
from cockpit.core.geo import distance_m
from cockpit.vehicle.route import Route, bearing_deg, move
from tests.vehicle.conftest import run, shift

# About 1.1 km east along a street, then 0.9 km north to a home.
HOME = (48.1500, 11.5900)
ROUTE = Route([(48.1420, 11.5750), (48.1420, 11.5900), HOME])


def test_distance_and_bearing_match_known_values():
    one_degree_north = distance_m(48.0, 11.0, 49.0, 11.0)
    assert one_degree_north == pytest.approx(111_195, rel=1e-3)
    assert bearing_deg(48.0, 11.0, 48.0, 11.1) == pytest.approx(90.0, abs=0.1)
    lat, lon = move(48.0, 11.0, 90.0, 1000.0)
    assert distance_m(48.0, 11.0, lat, lon) == pytest.approx(1000.0, rel=1e-6)
    assert lat == pytest.approx(48.0)


def test_a_route_knows_its_length_and_points_along_it():
    assert ROUTE.length_m == pytest.approx(1116 + 890, abs=15)
    lat, lon, heading = ROUTE.at(500.0)
    assert lat == pytest.approx(48.142) and 11.575 < lon < 11.59 and heading == pytest.approx(90, abs=0.1)
    assert ROUTE.at(1e9)[:2] == HOME
    assert ROUTE.at(1e9)[2] == pytest.approx(0.0, abs=0.1)


@pytest.mark.parametrize("waypoints", [[], [(48.0, 11.0)], [(48.0, 11.0), (91.0, 11.0)]],
                         ids=["empty", "one point", "not a latitude"])
def test_a_bad_route_is_refused(waypoints):
    with pytest.raises(ValueError):
        Route(waypoints)


def test_the_car_drives_along_a_route_and_ends_at_its_last_point(car):
    car.follow_route(ROUTE)
    car.cockpit.tick(0.1)
    assert car.cockpit.value(sig.LATITUDE) == 48.142 and car.cockpit.value(sig.LONGITUDE) == 11.575
    shift(car, "D")
    car.press_accelerator(40)
    run(car, 30)
    lat, lon = float(car.cockpit.value(sig.LATITUDE)), float(car.cockpit.value(sig.LONGITUDE))
    travelled = car.odometer_km * 1000
    assert distance_m(48.142, 11.575, lat, lon) == pytest.approx(travelled, abs=2.0)
    assert car.cockpit.value(sig.HEADING) == 90.0
    run(car, 120)
    assert car.position.arrived
    assert (car.cockpit.value(sig.LATITUDE), car.cockpit.value(sig.LONGITUDE)) == HOME
    assert car.cockpit.value(sig.HEADING) == pytest.approx(0.0, abs=0.1)


def test_without_a_route_the_car_follows_its_heading(car):
    car.cockpit.update(sig.HEADING, 90.0)
    shift(car, "D")
    car.press_accelerator(50)
    run(car, 20)
    lat, lon = float(car.cockpit.value(sig.LATITUDE)), float(car.cockpit.value(sig.LONGITUDE))
    start_lat, start_lon = sig.CATALOGUE[sig.LATITUDE].default, sig.CATALOGUE[sig.LONGITUDE].default
    assert lat == pytest.approx(start_lat, abs=1e-6)
    assert lon > start_lon
    assert distance_m(start_lat, start_lon, lat, lon) == pytest.approx(car.odometer_km * 1000, abs=2.0)
