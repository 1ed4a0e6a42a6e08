"""The navigator: turns the destination signals into a route on the roads, keeps the car on the
road geometry, guides it (distance, time, battery at arrival, the next manoeuvre) and reroutes when
the driver leaves the route.

Anyone sets the destination — the Navigation tab, a voice assistant, a KUKSA client, a scenario —
through sig.DEST_NAME / DEST_LATITUDE / DEST_LONGITUDE; a name set to "" cancels. The navigator
plans on the next tick (so a name and two coordinates set one after another plan once) and
announces RouteChanged, then GuidanceChanged as the car moves, and writes NAV_DISTANCE, NAV_TIME
and NAV_ARRIVAL_SOC.

The car follows roads: the navigator hands the vehicle the points ahead (`follow`), the route when
there is one, else the road ahead, straight on at each junction. A turn signal on as the car nears
a junction takes that turn instead; off the route, a new one is planned from where the car is.
In reverse the car leaves the road geometry (reversing into a garage or a parking space).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import SetSignal, Source
from cockpit.core.events import GuidanceChanged, NoticeRaised, RouteChanged, SignalChanged
from cockpit.core.navigation import Guidance, Point, RoutePlan
from cockpit.core.text import Text
from cockpit.navigation.roads import RoadMap, Snap, Way
from cockpit.navigation.routing import NoRoute, plan

logger = logging.getLogger(__name__)

Follow = Callable[[Sequence[Point] | None], None]
ON_ROAD_M = 25.0  # closer than this to a road, the car drives on it
OFF_ROUTE_M = 30.0  # further than this from the route: rerouted
ARRIVED_M = 15.0
AHEAD_M = 900.0  # how much road ahead the car is given when it has no route
REFRESH_LEFT_M = 150.0
TURN_WINDOW_M = 45.0  # a turn signal this close to a junction takes that turn
GUIDANCE_EVERY_S = 0.25
REROUTE_EVERY_S = 3.0


class Navigator:
    """Plans, follows and guides; `plan` is the active route (None without a destination)."""

    def __init__(self, cockpit: Cockpit, road_map: RoadMap, follow: Follow) -> None:
        self._cockpit = cockpit
        self.road_map = road_map
        self._follow = follow
        self.plan: RoutePlan | None = None
        self.guidance: Guidance | None = None
        self._destination_dirty = False
        self._progress = 0.0
        self._track: tuple[Point, ...] = ()
        self._track_cumulative: tuple[float, ...] = ()
        self._track_at = 0.0
        self._track_xy: tuple[tuple[float, float], ...] = ()
        self._route_xy: tuple[tuple[float, float], ...] = ()
        self._turn_taken: Point | None = None
        self._reversing = False
        self._guided_at = -math.inf
        self._rerouted_at = -math.inf

    def install(self) -> None:
        self._cockpit.bus.subscribe(self._on_signal, SignalChanged)
        self._cockpit.add_system(self.step)

    def _on_signal(self, event: SignalChanged) -> None:
        if event.path in (sig.DEST_NAME, sig.DEST_LATITUDE, sig.DEST_LONGITUDE):
            self._destination_dirty = True

    # --- each tick ---------------------------------------------------------------------------------
    def step(self, dt: float) -> None:
        if self._destination_dirty:
            self._destination_dirty = False
            self._destination_changed()
        here = self._position()
        reversing = int(self._cockpit.value(sig.SELECTED_GEAR)) == sig.GEAR_REVERSE
        if reversing != self._reversing:
            self._reversing = reversing
            if reversing:
                self._set_track(())  # off the road geometry: backwards along the heading
                return
            self._track = ()
        if reversing:
            return
        if self.plan is not None:
            self._guide(here)
        elif not self._track or self._track_left(here) < REFRESH_LEFT_M or self._turn_due(here):
            self._road_ahead(here)

    # --- destinations ------------------------------------------------------------------------------
    def _destination_changed(self) -> None:
        c = self._cockpit
        name = str(c.value(sig.DEST_NAME))
        lat, lon = float(c.value(sig.DEST_LATITUDE)), float(c.value(sig.DEST_LONGITUDE))
        if not name and self.plan is not None:
            self._end("cancelled")
            return
        if not name or (lat, lon) == (0.0, 0.0):
            return
        self._route_to(name, (lat, lon), "planned")

    def _route_to(self, name: str, goal: Point, why: str) -> bool:
        here = self._position()
        start, target = self.road_map.snap(here), self.road_map.snap(goal)
        if start is None or target is None:
            where = (Text("The car is not on the map; no route to {name}", name=name) if start is None
                     else Text("{name} is not on the map; no route to {name}", name=name))
            self._tell(where, "warning")
            self._end("unreachable")
            return False
        moving = abs(float(self._cockpit.value(sig.SPEED))) > 1.0
        heading = float(self._cockpit.value(sig.HEADING)) if moving or why == "rerouted" else None
        try:
            route = plan(self.road_map, start, target, name, heading)
        except NoRoute:
            self._tell(Text("No route to {name} on the roads from here", name=name), "warning")
            self._end("unreachable")
            return False
        self.plan, self._progress, self._turn_taken = route, 0.0, None
        self._route_xy = tuple(self.road_map.to_xy(p) for p in route.points)
        self._guided_at = -math.inf
        self._set_track(route.points)
        self._cockpit.bus.publish(RouteChanged(time=self._cockpit.now, plan=route, why=why))
        if why == "rerouted":
            self._tell(Text("Rerouting to {name}", name=name), "info")
        self._guide(here)
        return True

    def _end(self, why: str) -> None:
        had = self.plan is not None
        self.plan, self.guidance = None, None
        self._track = ()
        for path, value in ((sig.NAV_DISTANCE, 0), (sig.NAV_TIME, 0), (sig.NAV_ARRIVAL_SOC, 0.0)):
            if self._cockpit.value(path) != value:
                self._cockpit.update(path, value)
        if had or why == "unreachable":
            self._cockpit.bus.publish(RouteChanged(time=self._cockpit.now, plan=None, why=why))

    # --- guidance ----------------------------------------------------------------------------------
    def _guide(self, here: Point) -> None:
        route = self.plan
        assert route is not None
        progress, off = self._locate(self._route_xy, route.cumulative, here, self._progress)
        self._progress = progress
        c = self._cockpit
        if off > OFF_ROUTE_M and c.now - self._rerouted_at >= REROUTE_EVERY_S:
            self._rerouted_at = c.now
            self._route_to(route.destination, route.points[-1], "rerouted")
            return
        left = max(0.0, route.length_m - progress)
        if left < ARRIVED_M and abs(float(c.value(sig.SPEED))) < 2.0:
            self._tell(Text("You have arrived at {place}", place=route.destination), "info")
            self._end("arrived")
            c.submit(SetSignal(sig.DEST_NAME, "", source=Source.SYSTEM))
            self._destination_dirty = False
            return
        if self._turn_due(here):
            self._take_turn(here)
        if c.now - self._guided_at < GUIDANCE_EVERY_S:
            return
        self._guided_at = c.now
        range_m = float(c.value(sig.RANGE))
        soc = float(c.value(sig.SOC))
        arrival = soc * max(0.0, 1.0 - left / range_m) if range_m > 0 else 0.0
        upcoming = route.next_manoeuvre(progress)
        guidance = Guidance(
            left,
            route.seconds_left(progress),
            round(arrival, 1),
            upcoming,
            (upcoming.at_m - progress) if upcoming else 0.0,
            progress,
        )
        self.guidance = guidance
        for path, value in (
            (sig.NAV_DISTANCE, round(left)),
            (sig.NAV_TIME, round(guidance.seconds)),
            (sig.NAV_ARRIVAL_SOC, guidance.arrival_soc),
        ):
            if c.value(path) != value:
                c.update(path, value)
        c.bus.publish(GuidanceChanged(time=c.now, guidance=guidance))

    # --- the road under the car --------------------------------------------------------------------
    def _road_ahead(self, here: Point) -> None:
        snap = self.road_map.snap(here)
        if snap is None or snap.distance_m > ON_ROAD_M:
            if self._track:
                self._set_track(())
            return
        heading = float(self._cockpit.value(sig.HEADING))
        points = self._ahead_from(snap, heading, self._indicated())
        self._set_track(points)

    def _ahead_from(self, snap: Snap, heading: float, turn: str | None) -> list[Point]:
        """The road ahead of `snap` in the direction of `heading`, straight on at each junction (the
        first one `turn`s left or right when a turn signal is on)."""
        way, forward = snap.way, self._forward(snap, heading)
        points = self.road_map.part(way, snap.offset_m, way.length_m if forward else 0.0)
        travelled = way.length_m - snap.offset_m if forward else snap.offset_m
        junction = way.end if forward else way.start
        previous = way
        while travelled < AHEAD_M:
            following = self._next_way(previous, junction, points, turn)
            turn = None
            if following is None:
                break
            way, out_forward = following
            points.extend(
                self.road_map.part(
                    way, 0.0 if out_forward else way.length_m, way.length_m if out_forward else 0.0
                )[1:]
            )
            travelled += way.length_m
            junction = way.end if out_forward else way.start
            previous = way
        return points

    def _next_way(
        self, arriving: Way, junction: int, points: list[Point], turn: str | None
    ) -> tuple[Way, bool] | None:
        """The way to take at `junction`: the straightest, or the most left/right for a turn signal."""
        options = []
        for other in self.road_map.ways:
            if other.id == arriving.id:
                continue
            if other.start == junction:
                options.append((other, True))
            elif other.end == junction and not other.oneway:
                options.append((other, False))
        if not options or len(points) < 2:
            return None
        a, b = points[-2], points[-1]

        def angle(option: tuple[Way, bool]) -> float:
            way, forward = option
            c = way.points[1] if forward else way.points[-2]
            return self.road_map.turn(a, b, c)

        if turn == "left":
            return min(options, key=angle)
        if turn == "right":
            return max(options, key=angle)
        return min(options, key=lambda option: abs(angle(option)))

    def _turn_due(self, here: Point) -> bool:
        """A turn signal is on and a junction the car has not turned at yet is close ahead."""
        turn = self._indicated()
        if turn is None or not self._track:
            return False
        junction = self._junction_ahead(here)
        return junction is not None and junction != self._turn_taken

    def _take_turn(self, here: Point) -> None:
        """Leave the route at the junction ahead, the way the turn signal points."""
        junction = self._junction_ahead(here)
        snap = self.road_map.snap(here)
        if junction is None or snap is None:
            return
        self._turn_taken = junction
        self._set_track(self._ahead_from(snap, float(self._cockpit.value(sig.HEADING)), self._indicated()))

    def _junction_ahead(self, here: Point) -> Point | None:
        snap = self.road_map.snap(here)
        if snap is None:
            return None
        forward = self._forward(snap, float(self._cockpit.value(sig.HEADING)))
        left = snap.way.length_m - snap.offset_m if forward else snap.offset_m
        if left > TURN_WINDOW_M:
            return None
        return snap.way.points[-1] if forward else snap.way.points[0]

    def _indicated(self) -> str | None:
        c = self._cockpit
        return "left" if c.value(sig.TURN_LEFT) else "right" if c.value(sig.TURN_RIGHT) else None

    def _forward(self, snap: Snap, heading: float) -> bool:
        """Whether the car on `snap`, pointing along `heading`, drives in the way's own direction."""
        if snap.way.oneway:
            return True
        return abs((heading - self.road_map.bearing(snap) + 180.0) % 360.0 - 180.0) <= 90.0

    # --- helpers -------------------------------------------------------------------------------------
    def _set_track(self, points: Sequence[Point]) -> None:
        self._track = tuple(points)
        self._track_xy = tuple(self.road_map.to_xy(p) for p in self._track)
        cumulative = [0.0]
        for a, b in zip(self._track, self._track[1:], strict=False):
            cumulative.append(cumulative[-1] + self.road_map.metres(a, b))
        self._track_cumulative = tuple(cumulative)
        self._track_at = 0.0
        self._follow(self._track if len(self._track) >= 2 else None)

    def _track_left(self, here: Point) -> float:
        at, _ = self._locate(self._track_xy, self._track_cumulative, here, self._track_at)
        self._track_at = at
        return self._track_cumulative[-1] - at if self._track_cumulative else 0.0

    def _locate(
        self, points: Sequence[tuple[float, float]], cumulative: Sequence[float], here: Point, near_m: float
    ) -> tuple[float, float]:
        """How far along `points` the car is (searching onwards from about `near_m`) and how far off."""
        if len(points) < 2:
            return 0.0, math.inf
        x, y = self.road_map.to_xy(here)
        best = (math.inf, near_m)
        for i in range(len(points) - 1):
            if cumulative[i + 1] < near_m - 50.0:
                continue
            if cumulative[i] > near_m + 400.0:
                break
            (ax, ay), (bx, by) = points[i], points[i + 1]
            dx, dy = bx - ax, by - ay
            span = dx * dx + dy * dy
            share = 0.0 if span == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / span))
            gap = math.hypot(x - ax - dx * share, y - ay - dy * share)
            if gap < best[0]:
                best = (gap, cumulative[i] + share * math.sqrt(span))
        return best[1], best[0]

    def _position(self) -> Point:
        return float(self._cockpit.value(sig.LATITUDE)), float(self._cockpit.value(sig.LONGITUDE))

    def _tell(self, text: str, level: str) -> None:
        logger.info("%s", text)
        self._cockpit.bus.publish(NoticeRaised(time=self._cockpit.now, text=text, level=level))
