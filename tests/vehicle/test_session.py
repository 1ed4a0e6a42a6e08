"""The Session installs the vehicle: its public controls drive the car on `session.step`."""

from __future__ import annotations

from cockpit.core import signals as sig
from cockpit.session import Session


def test_the_session_drives_the_car_from_its_public_controls():
    with Session() as session:
        car = session.vehicle
        assert car.select_gear("D").rejected
        car.press_brake(100)
        assert car.select_gear("D").applied
        car.press_brake(0)
        car.press_accelerator(100)
        for _ in range(120):
            session.step(1 / 60)
        assert 30.0 < float(session.cockpit.value(sig.SPEED)) < 45.0  # two seconds at about 0.5 g
        assert float(session.cockpit.value(sig.MOTOR_POWER)) > 50.0
        assert session.cockpit.value(sig.CURRENT_GEAR) == sig.GEAR_DRIVE
