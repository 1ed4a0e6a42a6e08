"""The Navigation tab: a real map (OpenStreetMap, pre-rendered tiles) following the car, the route
ahead, a card with the destination, arrival time, distance and battery at arrival, the next turn,
and the driver's saved places.

↑ ↓ pick a saved place and Enter makes it the destination (through the policy, source USER);
Shift+arrows pan the map, Page Up / Page Down and the mouse wheel zoom, Home follows the car again.
The map's data loads the first time the tab is shown, never before the first frame.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.commands import Source
from cockpit.core.facts import Place
from cockpit.core.navigation import RoutePlan
from cockpit.core.places import go_to
from cockpit.i18n import N_
from cockpit.ui import map_tiles
from cockpit.ui.actions import Action, GoTo, Move, Select
from cockpit.ui.boxes import CardBox, TextBox
from cockpit.ui.fonts import Weight
from cockpit.ui.map_tiles import TILE, TileCache
from cockpit.ui.map_view import FOLLOW, ZOOM_IN, ZOOM_OUT, ZOOMS
from cockpit.ui.panels.base import Panel
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.arrows import manoeuvre_arrow
from cockpit.ui.widgets.base import Skin, View
from cockpit.view import CockpitView


@dataclass(frozen=True, slots=True)
class NavState:
    car: tuple[int, int]  # the car's position in whole pixels at this zoom (a move of 1 px redraws)
    heading: int
    zoom: int
    centre: tuple[int, int] | None  # panned away from the car: where the map is centred (pixels)
    route_version: int
    guidance: tuple[str, ...]  # what the route card says
    places: tuple[Place, ...]
    selected: int
    time_format: str


def saved_places(view: CockpitView) -> tuple[Place, ...]:
    """The active driver's saved places."""
    return view.driver.places if view.driver is not None else ()


def set_destination(view: CockpitView, index: int) -> None:
    """Make saved place `index` of the active driver the destination."""
    places = saved_places(view)
    if not 0 <= index < len(places):
        return
    for command in go_to(places[index], Source.USER):
        view.submit(command)


def arrival_clock(view: CockpitView, seconds: float, twelve_hour: bool) -> str:
    """The time of day `seconds` from now: "8:14 am" or "08:14"."""
    hours, minutes = divmod(
        round((view.hours_minutes()[0] * 60 + view.hours_minutes()[1]) + seconds / 60), 60
    )
    hours %= 24
    if twelve_hour:
        return f"{(hours % 12) or 12}:{minutes:02d} {'am' if hours < 12 else 'pm'}"
    return f"{hours:02d}:{minutes:02d}"


