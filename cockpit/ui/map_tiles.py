"""The map, drawn with pygame from the shipped OpenStreetMap shapes (assets/map/helsinki.json.gz,
built by tools/build_map.py; © OpenStreetMap contributors, ODbL) and cut into pre-rendered tiles.

`MapShapes` holds every shape projected once to metres east and north of the map's centre, with
its bounding box. `TileCache` draws square tiles of it at a zoom (metres per pixel) in a theme's
colours — land, parks, water, buildings, paths, tram and rail lines, roads by class with a casing,
street names — and keeps the most recent ones; `ensure()` draws at most a few a frame, so a
panning map never stalls. A tile covers ([i, i+1) * side * mpp) east and north of the origin.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pygame

from cockpit.ui.fonts import Typography, Weight
from cockpit.ui.theme import Colour, Theme

SHAPES_FILE = Path(__file__).resolve().parent / "assets" / "map" / "helsinki.json.gz"
TILE = 256
KEPT = 160
LABEL_SIZE = 18  # design px: 12 px at 1280x480, like every other text
EARTH_RADIUS_M = 6_371_000.0
# Road width in metres by class (drawn at least 1 px), most important drawn last.
ROAD_WIDTH_M = {
    "service": 4.0,
    "living_street": 5.0,
    "unclassified": 6.0,
    "residential": 6.0,
    "tertiary_link": 7.0,
    "secondary_link": 7.0,
    "primary_link": 8.0,
    "tertiary": 8.0,
    "secondary": 10.0,
    "primary": 13.0,
    "trunk": 15.0,
    "motorway": 16.0,
}
ROAD_ORDER = tuple(ROAD_WIDTH_M)
MAJOR = frozenset({"primary", "secondary", "trunk", "motorway"})

XY = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Shape:
    points: tuple[XY, ...]
    box: tuple[float, float, float, float]  # west, south, east, north (metres)


@dataclass(frozen=True, slots=True)
class Label:
    text: str
    at: XY
    angle: float  # degrees anticlockwise from east


@dataclass(frozen=True, slots=True)
class Palette:
    land: Colour
    park: Colour
    water: Colour
    building: Colour
    path: Colour
    rail: Colour
    casing: Colour
    road: Colour
    major: Colour
    label: Colour


def palette(theme: Theme) -> Palette:
    """Map colours that sit with the dashboard's theme (muted, so the route stands out)."""
    if theme.name.startswith("day"):
        return Palette(
            land=(236, 238, 241),
            park=(205, 230, 206),
            water=(170, 208, 238),
            building=(218, 221, 227),
            path=(208, 212, 218),
            rail=(170, 176, 186),
            casing=(196, 201, 209),
            road=(255, 255, 255),
            major=(255, 244, 214),
            label=(70, 78, 92),
        )
    return Palette(
        land=(22, 26, 32),
        park=(24, 44, 34),
        water=(18, 38, 62),
        building=(34, 39, 48),
        path=(38, 43, 52),
        rail=(58, 64, 76),
        casing=(16, 19, 24),
        road=(62, 70, 84),
        major=(92, 100, 116),
        label=(150, 160, 176),
    )


class MapShapes:
    """Every layer of the shipped map, in metres around `origin` (latitude, longitude)."""

    def __init__(self, data: dict[str, object]) -> None:
        buildings = data["buildings"]
        assert isinstance(buildings, list)
        everything = [
            p
            for layer in ("water", "parks", "buildings")
            for ring in data[layer]  # type: ignore[attr-defined]
            for p in ring
        ]
        lats = [p[0] for p in everything]
        lons = [p[1] for p in everything]
        self.origin = ((min(lats) + max(lats)) / 2e6, (min(lons) + max(lons)) / 2e6)
        self.attribution = str(data["attribution"])
        self.water = self._shapes(data["water"])
        self.parks = self._shapes(data["parks"])
        self.buildings = self._shapes(buildings)
        self.paths = self._shapes(data["paths"])
        self.trams = self._shapes(data["trams"])
        self.rail = self._shapes(data["rail"])
        roads = data["roads"]
        assert isinstance(roads, dict)
        self.roads = {cls: self._shapes(lines) for cls, lines in roads.items()}
        labels = data["labels"]
        assert isinstance(labels, list)
        self.labels = tuple(Label(str(name), self.project(lat / 1e6, lon / 1e6), float(angle))
                            for name, lat, lon, angle in labels)
        xs = [x for shape in self.buildings + self.parks for x, _ in shape.points]
        ys = [y for shape in self.buildings + self.parks for _, y in shape.points]
        self.extent = (min(xs), min(ys), max(xs), max(ys))

    def project(self, latitude: float, longitude: float) -> XY:
        """Metres east and north of the origin."""
        lat0, lon0 = self.origin
        return (
            math.radians(longitude - lon0) * math.cos(math.radians(lat0)) * EARTH_RADIUS_M,
            math.radians(latitude - lat0) * EARTH_RADIUS_M,
        )

    def _shapes(self, raw: object) -> tuple[Shape, ...]:
        assert isinstance(raw, list)
        shapes = []
        for line in raw:
            points = tuple(self.project(lat / 1e6, lon / 1e6) for lat, lon in line)
            xs, ys = [x for x, _ in points], [y for _, y in points]
            shapes.append(Shape(points, (min(xs), min(ys), max(xs), max(ys))))
        return tuple(shapes)


