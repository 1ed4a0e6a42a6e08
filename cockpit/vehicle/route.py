"""Where the car is: a route of waypoints to drive along, or dead reckoning along the heading.

Distances are great-circle distances (cockpit.core.geo, the one formula every part uses); headings
and moves use the equirectangular approximation per segment, far more accurate than needed for
segments of a few kilometres.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence

from cockpit.core.geo import EARTH_RADIUS_M, distance_m


def _offset(lat: float, lon: float, lat2: float, lon2: float) -> tuple[float, float]:
    """East and north metres from (lat, lon) to (lat2, lon2)."""
    mean = math.radians((lat + lat2) / 2.0)
    east = math.radians(lon2 - lon) * math.cos(mean) * EARTH_RADIUS_M
    north = math.radians(lat2 - lat) * EARTH_RADIUS_M
    return east, north


def bearing_deg(lat: float, lon: float, lat2: float, lon2: float) -> float:
    """Compass heading from the first point to the second, 0 = north, clockwise."""
    east, north = _offset(lat, lon, lat2, lon2)
    return math.degrees(math.atan2(east, north)) % 360.0


def move(lat: float, lon: float, heading: float, metres: float) -> tuple[float, float]:
    """The point `metres` away along `heading` (negative moves backwards)."""
    rad = math.radians(heading)
    lat2 = lat + math.degrees(metres * math.cos(rad) / EARTH_RADIUS_M)
    lon2 = lon + math.degrees(metres * math.sin(rad) / (EARTH_RADIUS_M * math.cos(math.radians(lat))))
    return lat2, lon2


class Route:
    """Waypoints as (latitude, longitude) pairs; raises ValueError for fewer than two or bad ones."""

    __slots__ = ("_cumulative", "waypoints")

    def __init__(self, waypoints: Sequence[tuple[float, float]]) -> None:
        points = tuple((float(lat), float(lon)) for lat, lon in waypoints)
        if len(points) < 2:
            raise ValueError("a route needs at least two waypoints")
        for lat, lon in points:
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError(f"waypoint ({lat}, {lon}) is not a latitude/longitude")
        total = [0.0]
        for (lat, lon), (lat2, lon2) in itertools.pairwise(points):
            total.append(total[-1] + distance_m(lat, lon, lat2, lon2))
        self.waypoints = points
        self._cumulative = tuple(total)

    @property
    def length_m(self) -> float:
        return self._cumulative[-1]

    def at(self, travelled: float) -> tuple[float, float, float]:
        """(latitude, longitude, heading) after `travelled` metres, held at either end."""
        travelled = min(self.length_m, max(0.0, travelled))
        i = min(len(self.waypoints) - 2, max(0, bisect.bisect_right(self._cumulative, travelled) - 1))
        (lat, lon), (lat2, lon2) = self.waypoints[i], self.waypoints[i + 1]
        span = self._cumulative[i + 1] - self._cumulative[i]
        share = (travelled - self._cumulative[i]) / span if span else 1.0
        return lat + (lat2 - lat) * share, lon + (lon2 - lon) * share, bearing_deg(lat, lon, lat2, lon2)


class Position:
    """The car's latitude, longitude and heading, advanced by the signed distance it drove."""

    __slots__ = ("heading", "latitude", "longitude", "route", "travelled")

    def __init__(self, latitude: float, longitude: float, heading: float) -> None:
        self.latitude, self.longitude, self.heading = latitude, longitude, heading
        self.route: Route | None = None
        self.travelled = 0.0

    @property
    def arrived(self) -> bool:
        """On a route and at its last point."""
        return self.route is not None and self.travelled >= self.route.length_m

    def follow(self, route: Route | None) -> None:
        """Drive along `route` from its first point (None: back to following the heading)."""
        self.route = route
        self.travelled = 0.0
        if route is not None:
            self.latitude, self.longitude, self.heading = route.at(0.0)

    def advance(self, metres: float) -> None:
        """Move `metres` along the route (held at its ends) or along the heading."""
        if metres == 0.0:
            return
        if self.route is None:
            self.latitude, self.longitude = move(self.latitude, self.longitude, self.heading, metres)
            return
        self.travelled = min(self.route.length_m, max(0.0, self.travelled + metres))
        self.latitude, self.longitude, self.heading = self.route.at(self.travelled)