class NavigationPanel(Panel[NavState]):
    """The map with the route and the car, a route card and the saved places."""

    title = N_("Navigation")

    def __init__(self, rect: Rect, skin: Skin) -> None:
        super().__init__(rect, skin)
        self.map_rect = rect.inflate(-2 * skin.layout.px(1), -2 * skin.layout.px(1))
        self._tiles: TileCache | None = None
        self._route: RoutePlan | None = None
        self._route_xy: list[tuple[float, float]] = []
        self._anchor: tuple[float, float] | None = None  # where the car was when the map stopped following
        self._canvas: pygame.Surface | None = None  # the tiles around the view, joined
        self._canvas_tiles = (0, 0, -1, -1)  # first i, first j, last i, last j
        self._canvas_mpp = 0.0
        self._canvas_route = -1  # the route version drawn on the canvas
        self._overlay: pygame.Surface | None = None  # the cards, over the map
        self._overlay_key: object = None
        self._overlay_drawn: tuple[list[str], list[TextBox], list[CardBox]] = ([], [], [])
        self.hits: list[tuple[Rect, Action]] = []

    @property
    def tiles(self) -> TileCache:
        """The tiles, built (and the map loaded) the first time the map is drawn."""
        if self._tiles is None:
            self._tiles = map_tiles.tile_cache(self.theme, self.skin.type)
        return self._tiles

    # --- state ----------------------------------------------------------------------------------
    def state(self, view: View) -> NavState:
        cockpit, model = view.cockpit, view.model
        shapes_ = self.tiles.shapes
        mpp = ZOOMS[model.map_zoom]
        x, y = shapes_.project(view.number(sig.LATITUDE), view.number(sig.LONGITUDE))
        if cockpit.route is not self._route:
            self._route = cockpit.route
            self._route_xy = [shapes_.project(*p) for p in cockpit.route.points] if cockpit.route else []
        if model.map_pan is None:
            self._anchor, centre = None, None
        else:
            self._anchor = self._anchor or (x, y)
            centre = (self._anchor[0] + model.map_pan[0], self._anchor[1] + model.map_pan[1])
        places = saved_places(cockpit)
        selected = model.cursor.get("navigation", 0) % max(1, len(places))
        return NavState(
            (round(x / mpp), round(y / mpp)),
            round(view.number(sig.HEADING)),
            model.map_zoom,
            (round(centre[0] / mpp), round(centre[1] / mpp)) if centre else None,
            cockpit.route_version,
            self._card(view),
            places,
            selected,
            str(view.value(sig.TIME_FORMAT)),
        )

    def _card(self, view: View) -> tuple[str, ...]:
        route, guidance, miles = view.cockpit.route, view.cockpit.guidance, self.skin.miles
        if route is None or guidance is None:
            return ()
        twelve = view.value(sig.TIME_FORMAT) == "HR_12"
        upcoming = guidance.next
        return (
            route.destination,
            arrival_clock(view.cockpit, guidance.seconds, twelve),
            units.duration_text(guidance.seconds),
            units.short_distance_text(guidance.distance_m, miles),
            f"{round(guidance.arrival_soc)} %",
            upcoming.kind if upcoming else "",
            units.turn_distance_text(guidance.next_in_m, miles) if upcoming else "",
            upcoming.road if upcoming else "",
        )

    # --- keys, clicks, the wheel -------------------------------------------------------------------
    def key(self, move: Move, view: View) -> Action | None:
        nav = self.current
        if not nav.places or move in (Move.PREV, Move.NEXT):
            return None
        if move is Move.ACTIVATE:
            return GoTo(nav.selected)
        return Select("navigation", (nav.selected + (1 if move is Move.DOWN else -1)) % len(nav.places))

    def click(self, pos: tuple[int, int]) -> Action | None:
        return next((action for rect, action in self.hits if rect.collidepoint(pos)), None)

    def scroll(self, pos: tuple[int, int], steps: int) -> Action | None:
        return ZOOM_IN if steps > 0 else ZOOM_OUT

    # --- painting ----------------------------------------------------------------------------------
    def paint(self, surface: pygame.Surface) -> None:
        """The map fills the panel; the cards float over it, drawn once per change of what they say."""
        nav, area = self.current, self.map_rect
        mpp = ZOOMS[nav.zoom]
        car_xy = (nav.car[0] * mpp, nav.car[1] * mpp)
        centre = (nav.centre[0] * mpp, nav.centre[1] * mpp) if nav.centre else car_xy
        surface.set_clip(area)
        self._tiles_at(surface, area, centre, mpp)
        self._car(surface, self._to_screen(area, centre, mpp, car_xy), nav.heading)
        surface.set_clip(None)
        key = (nav.guidance, nav.places, nav.selected, nav.centre is not None)
        if key != self._overlay_key or self._overlay is None:
            self._overlay_key = key
            self._overlay = pygame.Surface(area.size, pygame.SRCALPHA)
            self.hits = []
            local = Rect((0, 0), area.size)
            # The cards' strings are reported where the overlay lands on screen.
            self.origin, self._default_card = area.topleft, local
            self._route_card(self._overlay, local)
            self._places(self._overlay, local)
            self._buttons(self._overlay, local, nav.centre is not None)
            self.text(
                self._overlay,
                self.tiles.shapes.attribution,
                Weight.REGULAR,
                18,
                self.theme.text_dim,
                (local.left + self.px(1.5), local.bottom - self.px(0.8)),
                "bottomleft",
                fit=local.width // 2,
            )
            self.origin, self._default_card = (0, 0), Rect(self.rect)
            self._overlay_drawn = self.texts, self.boxes, self.cards
            self.hits = [(rect.move(area.topleft), action) for rect, action in self.hits]
        surface.blit(self._overlay, area.topleft)
        texts, boxes, cards = self._overlay_drawn
        self.texts, self.boxes, self.cards = list(texts), list(boxes), list(cards)

    def _to_screen(
        self, area: Rect, centre: tuple[float, float], mpp: float, xy: tuple[float, float]
    ) -> tuple[float, float]:
        return area.centerx + (xy[0] - centre[0]) / mpp, area.centery - (xy[1] - centre[1]) / mpp

    def _tiles_at(self, surface: pygame.Surface, area: Rect, centre: tuple[float, float], mpp: float) -> None:
        """The map under `area`: one blit from a canvas of whole tiles with a tile to spare on every
        side, rebuilt only when the view leaves it (or the zoom changes)."""
        span = TILE * mpp
        west, east = centre[0] - area.width / 2 * mpp, centre[0] + area.width / 2 * mpp
        south, north = centre[1] - area.height / 2 * mpp, centre[1] + area.height / 2 * mpp
        need = (
            math.floor(west / span),
            math.floor(south / span),
            math.floor(east / span),
            math.floor(north / span),
        )
        have = self._canvas_tiles
        if (
            self._canvas is None
            or self._canvas_mpp != mpp
            or self._canvas_route != self.current.route_version
            or need[0] < have[0]
            or need[1] < have[1]
            or need[2] > have[2]
            or need[3] > have[3]
        ):
            self._build_canvas(need, mpp)
        first_i, _first_j, _, last_j = self._canvas_tiles
        assert self._canvas is not None
        left, top = self._to_screen(area, centre, mpp, (first_i * span, (last_j + 1) * span))
        surface.blit(self._canvas, (round(left), round(top)))

    def _build_canvas(self, need: tuple[int, int, int, int], mpp: float) -> None:
        first_i, first_j, last_i, last_j = need[0] - 1, need[1] - 1, need[2] + 1, need[3] + 1
        canvas = pygame.Surface(((last_i - first_i + 1) * TILE, (last_j - first_j + 1) * TILE))
        for i in range(first_i, last_i + 1):
            for j in range(first_j, last_j + 1):
                canvas.blit(self.tiles.tile(mpp, i, j), ((i - first_i) * TILE, (last_j - j) * TILE))
        span = TILE * mpp
        self._route_line(
            canvas, lambda xy: ((xy[0] - first_i * span) / mpp, ((last_j + 1) * span - xy[1]) / mpp)
        )
        self._canvas, self._canvas_tiles, self._canvas_mpp = canvas, (first_i, first_j, last_i, last_j), mpp
        self._canvas_route = self.current.route_version

    def _route_line(
        self, surface: pygame.Surface, to_pixels: Callable[[tuple[float, float]], tuple[float, float]]
    ) -> None:
        """The whole route, with a casing, and the destination's pin (drawn once onto the canvas)."""
        if len(self._route_xy) < 2:
            return
        points = [to_pixels(xy) for xy in self._route_xy]
        width = max(4, self.px(1.1))
        casing = (255, 255, 255) if self.theme.name.startswith("night") else (12, 64, 160)
        map_tiles.thick_line(surface, casing, points, width + 4)
        map_tiles.thick_line(surface, self.theme.accent, points, width)
        shapes.disc(surface, points[-1], self.px(1.6), self.theme.danger)
        shapes.disc(surface, points[-1], self.px(0.7), (255, 255, 255))

    def _car(self, surface: pygame.Surface, at: tuple[float, float], heading: float) -> None:
        size = self.px(2.2)
        shapes.disc(surface, at, size * 1.25, (255, 255, 255))
        tip = shapes.point_at(at, size, heading)
        left = shapes.point_at(at, size * 0.85, heading + 140)
        right = shapes.point_at(at, size * 0.85, heading - 140)
        notch = shapes.point_at(at, size * 0.35, heading + 180)
        shapes.polygon(surface, [tip, left, notch, right], self.theme.accent)

    def _route_card(self, surface: pygame.Surface, area: Rect) -> None:
        theme, card = self.theme, self.current.guidance
        box = Rect(area.left + self.px(1.5), area.top + self.px(1.5), min(self.px(44), area.width // 2), 0)
        if not card:
            width = box.width - self.px(4)
            hint = self.lines(self.tr("Say “take me home”, or pick a place"), Weight.REGULAR, 18, width, 2)
            line_h = self.skin.type.font(Weight.REGULAR, 18).get_linesize()
            box.height = self.px(5.4) + len(hint) * line_h + self.px(1.5)
            self._card_box(surface, box)
            self.text(surface, self.tr("Where to?"), Weight.BOLD, 24, theme.text,
                      (box.left + self.px(2), box.top + self.px(1.4)), "topleft", card=box)
            for index, words in enumerate(hint):
                self.text(surface, words, Weight.REGULAR, 18, theme.text_dim,
                          (box.left + self.px(2),
                           box.top + self.px(5.4) + index * line_h), "topleft", card=box,
                          fit=width)
            return
        destination, arrive, left_time, left_distance, soc, kind, turn_in, road = card
        turn_h = self.px(9) if kind else 0  # the last stretch has no turn: the card starts at the destination
        box.height = self.px(12.5) + turn_h
        self._card_box(surface, box)
        inner = box.left + self.px(2)
        if kind:
            arrow = Rect(inner, box.top + self.px(1.5), self.px(6), self.px(6))
            manoeuvre_arrow(surface, arrow, kind, theme.text)
            self.text(
                surface,
                turn_in,
                Weight.BOLD,
                26,
                theme.text,
                (arrow.right + self.px(1.5), arrow.top),
                "topleft",
            )
            onto = road or destination
            self.text(surface, onto, Weight.SEMIBOLD, 18, theme.text_dim, (arrow.right + self.px(1.5),
                                                                           arrow.bottom),
                      "bottomleft", card=box, fit=box.right - arrow.right - self.px(3.5), content=True)
        line = box.top + self.px(0.5) + turn_h
        if kind:
            pygame.draw.line(surface, theme.track, (inner, line), (box.right - self.px(2), line))
        self.text(surface, destination, Weight.BOLD, 20, theme.text, (inner, line + self.px(1)),
                  "topleft", card=box,
                  fit=box.width - self.px(4), content=True)
        self.text(
            surface,
            self.tr("Arrive {time}").format(time=arrive),
            Weight.SEMIBOLD,
            18,
            theme.ok,
            (inner, line + self.px(4.6)),
            "topleft",
        )
        summary = f"{left_time} · {left_distance} · " + self.tr("{percent} at arrival").format(percent=soc)
        self.text(surface, summary, Weight.REGULAR, 18, theme.text_dim, (inner, line + self.px(7.4)),
                  "topleft",
                  card=box, fit=box.width - self.px(4), content=True)

    def _card_box(self, surface: pygame.Surface, box: Rect) -> None:
        """A raised card with a halo of the background round its edge, so the edge stands out over
        any street, park or route beneath (pygame.draw's corners: the overlay is transparent)."""
        halo = max(2, self.px(0.4))
        pygame.draw.rect(surface, self.theme.background, box.inflate(2 * halo, 2 * halo),
                         border_radius=self.px(1.5) + halo)
        self.card(surface, box, self.theme.card_raised, self.px(1.5), smooth=False)

    def _places(self, surface: pygame.Surface, area: Rect) -> None:
        nav, theme = self.current, self.theme
        if not nav.places:
            return
        row_h = self.px(4.4)
        shown = nav.places[:4]
        box = Rect(
            area.right - self.px(1.5) - self.px(30),
            area.top + self.px(1.5),
            self.px(30),
            row_h * len(shown) + self.px(4.6),
        )
        self._card_box(surface, box)
        self.text(
            surface,
            self.tr("Saved places"),
            Weight.SEMIBOLD,
            18,
            theme.text_dim,
            (box.left + self.px(2), box.top + self.px(0.8)),
            "topleft",
        )
        for index, place in enumerate(shown):
            line = Rect(
                box.left + self.px(1), box.top + self.px(4) + index * row_h, box.width - self.px(2), row_h
            )
            if index == nav.selected:
                self.card(surface, line, theme.card_raised, self.px(1), edge=theme.accent, smooth=False)
            self.text(surface, place.name, Weight.SEMIBOLD, 18, theme.text, (line.left + self.px(1),
                                                                             line.centery),
                      "midleft", card=line, fit=line.width - self.px(2), content=True)
            self.hits.append((line, GoTo(index)))

    def _buttons(self, surface: pygame.Surface, area: Rect, panned: bool) -> None:
        theme, side = self.theme, self.px(5)
        x, y = area.right - self.px(1.5) - side, area.bottom - self.px(1.5) - side
        for label, action in (("−", ZOOM_OUT), ("+", ZOOM_IN)):
            button = Rect(x, y, side, side)
            self._card_box(surface, button)
            self.text(surface, label, Weight.BOLD, 24, theme.text, button.center, card=button)
            self.hits.append((button, action))
            y -= side + self.px(1)
        if panned:
            button = Rect(x, y, side, side)
            self._card_box(surface, button)
            shapes.disc(surface, button.center, self.px(1), theme.accent)
            self.hits.append((button, FOLLOW))
