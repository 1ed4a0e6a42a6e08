"""Seat, mirror and steering motors move toward their targets at their own rate, never faster."""

from __future__ import annotations

import pytest

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal
from tests.vehicle.conftest import run, set_signal, shift


def test_a_seat_reaches_its_target_at_its_rate(car):
    set_signal(car, sig.SEAT_POSITION, 250)  # from 150 mm at 25 mm/s: 4 s
    positions = []
    for _ in range(60):
        car.cockpit.tick(0.1)
        positions.append(car.cockpit.value(sig.SEAT_POSITION))
    steps = [b - a for a, b in zip([150, *positions], positions, strict=False)]
    assert max(steps) <= 3, "25 mm/s moves 2.5 mm per 0.1 s tick"
    assert positions[19] == pytest.approx(200, abs=1)
    assert positions[38] < 250 and positions[40] == 250 and positions[-1] == 250
    assert all(isinstance(p, int) for p in positions)


@pytest.mark.parametrize("path", [sig.SEAT_RECLINE, sig.MIRROR_LEFT_PAN, sig.STEERING_HEIGHT])
def test_every_motor_moves_at_its_spec_rate(car, path):
    spec = car.cockpit.spec(path)
    start = float(car.cockpit.value(path))
    target = spec.clamp(start + 20)
    set_signal(car, path, round(target) if isinstance(spec.default, int) else target)
    run(car, 0.5, dt=1 / 60)
    moved = float(car.cockpit.value(path)) - start
    assert 0 < moved <= spec.motor_rate * 0.5 + 0.5
    run(car, 20)
    assert float(car.cockpit.value(path)) == pytest.approx(target, abs=0.5)


def test_a_slow_motor_still_moves_at_sixty_frames_per_second(car):
    set_signal(car, sig.SEAT_HEIGHT, 30)  # 10 mm/s is 0.17 mm a frame
    run(car, 1.0, dt=1 / 60)
    assert car.cockpit.value(sig.SEAT_HEIGHT) == 30  # from 40 mm


def test_a_move_asked_for_while_driving_happens_after_parking(car):
    shift(car, "D")
    car.press_accelerator(50)
    run(car, 3)
    outcome = car.cockpit.submit(SetSignal(sig.SEAT_POSITION, 100))
    assert outcome.deferred
    run(car, 2)
    assert car.cockpit.value(sig.SEAT_POSITION) == 150
    car.press_accelerator(0)
    car.press_brake(80)
    run(car, 10)
    assert car.select_gear("P").applied
    run(car, 4)
    assert car.cockpit.value(sig.SEAT_POSITION) == 100
