"""One rounding rule per quantity, in either system of units."""

from __future__ import annotations

import pytest

from cockpit.core import units


@pytest.mark.parametrize(("shown", "expected"), [
    (units.speed_text(87.4, False), "87 km/h"), (units.speed_text(100.0, True), "62 mph"),
    (units.speed_text(-12.6, False), "13 km/h"),
    (units.distance_text(281_400, False), "281 km"), (units.distance_text(281_400, True), "175 mi"),
    (units.short_distance_text(1_249, False), "1.2 km"), (units.short_distance_text(1_609, True), "1.0 mi"),
    (units.setpoint_text(21.5, False), "21.5 °C"), (units.setpoint_text(21.0, False), "21.0 °C"),
    (units.setpoint_text(21.5, True), "71 °F"), (units.setpoint_text(22.0, True), "72 °F"),
    (units.air_temperature_text(12.4, False), "12 °C"), (units.air_temperature_text(20.0, True), "68 °F"),
    (units.air_temperature_text(-0.4, False), "0 °C"),
    (units.pressure_number(250.0, False) + " " + units.pressure_unit(False), "2.5 bar"),
    (units.pressure_number(250.0, True) + " " + units.pressure_unit(True), "36 psi"),
], ids=["speed", "speed-mph", "reversing", "range", "range-miles", "to-somewhere", "to-somewhere-miles",
        "setpoint", "setpoint-whole", "setpoint-f", "setpoint-f-even", "air", "air-f", "air-never-minus-zero",
        "bar", "psi"])
def test_each_quantity_has_one_rounding_rule(shown, expected):
    assert shown == expected


def test_conversions_go_both_ways():
    assert units.to_celsius(units.to_fahrenheit(21.5), True) == pytest.approx(21.5)
    assert units.to_celsius(70.0, False) == 70.0
    assert units.celsius_step(2.0, True) == pytest.approx(10 / 9)
    assert units.speed_in(160.9344, True) == pytest.approx(100.0)
