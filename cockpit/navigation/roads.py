"""The shipped road graph (helsinki-roads.json.gz, built by tools/build_map.py from OpenStreetMap
data, © OpenStreetMap contributors, ODbL): junctions and the drivable ways between them, as a
networkx DiGraph for routing, and the nearest point on a road for any position.

Positions are WGS84 degrees outside; inside, a local flat projection in metres around the map's
centre (exact enough over a few kilometres) makes snapping a little geometry.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import networkx as nx

from cockpit.core.errors import CockpitError
from cockpit.core.geo import EARTH_RADIUS_M

ROADS_FILE = Path(__file__).resolve().parent / "helsinki-roads.json.gz"
# Speeds from the road class where a way has no speed limit tagged (km/h, urban Finland).
CLASS_SPEED_KMH = {
    "motorway": 100,
    "trunk": 80,
    "primary": 50,
    "secondary": 40,
    "tertiary": 40,
    "unclassified": 30,
    "residential": 30,
    "service": 20,
    "living_street": 20,
    "primary_link": 40,
    "secondary_link": 30,
    "tertiary_link": 30,
}
SNAP_LIMIT_M = 400.0  # further from every road than this is off the map
CELL_M = 60.0  # the snapping grid: each cell lists the road segments that cross it

Point = tuple[float, float]  # (latitude, longitude)


@dataclass(frozen=True, slots=True)
class Way:
    """A drivable road between two junctions; `points` run from `start` to `end`."""

    id: int
    start: int
    end: int
    road_class: str
    name: str
    speed_kmh: float
    oneway: bool
    points: tuple[Point, ...]
    xy: tuple[tuple[float, float], ...]  # the same points in local metres
    cumulative: tuple[float, ...]

    @property
    def length_m(self) -> float:
        return self.cumulative[-1]


@dataclass(frozen=True, slots=True)
class Snap:
    """The nearest road point to a position: on `way`, `offset_m` from its start, `distance_m` away."""

    way: Way
    offset_m: float
    distance_m: float
    point: Point


class RoadMap:
    """Ways by id, a DiGraph of junctions (edge attribute `way`: the way id, `seconds`: travel time)."""

    def __init__(
        self, origin: Point, junctions: tuple[Point, ...], ways: tuple[Way, ...], attribution: str
    ) -> None:
        self.origin = origin
        self.junctions = junctions
        self.ways = ways
        self.attribution = attribution
        self.graph = nx.DiGraph()
        self._cells: dict[tuple[int, int], list[tuple[Way, int]]] = {}
        for way in ways:
            for i in range(len(way.xy) - 1):
                for cell in _cells_of(way.xy[i], way.xy[i + 1]):
                    self._cells.setdefault(cell, []).append((way, i))
            seconds = way.length_m / (way.speed_kmh / 3.6)
            self._connect(way.start, way.end, way, seconds)
            if not way.oneway:
                self._connect(way.end, way.start, way, seconds)

    def _connect(self, a: int, b: int, way: Way, seconds: float) -> None:
        if self.graph.has_edge(a, b) and self.graph[a][b]["seconds"] <= seconds:
            return  # two ways between the same junctions: the quicker one routes
        self.graph.add_edge(a, b, way=way.id, seconds=seconds)

    # --- geometry -----------------------------------------------------------------------------------
    def to_xy(self, point: Point) -> tuple[float, float]:
        lat0, lon0 = self.origin
        east = math.radians(point[1] - lon0) * math.cos(math.radians(lat0)) * EARTH_RADIUS_M
        return east, math.radians(point[0] - lat0) * EARTH_RADIUS_M

    def to_point(self, xy: tuple[float, float]) -> Point:
        lat0, lon0 = self.origin
        lat = lat0 + math.degrees(xy[1] / EARTH_RADIUS_M)
        return lat, lon0 + math.degrees(xy[0] / (EARTH_RADIUS_M * math.cos(math.radians(lat0))))

    def snap(self, point: Point) -> Snap | None:
        """The nearest point on any road; None when every road is further than SNAP_LIMIT_M.

        Looks in the grid cells around the point, a ring further each time, until a ring can no
        longer hold anything nearer than what was found."""
        x, y = self.to_xy(point)
        cx, cy = math.floor(x / CELL_M), math.floor(y / CELL_M)
        best: tuple[float, Way, float, tuple[float, float]] | None = None
        for ring in range(int(SNAP_LIMIT_M / CELL_M) + 2):
            if best is not None and best[0] < (ring - 1) * CELL_M:
                break
            for cell in _ring(cx, cy, ring):
                for way, i in self._cells.get(cell, ()):
                    (ax, ay), (bx, by) = way.xy[i], way.xy[i + 1]
                    dx, dy = bx - ax, by - ay
                    span = dx * dx + dy * dy
                    share = 0.0 if span == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / span))
                    px, py = ax + dx * share, ay + dy * share
                    gap = math.hypot(x - px, y - py)
                    if best is None or gap < best[0]:
                        best = (gap, way, way.cumulative[i] + share * math.sqrt(span), (px, py))
        if best is None or best[0] > SNAP_LIMIT_M:
            return None
        gap, way, along, xy = best
        return Snap(way, along, gap, self.to_point(xy))

    def metres(self, a: Point, b: Point) -> float:
        """Ground distance between two points of the map."""
        (ax, ay), (bx, by) = self.to_xy(a), self.to_xy(b)
        return math.hypot(bx - ax, by - ay)

    def turn(self, a: Point, b: Point, c: Point) -> float:
        """Degrees turned at `b` coming from `a` going on to `c`: negative left, positive right."""
        (ax, ay), (bx, by), (cx, cy) = self.to_xy(a), self.to_xy(b), self.to_xy(c)
        first = math.degrees(math.atan2(bx - ax, by - ay))
        second = math.degrees(math.atan2(cx - bx, cy - by))
        return (second - first + 180.0) % 360.0 - 180.0

    def bearing(self, snap: Snap) -> float:
        """Compass bearing of the road at `snap`, in the direction of its points."""
        way = snap.way
        i = next(
            (k for k in range(len(way.cumulative) - 1) if way.cumulative[k + 1] >= snap.offset_m),
            len(way.cumulative) - 2,
        )
        (ax, ay), (bx, by) = way.xy[i], way.xy[i + 1]
        return math.degrees(math.atan2(bx - ax, by - ay)) % 360.0

    def part(self, way: Way, start_m: float, end_m: float) -> list[Point]:
        """The points of `way` from `start_m` to `end_m` along it (backwards when end < start)."""
        forward = end_m >= start_m
        low, high = sorted((start_m, end_m))
        inner = [p for p, at in zip(way.points, way.cumulative, strict=True) if low < at < high]
        points = [self.along(way, low), *inner, self.along(way, high)]
        return points if forward else points[::-1]

    def along(self, way: Way, offset_m: float) -> Point:
        """The point `offset_m` from the start of `way`."""
        offset_m = max(0.0, min(way.length_m, offset_m))
        for i in range(len(way.cumulative) - 1):
            if way.cumulative[i + 1] >= offset_m:
                span = way.cumulative[i + 1] - way.cumulative[i]
                share = (offset_m - way.cumulative[i]) / span if span else 0.0
                (ax, ay), (bx, by) = way.xy[i], way.xy[i + 1]
                return self.to_point((ax + (bx - ax) * share, ay + (by - ay) * share))
        return way.points[-1]

    @cached_property
    def bounds(self) -> tuple[Point, Point]:
        """(south-west, north-east) corners of every junction."""
        lats = [p[0] for p in self.junctions]
        lons = [p[1] for p in self.junctions]
        return (min(lats), min(lons)), (max(lats), max(lons))


def _cells_of(a: tuple[float, float], b: tuple[float, float]) -> set[tuple[int, int]]:
    """The grid cells a segment passes through (sampled finer than a cell)."""
    steps = max(1, math.ceil(math.hypot(b[0] - a[0], b[1] - a[1]) / (CELL_M / 3)))
    return {
        (
            math.floor((a[0] + (b[0] - a[0]) * k / steps) / CELL_M),
            math.floor((a[1] + (b[1] - a[1]) * k / steps) / CELL_M),
        )
        for k in range(steps + 1)
    }


def _ring(cx: int, cy: int, ring: int) -> list[tuple[int, int]]:
    if ring == 0:
        return [(cx, cy)]
    return [
        (cx + dx, cy + dy)
        for dx in range(-ring, ring + 1)
        for dy in range(-ring, ring + 1)
        if max(abs(dx), abs(dy)) == ring
    ]


def load(path: Path = ROADS_FILE) -> RoadMap:
    """Read the shipped road graph; raises CockpitError when the file is missing or damaged."""
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
        classes, names = data["classes"], data["names"]
        junctions = tuple((lat / 1e6, lon / 1e6) for lat, lon in data["junctions"])
        lats = [p[0] for p in junctions]
        lons = [p[1] for p in junctions]
        origin = ((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2)
        road_map = RoadMap(origin, junctions, (), str(data["attribution"]))
        ways = []
        for index, (start, end, cls, name, speed, oneway, middle) in enumerate(data["ways"]):
            points = (junctions[start], *((lat / 1e6, lon / 1e6) for lat, lon in middle), junctions[end])
            xy = tuple(road_map.to_xy(p) for p in points)
            cumulative = [0.0]
            for (ax, ay), (bx, by) in itertools.pairwise(xy):
                cumulative.append(cumulative[-1] + math.hypot(bx - ax, by - ay))
            road_class = classes[cls]
            ways.append(
                Way(
                    index,
                    start,
                    end,
                    road_class,
                    names[name],
                    float(speed or CLASS_SPEED_KMH.get(road_class, 30)),
                    bool(oneway),
                    points,
                    xy,
                    tuple(cumulative),
                )
            )
    except (OSError, ValueError, KeyError, IndexError, TypeError) as error:
        raise CockpitError(f"cannot read the road map {path}: {error}") from None
    return RoadMap(origin, junctions, tuple(ways), road_map.attribution)
