"""`cockpit bench vehicle`: what the simulated car costs per tick.

`tick_60fps` is one dashboard frame of driving (dt = 1/60 s); `tick_100x` is one frame of a
scenario running 100 times faster than real time (dt = 100/60 s) while a driver follows WLTC;
`wltc_run` is a whole WLTC class 3b cycle without any UI at dt = 0.5 s, in seconds.
"""

from __future__ import annotations

import time

from cockpit.bench import Metric
from cockpit.core.cockpit import Cockpit
from cockpit.vehicle.model import VehicleModel


def _driving_car() -> tuple[Cockpit, VehicleModel]:
    cockpit = Cockpit()
    car = VehicleModel(cockpit)
    car.install()
    return cockpit, car


def _tick_costs(dt: float, ticks: int) -> list[float]:
    cockpit, car = _driving_car()
    car.drive_cycle("wltp_class3b")
    samples = []
    for _ in range(ticks):
        start = time.perf_counter()
        cockpit.tick(dt)
        samples.append((time.perf_counter() - start) * 1000.0)
    return samples


def _whole_cycle() -> float:
    cockpit, car = _driving_car()
    driver = car.drive_cycle("wltp_class3b")
    start = time.perf_counter()
    while not driver.done:
        cockpit.tick(0.5)
    return time.perf_counter() - start


def run() -> list[Metric]:
    return [
        Metric("tick_60fps", "ms", _tick_costs(1 / 60, 6000), budget=0.2),
        Metric("tick_100x", "ms", _tick_costs(100 / 60, 1000), budget=2.0),
        Metric("wltc_run", "s", [_whole_cycle() for _ in range(3)], budget=2.0),
    ]
