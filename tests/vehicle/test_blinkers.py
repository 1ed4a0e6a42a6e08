"""Turn signals: one side at a time, blinking at about 1.5 Hz without publishing events."""

from __future__ import annotations

import itertools

from cockpit.core import signals as sig
from cockpit.core.events import SignalChanged
from tests.vehicle.conftest import run


def test_the_lamp_blinks_at_one_and_a_half_hertz(car):
    run(car, 1.0)
    car.signal_turn("left")
    assert car.blinkers.active == "left"
    start = car.cockpit.now
    samples = [car.lamp_lit(start + i / 100) for i in range(200)]
    rising = sum(1 for a, b in itertools.pairwise(samples) if b and not a)
    assert samples[0], "lit at once when switched on"
    assert rising == 2  # on at 0 s, 0.67 s and 1.33 s within the 2 s window
    assert 0.45 < sum(samples) / len(samples) < 0.55


def test_the_other_side_switches_off_like_a_stalk(car):
    car.signal_turn("left")
    car.cockpit.update(sig.TURN_RIGHT, True)
    assert car.blinkers.active == "right"
    assert car.cockpit.value(sig.TURN_LEFT) is False
    car.signal_turn(None)
    assert car.blinkers.active is None
    assert not car.lamp_lit(car.cockpit.now)


def test_blinking_publishes_no_events(car):
    car.signal_turn("right")
    seen: list[SignalChanged] = []
    car.cockpit.bus.subscribe(seen.append, SignalChanged)
    run(car, 3)
    assert [e for e in seen if e.path in (sig.TURN_LEFT, sig.TURN_RIGHT)] == []
    assert car.cockpit.value(sig.TURN_RIGHT) is True
