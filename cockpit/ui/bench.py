"""`cockpit bench render`: full redraw, typical frame and process start to first frame.

full_frame     every widget redrawn over the background at 1920x720 (ms)
typical_frame  a driving frame: speed, needle and power change, the clock ticks (ms)
first_frame    a fresh `python -m cockpit run --headless --frames 1` process, from just before it
               is spawned to its first frame on screen (s); the child reports its own time
map_frame      a frame of the Navigation tab in which the map moved, while the car drives a route
               across the map at 1920x720: tiles scrolled, the route and the car redrawn (ms; the
               first second, while the visible tiles are drawn for the first time, is left out)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from cockpit.bench import Metric
from cockpit.core.commands import Source
from cockpit.ui.app import FIRST_FRAME_ENV

SIZE = (1920, 720)
FULL_FRAMES = 200
TYPICAL_FRAMES = 600
STARTS = 7
MAP_FRAMES = 3000
MAP_WARM_UP = 60
MAP_GOAL = ("Home", 60.17285, 24.95287)  # Snellmaninkatu 12, across the map from the start


def run() -> list[Metric]:
    """Measure the three render metrics; budgets from issue 2."""
    full, typical = _frames()
    return [Metric("full_frame", "ms", full, 2.0), Metric("typical_frame", "ms", typical, 0.5),
            Metric("map_frame", "ms", _map_frames(), 2.0), Metric("first_frame", "s", _first_frames(), 0.4)]


def _frames() -> tuple[list[float], list[float]]:
    """Frames drawn off screen, as a headless run draws them (no display is opened)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from cockpit.core import signals as sig
    from cockpit.session import Session
    from cockpit.ui.dashboard import Dashboard

    with Session() as session:
        cockpit = session.cockpit
        cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
        dashboard = Dashboard(session.view, SIZE)
        dashboard.frame()
        full = []
        for index in range(FULL_FRAMES):
            cockpit.update(sig.SPEED, float(index % 200))
            start = time.perf_counter()
            dashboard.full_redraw()
            full.append((time.perf_counter() - start) * 1000)
        typical = []
        for index in range(TYPICAL_FRAMES):
            # Accelerate and slow down again; a simulated second passes every 60 frames.
            speed = 120.0 - abs(120.0 - (index * 0.4) % 240.0)
            cockpit.update(sig.SPEED, speed)
            cockpit.update(sig.MOTOR_POWER, 20.0 + speed * 0.3)
            session.step(1 / 60)
            start = time.perf_counter()
            dashboard.frame()
            typical.append((time.perf_counter() - start) * 1000)
        dashboard.close()
    return full, typical


def _map_frames() -> list[float]:
    """Frames of the Navigation tab while the car drives its route at 40 % accelerator."""
    from cockpit.core import signals as sig
    from cockpit.core.commands import SetSignal
    from cockpit.core.places import destination_commands
    from cockpit.session import Session
    from cockpit.ui.dashboard import Dashboard

    with Session() as session:
        cockpit = session.cockpit
        dashboard = Dashboard(session.view, SIZE)
        dashboard.frame()
        dashboard.model.tab = "navigation"
        for command in destination_commands(*MAP_GOAL, source=Source.USER):
            cockpit.submit(command)
        for path, value in ((sig.BRAKE, 100), (sig.SELECTED_GEAR, sig.GEAR_DRIVE), (sig.BRAKE, 0),
                            (sig.ACCELERATOR, 40)):
            cockpit.submit(SetSignal(path, value))
        panel = dashboard.layout.rects["panel"]
        samples = []
        for index in range(MAP_FRAMES):
            if float(cockpit.value(sig.SPEED)) > 35.0:
                cockpit.submit(SetSignal(sig.ACCELERATOR, 12))
            session.step(1 / 60)
            start = time.perf_counter()
            dirty = dashboard.frame()
            elapsed = (time.perf_counter() - start) * 1000
            if index >= MAP_WARM_UP and panel in dirty:  # only frames that moved the map
                samples.append(elapsed)
        dashboard.close()
    return samples


def _first_frames() -> list[float]:
    root = Path(__file__).resolve().parents[2]
    samples = []
    for _ in range(STARTS):
        env = dict(os.environ, **{FIRST_FRAME_ENV: repr(time.monotonic())})
        result = subprocess.run([sys.executable, "-m", "cockpit", "run", "--headless", "--frames", "1"],
                                cwd=root, env=env, capture_output=True, text=True, check=True, timeout=30)
        line = next(line for line in result.stdout.splitlines() if line.startswith("first_frame "))
        samples.append(float(line.split()[1]))
    return samples
