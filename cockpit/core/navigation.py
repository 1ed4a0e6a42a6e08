"""What navigation tells the rest of the cockpit: the planned route and the guidance along it.

Plain values carried by RouteChanged and GuidanceChanged, so the read model, the scenario driver
and the recorder know the route without importing the router.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

Point = tuple[float, float]  # (latitude, longitude)


@dataclass(frozen=True, slots=True)
class Manoeuvre:
    """What to do `at_m` metres along the route: turn left, keep right, arrive ... onto `road`.

    `kind` is one of: straight, slight_left, slight_right, left, right, sharp_left, sharp_right,
    uturn, arrive.
    """

    kind: str
    road: str
    at_m: float
    point: Point


@dataclass(frozen=True, slots=True)
class RoutePlan:
    """A route on the roads to `destination`: its points, how far along each lies, the speed limit
    of each stretch between two points (km/h) and the manoeuvres, the last of them `arrive`."""

    destination: str
    points: tuple[Point, ...]
    cumulative: tuple[float, ...]
    limits_kmh: tuple[float, ...]
    manoeuvres: tuple[Manoeuvre, ...]
    seconds: float  # driving at the limits, from the start

    @property
    def length_m(self) -> float:
        return self.cumulative[-1]

    def limit_at(self, metres: float) -> float:
        """The speed limit `metres` along the route (km/h)."""
        index = bisect.bisect_right(self.cumulative, metres) - 1
        return self.limits_kmh[max(0, min(len(self.limits_kmh) - 1, index))]

    def seconds_left(self, metres: float) -> float:
        """Driving time from `metres` along the route to its end, at the speed limits."""
        index = max(0, min(len(self.limits_kmh) - 1, bisect.bisect_right(self.cumulative, metres) - 1))
        left = (self.cumulative[index + 1] - metres) / (self.limits_kmh[index] / 3.6)
        for i in range(index + 1, len(self.limits_kmh)):
            left += (self.cumulative[i + 1] - self.cumulative[i]) / (self.limits_kmh[i] / 3.6)
        turns = sum(1 for m in self.manoeuvres if m.at_m > metres and m.kind not in ("straight", "arrive"))
        return max(0.0, left) + TURN_SECONDS * turns

    def next_manoeuvre(self, metres: float) -> Manoeuvre | None:
        return next((m for m in self.manoeuvres if m.at_m > metres + 1.0), None)


TURN_SECONDS = 4.0  # slowing for a turn and speeding up again, on top of the distance at the limit


@dataclass(frozen=True, slots=True)
class Guidance:
    """Where the car is on its route: what is left, when it arrives with how much battery, and the
    next manoeuvre `next_in_m` ahead."""

    distance_m: float
    seconds: float
    arrival_soc: float
    next: Manoeuvre | None
    next_in_m: float
    progress_m: float
