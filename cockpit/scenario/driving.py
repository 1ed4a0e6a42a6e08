"""Driving for scenarios: a target speed as a speed trace the cycle driver follows, and a driver
who follows the planned route on the roads at their speed limits.

The vehicle's CycleDriver already works the pedals and the lever like a person; a target speed is a
trace that ramps from the current speed and holds, and a trip is a trace whose distance equals the
route's length (ramp up, cruise, ramp down), after which the driver stops and selects P.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from cockpit.core import signals as sig
from cockpit.core.commands import Source
from cockpit.core.navigation import RoutePlan
from cockpit.vehicle.cycles import DriveCycle
from cockpit.vehicle.driver import STOP_BRAKE, SpeedKeeper
from cockpit.view import CockpitView

if TYPE_CHECKING:
    from cockpit.vehicle.model import VehicleModel

RAMP_KMH_PER_S = 5.0  # about 1.4 m/s²: a calm driver
COMFORT_MPS2 = 1.3  # braking for a corner or the destination
START_WAIT_S = 3.0
TURN_KMH = {"slight_left": 35.0, "slight_right": 35.0, "left": 20.0, "right": 20.0, "sharp_left": 12.0,
            "sharp_right": 12.0, "uturn": 8.0}


def hold_speed(current_kmh: float, target_kmh: float, hold_s: float) -> DriveCycle:
    """Ramp from `current_kmh` to `target_kmh` and hold it for `hold_s` seconds."""
    speeds = _ramp(current_kmh, target_kmh)
    speeds.extend([target_kmh] * max(2, math.ceil(hold_s) + 1))
    return DriveCycle(f"speed {target_kmh:g} km/h", tuple(speeds))


def _ramp(start_kmh: float, end_kmh: float) -> list[float]:
    """Speeds once a second from start to end (both included) at RAMP_KMH_PER_S."""
    steps = max(1, math.ceil(abs(end_kmh - start_kmh) / RAMP_KMH_PER_S))
    return [start_kmh + (end_kmh - start_kmh) * i / steps for i in range(steps + 1)]


class RouteDriver:
    """A driver who follows the planned route at the roads' speed limits: slows for each turn, stops
    at the destination and selects P. Reads the route and the guidance from the read model; works
    the pedals and the lever through the cockpit, like a person.

    `cruise_kmh` caps the speed (None: the limits). It waits up to START_WAIT_S for a route.
    """

    def __init__(self, view: CockpitView, vehicle: VehicleModel, cruise_kmh: float | None,
                 source: Source = Source.SCENARIO) -> None:
        self.view, self.vehicle, self.cruise_kmh, self.source = view, vehicle, cruise_kmh, source
        self.keeper = SpeedKeeper(vehicle.params)
        self.phase = "starting"
        self._began = view.now
        self._pedals = (-1, -1)

    def install(self) -> None:
        self.vehicle.cockpit.add_system(self.step)

    @property
    def done(self) -> bool:
        return self.phase == "done"

    def abandon(self) -> None:
        if self.phase != "done":
            self.phase = "done"
            self._press(0, 0)

    def step(self, dt: float) -> None:
        if self.phase == "done":
            return
        speed = float(self.view.value(sig.SPEED)) / 3.6
        route, guidance = self.view.route, self.view.guidance
        if self.phase == "starting":
            if route is None or guidance is None:
                if self.view.now - self._began > START_WAIT_S:
                    self.phase = "done"  # no route: the expectations will say so
                return
            self._press(0, 100)
            if self.vehicle.select_gear("D", self.source).applied:
                self.phase = "following"
            return
        if route is None or guidance is None:  # arrived (or cancelled): stop and park
            self._press(0, STOP_BRAKE)
            if abs(speed) < 0.3 and self.vehicle.select_gear("P", self.source).applied:
                self._press(0, 0)
                self.phase = "done"
            return
        progress = guidance.progress_m + max(0.0, self.view.now - self.view.guidance_at) * speed
        wanted = self.target_kmh(route, progress) / 3.6
        self._press(*self.keeper.pedals(wanted, 0.0, speed, dt))

    def target_kmh(self, route: RoutePlan, progress: float) -> float:
        """The speed for `progress` metres along the route: the limit, less near a turn or the end."""
        limit = route.limit_at(progress)
        if self.cruise_kmh is not None:
            limit = min(limit, self.cruise_kmh)
        allowed = (limit / 3.6) ** 2
        for manoeuvre in route.manoeuvres:
            ahead = manoeuvre.at_m - progress
            if ahead < -5.0 or ahead > 200.0:
                continue
            corner = TURN_KMH.get(manoeuvre.kind, limit) / 3.6
            allowed = min(allowed, corner ** 2 + 2 * COMFORT_MPS2 * max(0.0, ahead))
        left = route.length_m - progress
        allowed = min(allowed, 2 * COMFORT_MPS2 * max(0.0, left - 2.0))
        return math.sqrt(max(0.0, allowed)) * 3.6

    def _press(self, accelerator: int, brake: int) -> None:
        if (accelerator, brake) == self._pedals:
            return
        self._pedals = (accelerator, brake)
        self.vehicle.press_accelerator(accelerator, self.source)
        self.vehicle.press_brake(brake, self.source)
