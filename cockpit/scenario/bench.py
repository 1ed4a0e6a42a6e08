"""`cockpit bench scenario`: the shipped ten-minute scenario through the real CLI, report included.

Measures the wall time of `cockpit scenario run scenarios/ten_minute_drive.yaml --report DIR` in a
fresh process (start-up, simulation, rendering of the screenshots, report); the budget is 10 s.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cockpit.bench import Metric
from cockpit.core.errors import CockpitError

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "ten_minute_drive.yaml"
RUNS = 3


def run() -> list[Metric]:
    """Raises CockpitError when the scenario is missing or does not pass."""
    if not SCENARIO.is_file():
        raise CockpitError(f"{SCENARIO} not found: run the benchmark from a source checkout")
    metric = Metric("ten_minute_scenario", "s", budget=10.0)
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory(prefix="cockpit-bench-") as folder:
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "cockpit", "scenario", "run", str(SCENARIO),
                                   "--report", folder], capture_output=True, text=True, check=False)
            metric.samples.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise CockpitError(f"the ten-minute scenario failed:\n{done.stdout}{done.stderr}")
    return [metric]
