"""A driver model that follows a drive cycle by working the pedals and the gear lever.

Feed-forward from the trace (the force the car needs for the trace's acceleration plus road
load), plus a PI correction on the speed error, turned into pedal positions by the inverse of
the car's pedal map. It starts by holding the brake and selecting D, and ends by stopping and
selecting P. Everything goes through `cockpit.submit`, like a person at the controls.
"""

from __future__ import annotations

import enum
import logging

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import SetSignal, Source
from cockpit.vehicle.cycles import DriveCycle
from cockpit.vehicle.dynamics import pedals_for_force, road_load
from cockpit.vehicle.params import EVParams

logger = logging.getLogger(__name__)

KP = 1.5  # 1/s: speed error to acceleration
KI = 0.3  # 1/s²
INTEGRAL_LIMIT = 2.0  # m/s·s, anti-windup
HOLD_BRAKE = 30  # % while the trace stands still
STOP_BRAKE = 40  # % to stop at the end


class Phase(enum.Enum):
    STARTING = "starting"
    FOLLOWING = "following"
    STOPPING = "stopping"
    DONE = "done"


class SpeedKeeper:
    """The pedal work of a driver holding a wanted speed: feed-forward of the force the car needs
    plus a PI correction on the speed error, through the inverse pedal map."""

    def __init__(self, params: EVParams) -> None:
        self.params = params
        self.integral = 0.0

    def pedals(self, wanted: float, slope: float, speed: float, dt: float) -> tuple[int, int]:
        """(accelerator, brake) percent for `wanted` m/s and its change `slope` m/s², now at `speed`."""
        if wanted <= 0.0 and speed < 0.3:
            self.integral = 0.0
            return 0, HOLD_BRAKE
        error = wanted - speed
        self.integral = max(-INTEGRAL_LIMIT, min(INTEGRAL_LIMIT, self.integral + error * dt))
        accel = slope + KP * error + KI * self.integral
        force = self.params.effective_mass_kg * accel + road_load(self.params, wanted)
        accelerator, brake = pedals_for_force(self.params, force, speed)
        return round(accelerator * 100), round(brake * 100)


class CycleDriver:
    """Follows `cycle` from `start_s` to `end_s` (whole trace by default) once installed.

    A segment that starts at speed is driven from standstill, so it lags for a few seconds.
    """

    def __init__(self, cockpit: Cockpit, params: EVParams, cycle: DriveCycle, start_s: float = 0.0,
                 end_s: float | None = None, source: Source = Source.SCENARIO) -> None:
        end = cycle.duration_s if end_s is None else end_s
        if not 0 <= start_s < end <= cycle.duration_s:
            raise ValueError(f"segment {start_s}..{end} s lies outside {cycle.name} "
                             f"(0..{cycle.duration_s:g} s)")
        self.cockpit, self.params, self.cycle = cockpit, params, cycle
        self.start_s, self.end_s, self.source = start_s, end, source
        self.phase = Phase.STARTING
        self._began = 0.0
        self._keeper = SpeedKeeper(params)
        self._pedals = (-1, -1)

    def install(self) -> None:
        self.cockpit.add_system(self.step)

    @property
    def done(self) -> bool:
        return self.phase is Phase.DONE

    def abandon(self) -> None:
        """Stop driving at once and take the feet off the pedals (another driver takes over)."""
        if self.phase is not Phase.DONE:
            self.phase = Phase.DONE
            self._press(0, 0)

    def cycle_time(self) -> float:
        """Where in the trace the driver is now."""
        return self.start_s + self.cockpit.now - self._began

    def step(self, dt: float) -> None:
        """Look at the speedometer and the trace, then set the pedals for the next tick."""
        if self.phase is Phase.FOLLOWING:
            self._follow(dt)
        elif self.phase is Phase.STARTING:
            self._press(0, 100)
            if self._submit(sig.SELECTED_GEAR, sig.GEAR_DRIVE):
                self._began = self.cockpit.now
                self.phase = Phase.FOLLOWING
        elif self.phase is Phase.STOPPING:
            self._press(0, STOP_BRAKE)
            if abs(float(self.cockpit.value(sig.SPEED))) < 0.5 and self._submit(sig.SELECTED_GEAR,
                                                                               sig.GEAR_PARK):
                self._press(0, 0)
                self.phase = Phase.DONE
                logger.info("finished %s at t=%.1f s", self.cycle.name, self.cockpit.now)

    def _follow(self, dt: float) -> None:
        t = self.cycle_time()
        if t >= self.end_s:
            self.phase = Phase.STOPPING
            self.step(dt)
            return
        ahead = t + dt / 2.0  # the pedals act during the coming tick
        speed = float(self.cockpit.value(sig.SPEED)) / 3.6
        self._press(*self._keeper.pedals(self.cycle.speed_at(ahead) / 3.6, self.cycle.slope_at(ahead) / 3.6,
                                         speed, dt))

    def _press(self, accelerator: int, brake: int) -> None:
        if (accelerator, brake) == self._pedals:
            return
        self._pedals = (accelerator, brake)
        self._submit(sig.ACCELERATOR, accelerator)
        self._submit(sig.BRAKE, brake)

    def _submit(self, path: str, value: int) -> bool:
        return self.cockpit.submit(SetSignal(path, value, source=self.source)).applied
