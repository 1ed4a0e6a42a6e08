"""Standard drive cycles (speed against time) shipped as CSV files; see cycles/SOURCES.md.

Each file has the header `time_s,speed_kmh` and one row per second from t = 0.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

from cockpit.core.errors import InvalidInput

CYCLES: dict[str, str] = {"wltp_class3b": "wltp_class3b.csv", "epa_udds": "epa_udds.csv"}
HEADER = ["time_s", "speed_kmh"]


@dataclass(frozen=True, slots=True)
class DriveCycle:
    """A speed trace sampled once a second; between samples the speed changes linearly."""

    name: str
    speeds_kmh: tuple[float, ...]

    @property
    def duration_s(self) -> float:
        return float(len(self.speeds_kmh) - 1)

    def speed_at(self, t: float) -> float:
        """Speed in km/h at `t` seconds (held at the ends)."""
        last = len(self.speeds_kmh) - 1
        if t <= 0:
            return self.speeds_kmh[0]
        if t >= last:
            return self.speeds_kmh[last]
        i = int(t)
        v0 = self.speeds_kmh[i]
        return v0 + (self.speeds_kmh[i + 1] - v0) * (t - i)

    def slope_at(self, t: float) -> float:
        """Acceleration in km/h per second at `t` (0 outside the trace)."""
        i = int(t)
        if t < 0 or i >= len(self.speeds_kmh) - 1:
            return 0.0
        return self.speeds_kmh[i + 1] - self.speeds_kmh[i]

    def distance_km(self, start_s: float = 0.0, end_s: float | None = None) -> float:
        """Distance the trace covers between two whole seconds (trapezoidal, as the standards give)."""
        first, last = int(start_s), int(self.duration_s if end_s is None else end_s)
        v = self.speeds_kmh
        return sum(v[i] + v[i + 1] for i in range(first, last)) / 2.0 / 3600.0


def parse(text: str, name: str) -> DriveCycle:
    """Read a cycle CSV; raises InvalidInput naming the file, line and field that is wrong."""
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if header != HEADER:
        raise InvalidInput(f"{name}:1: header must be {','.join(HEADER)}, not {header}")
    speeds: list[float] = []
    for line, row in enumerate(rows, start=2):
        try:
            time_s, speed = float(row[0]), float(row[1])
        except (ValueError, IndexError):
            raise InvalidInput(f"{name}:{line}: expected two numbers, got {row}") from None
        if time_s != len(speeds):
            raise InvalidInput(f"{name}:{line}: time_s must be {len(speeds)}, not {row[0]}")
        if not 0 <= speed < 400:
            raise InvalidInput(f"{name}:{line}: speed_kmh {row[1]} is outside 0..400")
        speeds.append(speed)
    if len(speeds) < 2:
        raise InvalidInput(f"{name}: a cycle needs at least two rows")
    return DriveCycle(name.removesuffix(".csv"), tuple(speeds))


def load(name: str) -> DriveCycle:
    """One of the shipped cycles by name; raises InvalidInput listing the known ones."""
    if name not in CYCLES:
        raise InvalidInput(f"drive cycle {name!r} not found; known: {', '.join(sorted(CYCLES))}")
    text = resources.files("cockpit.vehicle").joinpath("cycles").joinpath(CYCLES[name]).read_text("utf-8")
    return parse(text, CYCLES[name])
