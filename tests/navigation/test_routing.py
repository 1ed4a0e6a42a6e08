"""The shipped road graph and routes on it: real streets, one-way streets, manoeuvres."""

from __future__ import annotations

import math

import pytest

from cockpit.navigation import roads, routing

ROADS = roads.load()
OFFICE = (60.16743, 24.93659)  # Annankatu 25
HOME = (60.17285, 24.95287)  # Snellmaninkatu 12


def test_the_graph_is_central_helsinki_with_its_attribution():
    (south, west), (north, east) = ROADS.bounds
    assert 60.16 < south < north < 60.18 and 24.93 < west < east < 24.96
    assert "OpenStreetMap" in ROADS.attribution and "ODbL" in ROADS.attribution
    names = {way.name for way in ROADS.ways}
    assert {"Mannerheimintie", "Unioninkatu", "Snellmaninkatu", "Pohjoisesplanadi"} <= names


def test_an_address_snaps_to_its_street_and_far_away_is_off_the_map():
    snap = ROADS.snap(HOME)
    assert snap is not None and snap.way.name == "Snellmaninkatu" and snap.distance_m < 30
    assert ROADS.snap((48.137, 11.575)) is None  # Munich


def test_a_route_follows_the_streets_and_ends_with_arrive():
    start, goal = ROADS.snap(OFFICE), ROADS.snap(HOME)
    assert start is not None and goal is not None
    plan = routing.plan(ROADS, start, goal, "Home")
    straight = ROADS.metres(start.point, goal.point)
    assert straight * 1.1 < plan.length_m < straight * 2.0  # along streets, not as the crow flies
    for point in plan.points:  # every point lies on a road
        near = ROADS.snap(point)
        assert near is not None and near.distance_m < 1.0
    assert plan.manoeuvres[-1].kind == "arrive" and plan.manoeuvres[-1].road == "Home"
    turns = [m for m in plan.manoeuvres if m.kind in ("left", "right")]
    assert turns and all(m.road for m in turns)
    assert 60 < plan.seconds < 600


def test_one_way_streets_are_never_driven_backwards():
    start, goal = ROADS.snap(OFFICE), ROADS.snap(HOME)
    assert start is not None and goal is not None
    plan = routing.plan(ROADS, start, goal, "Home")
    back = routing.plan(ROADS, goal, start, "Office")
    assert plan.points != tuple(reversed(back.points))  # one-way streets make the way back differ
    for a, b in zip(plan.points, plan.points[1:], strict=False):
        middle = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        near = ROADS.snap(middle)
        assert near is not None
        if near.way.oneway and near.distance_m < 0.5 and ROADS.metres(a, b) > 3:
            along = ROADS.snap(b)
            before = ROADS.snap(a)
            assert along is not None and before is not None
            if along.way.id == before.way.id == near.way.id:
                assert along.offset_m >= before.offset_m - 0.5, f"{near.way.name} driven against its one-way"


@pytest.mark.parametrize("heading", [0.0, 90.0, 180.0, 270.0])
def test_a_moving_car_sets_off_the_way_it_points(heading):
    start, goal = ROADS.snap((60.16475, 24.94549)), ROADS.snap(HOME)  # Korkeavuorenkatu: two-way
    assert start is not None and goal is not None and not start.way.oneway
    plan = routing.plan(ROADS, start, goal, "Home", heading)
    (ax, ay), (bx, by) = ROADS.to_xy(plan.points[0]), ROADS.to_xy(plan.points[1])
    bearing = math.degrees(math.atan2(bx - ax, by - ay)) % 360
    assert abs((bearing - heading + 180) % 360 - 180) < 90 or abs(
        (ROADS.bearing(start) - heading + 180) % 360 - 180) == pytest.approx(90, abs=5)
