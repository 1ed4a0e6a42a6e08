"""The runner in-process: timing of steps, held keys, `since` and `target` checks, driving traces."""

from __future__ import annotations

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.core.navigation import Manoeuvre, RoutePlan
from cockpit.scenario import driving, loader
from cockpit.scenario.runner import Runner, RunOptions


def run(write_scenario, text: str):
    return Runner(loader.load_one(write_scenario(text)), "test", RunOptions()).run()


def test_steps_happen_at_their_times_and_a_held_key_is_released(write_scenario):
    result = run(write_scenario, """
        name: Timing
        start: {profile: alice}
        steps:
          - at: 1.5
            key: down
            hold: 2
          - after: 0.25
            key: d
          - after: 0.25
            expect: {signal: Vehicle.Chassis.Brake.PedalPosition, equals: 80}
          - at: 4
            expect:
              - {signal: Vehicle.Chassis.Brake.PedalPosition, equals: 0}
              - {signal: Vehicle.Powertrain.Transmission.SelectedGear, equals: 127}
          - wait: 3
          - expect: {signal: Vehicle.Speed, at_least: 0}
    """)
    assert [step.time for step in result.steps] == [1.5, 1.75, 2.0, 4.0, 4.0, 7.0]
    assert not result.failed, [v for v in result.verdicts if not v.passed]
    assert result.samples.times[:3] == [0.0, 1.0, 2.0] and result.samples.times[-1] == 7.0


def test_since_checks_every_value_and_names_the_extremes(write_scenario):
    result = run(write_scenario, """
        name: Since
        start: {profile: alice}
        steps:
          - at: 1
            speed: 60
          - at: 40
            expect:
              - {signal: Vehicle.Speed, at_most: 50, since: 0}
              - {signal: Vehicle.Speed, at_most: 62, since: 0}
    """)
    failed, passed = result.verdicts
    assert not failed.passed and passed.passed
    # in words, in Alice's units (mph): 60 km/h is 37.3 mph; the first value above 50 km/h (31.1 mph) fails
    assert failed.actual.startswith("min 0 mph, max 37") and "first failing 31" in failed.actual


def test_target_shows_where_a_motor_is_heading(write_scenario):
    result = run(write_scenario, """
        name: Seat motor
        start: {profile: alice}
        steps:
          - at: 0.2
            expect:
              - {signal: Vehicle.Cabin.Seat.Row1.DriverSide.Position, equals: 120, target: true}
              - {signal: Vehicle.Cabin.Seat.Row1.DriverSide.Position, between: [121, 150]}
    """)
    assert all(verdict.passed for verdict in result.verdicts)


@settings(max_examples=60, deadline=None)
@given(progress=st.floats(0, 1000), cap=st.none() | st.floats(10, 130))
def test_the_route_driver_keeps_to_the_limits_slows_for_turns_and_stops_at_the_end(progress, cap):
    points = ((60.0, 25.0), (60.0045, 25.0), (60.0045, 25.009))  # 500 m north, then 500 m east
    route = RoutePlan("There", points, (0.0, 500.0, 1000.0), (50.0, 30.0),
                      (Manoeuvre("right", "East Road", 500.0, points[1]),
                       Manoeuvre("arrive", "There", 1000.0, points[2])), 100.0)
    driver = driving.RouteDriver.__new__(driving.RouteDriver)
    driver.cruise_kmh = cap
    target = driver.target_kmh(route, progress)
    assert target <= route.limit_at(progress) + 1e-9 and (cap is None or target <= cap + 1e-9)
    if 300 <= progress <= 505:  # braking for the corner: no faster than can slow to its speed in time
        corner = driving.TURN_KMH["right"] / 3.6
        braking = 2 * driving.COMFORT_MPS2 * max(0.0, 500 - progress)
        assert target <= math.sqrt(corner ** 2 + braking) * 3.6 + 1e-6
    if progress >= 998:
        assert target == 0.0


def test_a_target_speed_trace_ramps_and_holds():
    trace = driving.hold_speed(20, 50, 30)
    assert trace.speeds_kmh[0] == 20 and trace.speeds_kmh[-1] == 50
    assert trace.duration_s >= 30 + (50 - 20) / driving.RAMP_KMH_PER_S
    assert all(b - a <= driving.RAMP_KMH_PER_S + 1e-9 for a, b in itertools.pairwise(trace.speeds_kmh))
