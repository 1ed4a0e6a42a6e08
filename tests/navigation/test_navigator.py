"""The navigator on a real session: destinations by voice and signal, the car on the roads,
guidance, arrival, rerouting after a turn off the route, and reversing off the road."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.core import signals as sig
from cockpit.core.commands import AskAssistant, SetSignal, Source
from cockpit.core.events import RouteChanged
from cockpit.navigation import roads
from cockpit.scenario.driving import RouteDriver
from cockpit.session import Session, Settings

ROADS = roads.load()
OFFICE = (60.16743, 24.93659)


@pytest.fixture
def session(tmp_path: Path):
    with Session(Settings(use_broker=False, profile="alice", state_dir=tmp_path / "state")) as running:
        running.cockpit.update(sig.LATITUDE, OFFICE[0])
        running.cockpit.update(sig.LONGITUDE, OFFICE[1])
        running.step(0.1)
        yield running


def run(session: Session, seconds: float, step: float = 0.1) -> None:
    for _ in range(round(seconds / step)):
        session.step(step)


def drive(session: Session, percent: int = 40) -> None:
    c = session.cockpit
    for path, value in ((sig.BRAKE, 100), (sig.SELECTED_GEAR, sig.GEAR_DRIVE), (sig.BRAKE, 0),
                        (sig.ACCELERATOR, percent)):
        assert c.submit(SetSignal(path, value)).applied


def on_a_road(session: Session) -> float:
    here = (float(session.cockpit.value(sig.LATITUDE)), float(session.cockpit.value(sig.LONGITUDE)))
    snap = ROADS.snap(here)
    assert snap is not None
    return snap.distance_m


def test_take_me_home_plans_a_route_with_time_distance_and_battery(session):
    routes: list[RouteChanged] = []
    session.cockpit.bus.subscribe(routes.append, RouteChanged)
    session.cockpit.submit(AskAssistant("Alexa, take me home", source=Source.USER))
    run(session, 0.5)
    assert routes and routes[-1].plan is not None and routes[-1].plan.destination == "Home"
    c = session.cockpit
    assert 1200 < int(c.value(sig.NAV_DISTANCE)) < 2000
    assert 100 < int(c.value(sig.NAV_TIME)) < 400
    soc = float(c.value(sig.SOC))
    assert soc - 2 < float(c.value(sig.NAV_ARRIVAL_SOC)) < soc
    guidance = session.view.guidance
    assert guidance is not None and guidance.next is not None


def test_the_car_drives_on_the_roads_and_arrives(session):
    session.cockpit.submit(AskAssistant("Alexa, take me home", source=Source.USER))
    run(session, 0.2)
    driver = RouteDriver(session.view, session.vehicle, None)
    driver.install()
    worst = 0.0
    for _ in range(300):
        run(session, 1.0)
        worst = max(worst, on_a_road(session))
        if driver.done:
            break
    assert driver.done and worst < 2.0
    c = session.cockpit
    assert c.value(sig.SELECTED_GEAR) == sig.GEAR_PARK and c.value(sig.DEST_NAME) == ""
    assert session.view.route is None and c.value(sig.NAV_DISTANCE) == 0
    home = session.view.driver.places[0]  # type: ignore[union-attr]
    assert ROADS.metres((float(c.value(sig.LATITUDE)), float(c.value(sig.LONGITUDE))),
                        (home.latitude, home.longitude)) < 40
    assert any("arrived at Home" in notice.text for notice in session.view.notices)


def test_without_a_destination_the_car_follows_the_road_ahead(session):
    drive(session)
    run(session, 60)
    assert float(session.cockpit.value(sig.SPEED)) > 10
    assert on_a_road(session) < 2.0
    assert session.vehicle.odometer_km > 0.3


def test_a_turn_signal_at_a_junction_leaves_the_route_and_it_reroutes(session):
    reasons: list[str] = []
    session.cockpit.bus.subscribe(lambda e: reasons.append(e.why), RouteChanged)
    session.cockpit.submit(AskAssistant("Alexa, take me home", source=Source.USER))
    run(session, 0.2)
    plan = session.view.route
    assert plan is not None
    turn = next(m for m in plan.manoeuvres if m.kind in ("left", "right", "straight"))
    other = "left" if turn.kind != "left" else "right"
    drive(session, 30)
    while session.view.guidance is not None and session.view.guidance.next_in_m > 40:
        run(session, 0.5)
    session.cockpit.submit(SetSignal(sig.TURN_LEFT if other == "left" else sig.TURN_RIGHT, True))
    run(session, 20)
    assert "rerouted" in reasons
    assert session.view.route is not None and session.view.route.destination == "Home"
    assert on_a_road(session) < 2.0


def test_cancelling_ends_the_route(session):
    session.cockpit.submit(AskAssistant("Alexa, take me home", source=Source.USER))
    run(session, 0.2)
    session.cockpit.submit(AskAssistant("Alexa, cancel the navigation", source=Source.USER))
    run(session, 0.2)
    assert session.view.route is None and session.cockpit.value(sig.NAV_TIME) == 0


def test_reverse_leaves_the_road_geometry(session):
    c = session.cockpit
    c.update(sig.HEADING, 45.0)
    for path, value in ((sig.BRAKE, 100), (sig.SELECTED_GEAR, sig.GEAR_REVERSE), (sig.BRAKE, 0),
                        (sig.ACCELERATOR, 30)):
        c.submit(SetSignal(path, value))
    run(session, 6)
    assert float(c.value(sig.SPEED)) < -2
    assert session.vehicle.position.route is None  # backwards along the heading, not the road


def test_a_place_off_the_map_is_told_not_routed(session):
    for path, value in ((sig.DEST_NAME, "Munich"), (sig.DEST_LATITUDE, 48.137), (sig.DEST_LONGITUDE, 11.575)):
        session.cockpit.submit(SetSignal(path, value))
    run(session, 0.2)
    assert session.view.route is None
    assert any("not on the map" in notice.text for notice in session.view.notices)
