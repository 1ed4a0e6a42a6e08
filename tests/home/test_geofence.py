"""Geofence crossings run the routines once per crossing, with hysteresis; a route that ends at home."""

from __future__ import annotations

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import HomeCommand
from cockpit.core.events import NoticeRaised
from cockpit.core.geo import distance_m
from cockpit.core.outcome import Outcome, Status
from cockpit.home.geofence import Geofence
from cockpit.home.service import HomeService
from tests.home.conftest import pump, wait_for

HOME = (52.5200, 13.4050)
ARRIVE = [HomeCommand("garage_door", "open"), HomeCommand("porch", "turn_on", {"brightness": 100})]
LEAVE = [HomeCommand("garage_door", "close")]


def recording(cockpit: Cockpit) -> list[HomeCommand]:
    seen: list[HomeCommand] = []

    def handle(command: HomeCommand) -> Outcome:
        seen.append(command)
        return Outcome(Status.APPLIED, command)

    cockpit.add_handler(HomeCommand, handle)
    return seen


def drive(cockpit: Cockpit, route: list[tuple[float, float]]) -> None:
    for lat, lon in route:
        cockpit.update(sig.LATITUDE, lat)
        cockpit.update(sig.LONGITUDE, lon)


def line(start: tuple[float, float], end: tuple[float, float], steps: int) -> list[tuple[float, float]]:
    return [(start[0] + (end[0] - start[0]) * i / steps, start[1] + (end[1] - start[1]) * i / steps)
            for i in range(steps + 1)]


def test_distance_is_the_great_circle_distance() -> None:
    assert distance_m(*HOME, *HOME) == 0
    assert 111_000 < distance_m(0, 0, 1, 0) < 111_400


def test_a_route_that_ends_at_home_runs_the_arrive_routine_once() -> None:
    cockpit = Cockpit()
    seen = recording(cockpit)
    fence = Geofence(cockpit)
    drive(cockpit, [(52.50, 13.35)])
    fence.configure(*HOME, 150, ARRIVE, LEAVE)
    assert fence.inside is False and seen == []
    drive(cockpit, line((52.50, 13.35), HOME, 200))
    assert seen == ARRIVE
    assert fence.inside is True


def test_jitter_at_the_edge_fires_nothing_more_and_leaving_runs_the_leave_routine() -> None:
    cockpit = Cockpit()
    seen = recording(cockpit)
    notices: list[NoticeRaised] = []
    cockpit.bus.subscribe(notices.append, NoticeRaised)
    fence = Geofence(cockpit)
    fence.configure(*HOME, 100, ARRIVE, LEAVE, hysteresis_m=30)
    metre = 1 / 111_320  # degrees of latitude per metre
    drive(cockpit, [(HOME[0] + 99 * metre, HOME[1])])  # in
    drive(cockpit, [(HOME[0] + d * metre, HOME[1]) for d in (101, 99, 120, 95, 129, 100)])  # jitter
    assert seen == ARRIVE
    drive(cockpit, [(HOME[0] + 131 * metre, HOME[1])])  # out, beyond the hysteresis
    assert seen == [*ARRIVE, *LEAVE]
    drive(cockpit, [(HOME[0] + 2000 * metre, HOME[1])])
    assert seen == [*ARRIVE, *LEAVE]
    assert [n.text for n in notices] == ["Arrived home: 2 of 2 home actions started",
                                         "Left home: 1 of 1 home actions started"]


def test_starting_at_home_is_not_an_arrival_and_reconfiguring_fires_nothing() -> None:
    cockpit = Cockpit()
    seen = recording(cockpit)
    drive(cockpit, [HOME])
    fence = Geofence(cockpit)
    fence.configure(*HOME, 150, ARRIVE, LEAVE)
    fence.configure(*HOME, 300, ARRIVE, LEAVE)
    assert fence.inside is True and seen == []


def test_arriving_over_a_real_broker_opens_the_garage_and_disarms_the_alarm(service: HomeService) -> None:
    home = service.home.location
    assert service.cockpit.submit(HomeCommand("alarm_panel", "arm_away")).applied
    wait_for(lambda: service.bridge.device("alarm_panel").state.get("state") == "armed_away", pump(service))
    start = (float(service.cockpit.value(sig.LATITUDE)), float(service.cockpit.value(sig.LONGITUDE)))
    for lat, lon in line(start, (home.latitude, home.longitude), 100):
        service.cockpit.update(sig.LATITUDE, lat)
        service.cockpit.update(sig.LONGITUDE, lon)
        service.cockpit.tick(0.1)
    assert all(outcome.applied for outcome in service.geofence.last_outcomes)
    wait_for(lambda: service.bridge.device("garage_door").state.get("state") == "opening", pump(service))
    wait_for(lambda: service.bridge.device("alarm_panel").state.get("state") == "disarmed", pump(service))
    wait_for(lambda: service.bridge.device("light_hallway").state.get("state") == "ON", pump(service))
