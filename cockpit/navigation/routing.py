"""Routes on the road graph: networkx's Dijkstra over travel time, from a point on one road to a
point on another, and the manoeuvres a driver is told along the way.

The start and the goal lie part-way along their roads, so each is joined to the graph for one
search by edges to its road's ends (only in directions the road may be driven; a car already
moving only forwards). The route's points follow the roads' geometry.
"""

from __future__ import annotations

import itertools

import networkx as nx

from cockpit.core.navigation import Manoeuvre, Point, RoutePlan
from cockpit.navigation.roads import RoadMap, Snap, Way

START, GOAL = "start", "goal"
STRAIGHT_DEG, SLIGHT_DEG, SHARP_DEG, UTURN_DEG = 25.0, 55.0, 130.0, 165.0


class NoRoute(Exception):
    """The goal cannot be reached on the roads from the start (one-way streets, another island)."""


def plan(
    road_map: RoadMap, start: Snap, goal: Snap, destination: str, heading: float | None = None
) -> RoutePlan:
    """The quickest route from `start` to `goal`; with `heading` (the car's, degrees) it sets off the
    way the car points. Raises NoRoute."""
    legs = _legs(road_map, start, goal, heading)
    points: list[Point] = []
    limits: list[float] = []
    pieces: list[tuple[Way, list[Point]]] = []
    for way, from_m, to_m in legs:
        part = road_map.part(way, from_m, to_m)
        pieces.append((way, part))
    for way, part in pieces:
        for p in part if not points else part[1:]:
            if points and _same(points[-1], p):
                continue
            if points:
                limits.append(way.speed_kmh)
            points.append(p)
    if len(points) < 2:
        points.append(goal.point)
        limits.append(goal.way.speed_kmh)
    cumulative = [0.0]
    for a, b in itertools.pairwise(points):
        cumulative.append(cumulative[-1] + road_map.metres(a, b))
    manoeuvres = _manoeuvres(road_map, pieces, points, cumulative, destination)
    route = RoutePlan(destination, tuple(points), tuple(cumulative), tuple(limits), tuple(manoeuvres), 0.0)
    return RoutePlan(
        destination,
        route.points,
        route.cumulative,
        route.limits_kmh,
        route.manoeuvres,
        route.seconds_left(0.0),
    )


def _legs(
    road_map: RoadMap, start: Snap, goal: Snap, heading: float | None
) -> list[tuple[Way, float, float]]:
    """(way, from metres, to metres) pieces of the quickest path."""
    forward_ok = _may_go(road_map, start, heading, forward=True)
    backward_ok = _may_go(road_map, start, heading, forward=False)
    if start.way.id == goal.way.id:
        ahead = goal.offset_m >= start.offset_m
        if (ahead and forward_ok) or (not ahead and backward_ok):
            return [(start.way, start.offset_m, goal.offset_m)]
    graph = road_map.graph
    way, target = start.way, goal.way
    speed = way.speed_kmh / 3.6
    try:
        if forward_ok:
            graph.add_edge(START, way.end, seconds=(way.length_m - start.offset_m) / speed, leg=(way, "end"))
        if backward_ok and (way.start, START) not in graph.edges:
            graph.add_edge(START, way.start, seconds=start.offset_m / speed, leg=(way, "start"))
        goal_speed = target.speed_kmh / 3.6
        graph.add_edge(target.start, GOAL, seconds=goal.offset_m / goal_speed, leg=(target, "from_start"))
        if not target.oneway:
            graph.add_edge(
                target.end,
                GOAL,
                seconds=(target.length_m - goal.offset_m) / goal_speed,
                leg=(target, "from_end"),
            )
        try:
            path = nx.shortest_path(graph, START, GOAL, weight="seconds")
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            raise NoRoute(f"no road leads to {goal.point}") from None
        legs: list[tuple[Way, float, float]] = []
        for a, b in itertools.pairwise(path):
            edge = graph[a][b]
            if a == START:
                legs.append((way, start.offset_m, way.length_m if edge["leg"][1] == "end" else 0.0))
            elif b == GOAL:
                legs.append(
                    (target, 0.0 if edge["leg"][1] == "from_start" else target.length_m, goal.offset_m)
                )
            else:
                through = road_map.ways[edge["way"]]
                legs.append(
                    (through, 0.0, through.length_m)
                    if a == through.start
                    else (through, through.length_m, 0.0)
                )
        return legs
    finally:
        for node in (START, GOAL):
            if node in graph:
                graph.remove_node(node)


def _may_go(road_map: RoadMap, start: Snap, heading: float | None, forward: bool) -> bool:
    """Whether the car may set off along its road forwards (or backwards) from `start`: a one-way
    road only forwards; a moving car (with a `heading`) only the way it faces."""
    if start.way.oneway:
        return forward
    if heading is None:
        return True
    facing = abs((heading - road_map.bearing(start) + 180.0) % 360.0 - 180.0) < 90.0
    return facing if forward else not facing


def _manoeuvres(
    road_map: RoadMap,
    pieces: list[tuple[Way, list[Point]]],
    points: list[Point],
    cumulative: list[float],
    destination: str,
) -> list[Manoeuvre]:
    found: list[Manoeuvre] = []
    for (before, part), (after, following) in itertools.pairwise(pieces):
        if len(part) < 2 or len(following) < 2:
            continue
        junction = part[-1]
        turn = road_map.turn(part[-2], junction, following[1])
        kind = _kind(turn)
        if kind == "straight" and (after.name == before.name or not after.name):
            continue
        at = cumulative[min(range(len(points)), key=lambda i: road_map.metres(points[i], junction))]
        found.append(Manoeuvre(kind, after.name, at, junction))
    found.append(Manoeuvre("arrive", destination, cumulative[-1], points[-1]))
    return found


def _kind(turn: float) -> str:
    size, side = abs(turn), "left" if turn < 0 else "right"
    if size < STRAIGHT_DEG:
        return "straight"
    if size < SLIGHT_DEG:
        return f"slight_{side}"
    if size < SHARP_DEG:
        return side
    if size < UTURN_DEG:
        return f"sharp_{side}"
    return "uturn"


def _same(a: Point, b: Point) -> bool:
    return abs(a[0] - b[0]) < 1e-7 and abs(a[1] - b[1]) < 1e-7
