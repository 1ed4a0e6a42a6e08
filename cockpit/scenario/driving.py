"""Driving for scenarios: a target speed or a trip to a place, as speed traces the cycle driver follows.

The vehicle's CycleDriver already works the pedals and the lever like a person; a target speed is a
trace that ramps from the current speed and holds, and a trip is a trace whose distance equals the
route's length (ramp up, cruise, ramp down), after which the driver stops and selects P.
"""

from __future__ import annotations

import math

from cockpit.vehicle.cycles import DriveCycle

RAMP_KMH_PER_S = 5.0  # about 1.4 m/s²: a calm driver


def hold_speed(current_kmh: float, target_kmh: float, hold_s: float) -> DriveCycle:
    """Ramp from `current_kmh` to `target_kmh` and hold it for `hold_s` seconds."""
    speeds = _ramp(current_kmh, target_kmh)
    speeds.extend([target_kmh] * max(2, math.ceil(hold_s) + 1))
    return DriveCycle(f"speed {target_kmh:g} km/h", tuple(speeds))


def trip(length_m: float, cruise_kmh: float) -> DriveCycle:
    """A trace from standstill to standstill that covers `length_m` (the cruise is cut to fit)."""
    ramp_m = cruise_kmh / 3.6 * (cruise_kmh / RAMP_KMH_PER_S) / 2.0  # each ramp, trapezoidal
    if 2 * ramp_m > length_m:  # too short to reach the cruise speed: a triangle
        cruise_kmh = math.sqrt(length_m * RAMP_KMH_PER_S * 3.6)
        ramp_m = length_m / 2.0
    up = _ramp(0.0, cruise_kmh)
    cruise_s = max(0, round((length_m - 2 * ramp_m) / (cruise_kmh / 3.6)))
    speeds = [*up, *([cruise_kmh] * cruise_s), *reversed(up), 0.0, 0.0]
    return DriveCycle(f"trip {length_m:.0f} m", tuple(speeds))


def _ramp(start_kmh: float, end_kmh: float) -> list[float]:
    """Speeds once a second from start to end (both included) at RAMP_KMH_PER_S."""
    steps = max(1, math.ceil(abs(end_kmh - start_kmh) / RAMP_KMH_PER_S))
    return [start_kmh + (end_kmh - start_kmh) * i / steps for i in range(steps + 1)]
