"""Driving for scenarios: a target speed or a trip to a place, as speed traces the cycle driver follows.

The vehicle's CycleDriver already works the pedals and the lever like a person; a target speed is a
trace that ramps from the current speed and holds, and a trip is a trace whose distance equals the
route's length (ramp up, cruise, ramp down), after which the driver stops and selects P.
"""

from __future__ import annotations

import itertools
import math

from cockpit.vehicle.cycles import DriveCycle

RAMP_KMH_PER_S = 5.0  # about 1.4 m/s²: a calm driver


def hold_speed(current_kmh: float, target_kmh: float, hold_s: float) -> DriveCycle:
    """Ramp from `current_kmh` to `target_kmh` and hold it for `hold_s` seconds."""
    speeds = _ramp(current_kmh, target_kmh)
    speeds.extend([target_kmh] * max(2, math.ceil(hold_s) + 1))
    return DriveCycle(f"speed {target_kmh:g} km/h", tuple(speeds))


def trip(length_m: float, cruise_kmh: float) -> DriveCycle:
    """A trace from standstill to standstill that covers `length_m` to within half a second of cruise
    (a route too short for the cruise speed is driven slower)."""
    speed = cruise_kmh
    for _ in range(60):
        up = _ramp(0.0, speed)
        ramps_m = 2 * _metres(up) + speed / 3.6  # both ramps and the second between them
        if ramps_m <= length_m or speed <= 1.0:
            break
        speed *= max(0.8, min(0.99, math.sqrt(length_m / ramps_m)))
    cruise_s = max(0, round((length_m - ramps_m) / (speed / 3.6)))
    speeds = [*up, *([speed] * cruise_s), *reversed(up), 0.0]
    return DriveCycle(f"trip {length_m:.0f} m", tuple(speeds))


def _metres(speeds_kmh: list[float]) -> float:
    """Distance of a trace sampled once a second (trapezoidal)."""
    return sum(a + b for a, b in itertools.pairwise(speeds_kmh)) / 2.0 / 3.6


def _ramp(start_kmh: float, end_kmh: float) -> list[float]:
    """Speeds once a second from start to end (both included) at RAMP_KMH_PER_S."""
    steps = max(1, math.ceil(abs(end_kmh - start_kmh) / RAMP_KMH_PER_S))
    return [start_kmh + (end_kmh - start_kmh) * i / steps for i in range(steps + 1)]
