"""The simulated clock: time comes from here, never from `time.time()`, so runs are repeatable."""

from __future__ import annotations

from dataclasses import dataclass

SECONDS_PER_DAY = 86_400.0


@dataclass(slots=True)
class SimClock:
    """Seconds since the simulation started, plus the time of day it started at."""

    now: float = 0.0
    start_time_of_day: float = 8 * 3600.0

    def advance(self, dt: float) -> None:
        """Move time forward by `dt` seconds; raises ValueError for negative steps."""
        if dt < 0:
            raise ValueError(f"time cannot go backwards (dt={dt})")
        self.now += dt

    def time_of_day(self) -> float:
        """Seconds since midnight on the simulated day."""
        return (self.start_time_of_day + self.now) % SECONDS_PER_DAY

    def hours_minutes(self) -> tuple[int, int]:
        """The simulated wall-clock time as (hour, minute)."""
        seconds = int(self.time_of_day())
        return seconds // 3600, (seconds % 3600) // 60