@cache
def load_shapes(path: Path = SHAPES_FILE) -> MapShapes:
    """The shipped map, read once per process (about 10 ms)."""
    return MapShapes(json.loads(gzip.decompress(path.read_bytes())))


@cache
def tile_cache(theme: Theme, typography: Typography) -> TileCache:
    """The shipped map's tiles in `theme`, shared by every panel and dashboard of the process: a
    theme switch back and forth, or another dashboard, draws no tile twice."""
    return TileCache(load_shapes(), theme, typography)


class TileCache:
    """Pre-rendered tiles of `shapes` in one theme, by (zoom, i, j)."""

    def __init__(self, shapes: MapShapes, theme: Theme, typography: Typography) -> None:
        self.shapes = shapes
        self.colours = palette(theme)
        self.typography = typography
        self._tiles: OrderedDict[tuple[float, int, int], pygame.Surface] = OrderedDict()
        self.drawn = 0  # tiles drawn so far (a benchmark reads it)

    def tile(self, mpp: float, i: int, j: int) -> pygame.Surface:
        """The tile (i, j) at `mpp` metres per pixel, drawn now if it is not kept yet."""
        key = (mpp, i, j)
        tile = self._tiles.get(key)
        if tile is None:
            tile = self._draw(mpp, i, j)
            self._tiles[key] = tile
            if len(self._tiles) > KEPT:
                self._tiles.popitem(last=False)
        else:
            self._tiles.move_to_end(key)
        return tile

    def has(self, mpp: float, i: int, j: int) -> bool:
        return (mpp, i, j) in self._tiles

    def _draw(self, mpp: float, i: int, j: int) -> pygame.Surface:
        self.drawn += 1
        colours, shapes = self.colours, self.shapes
        surface = pygame.Surface((TILE, TILE))
        surface.fill(colours.land)
        west, south = i * TILE * mpp, j * TILE * mpp
        box = (west, south, west + TILE * mpp, south + TILE * mpp)

        def pixels(points: tuple[XY, ...]) -> list[tuple[float, float]]:
            return [((x - west) / mpp, TILE - (y - south) / mpp) for x, y in points]

        for layer, colour in (
            (shapes.parks, colours.park),
            (shapes.water, colours.water),
            (shapes.buildings, colours.building),
        ):
            for shape in layer:
                if _meets(shape.box, box) and len(shape.points) >= 3:
                    pygame.draw.polygon(surface, colour, pixels(shape.points))
        if mpp < 2.0:
            for shape in shapes.paths:
                if _meets(shape.box, box):
                    pygame.draw.lines(surface, colours.path, False, pixels(shape.points), 1)
        for layer in (shapes.rail, shapes.trams):
            for shape in layer:
                if _meets(shape.box, box):
                    pygame.draw.lines(surface, colours.rail, False, pixels(shape.points), 1)
        for casing in (True, False):
            for road_class in ROAD_ORDER:
                width = max(1, round(ROAD_WIDTH_M[road_class] / mpp)) + (2 if casing else 0)
                colour = colours.casing if casing else colours.major if road_class in MAJOR else colours.road
                for shape in shapes.roads.get(road_class, ()):
                    if _meets(shape.box, box, margin=20.0):
                        thick_line(surface, colour, pixels(shape.points), width)
        if mpp <= 1.6:
            self._labels(surface, west, south, mpp)
        return surface

    def _labels(self, surface: pygame.Surface, west: float, south: float, mpp: float) -> None:
        reach = 160 * mpp
        for label in self.shapes.labels:
            x, y = label.at
            if not (
                west - reach < x < west + TILE * mpp + reach
                and south - reach < y < south + TILE * mpp + reach
            ):
                continue
            image = _label_image(self.typography, label.text, self.colours.label, self.colours.land)
            angle = label.angle
            if angle > 90 or angle < -90:  # never upside down
                angle -= math.copysign(180, angle)
            turned = pygame.transform.rotate(image, angle)
            centre = ((x - west) / mpp, TILE - (y - south) / mpp)
            surface.blit(turned, turned.get_rect(center=(round(centre[0]), round(centre[1]))))


@cache
def _label_image(typography: Typography, text: str, colour: Colour, halo: Colour) -> pygame.Surface:
    """A street name with a thin halo in the land colour, so it reads over roads."""
    ink = typography.render(text, Weight.SEMIBOLD, LABEL_SIZE, colour)
    back = typography.render(text, Weight.SEMIBOLD, LABEL_SIZE, halo)
    image = pygame.Surface((ink.get_width() + 2, ink.get_height() + 2), pygame.SRCALPHA)
    for dx, dy in ((0, 1), (2, 1), (1, 0), (1, 2)):
        image.blit(back, (dx, dy))
    image.blit(ink, (1, 1))
    return image


def _meets(
    a: tuple[float, float, float, float], b: tuple[float, float, float, float], margin: float = 0.0
) -> bool:
    return a[0] <= b[2] + margin and a[2] >= b[0] - margin and a[1] <= b[3] + margin and a[3] >= b[1] - margin


def thick_line(
    surface: pygame.Surface, colour: Colour, points: list[tuple[float, float]], width: int
) -> None:
    """A polyline `width` px wide with round joins (pygame's wide lines leave gaps at corners)."""
    if width <= 2:
        pygame.draw.lines(surface, colour, False, points, width)
        return
    pygame.draw.lines(surface, colour, False, points, width)
    radius = width / 2 - 0.5
    for x, y in points:
        pygame.draw.circle(surface, colour, (round(x), round(y)), radius)
