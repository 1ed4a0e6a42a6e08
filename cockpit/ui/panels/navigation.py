"""The Navigation tab: the destination and how far it is, the car's position, the driver's places.

Up / Down pick one of the active driver's saved places, Enter makes it the destination (SetSignal
on the destination signals, source USER, like any other control).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.commands import Source
from cockpit.core.facts import Place
from cockpit.core.geo import distance_m
from cockpit.core.places import go_to
from cockpit.i18n import N_
from cockpit.ui.actions import Action, GoTo, Move, Select
from cockpit.ui.fonts import Weight
from cockpit.ui.panels.base import ROW, Panel
from cockpit.ui.widgets.base import View
from cockpit.view import CockpitView


@dataclass(frozen=True, slots=True)
class NavState:
    destination: str
    target: tuple[float, float] | None
    position: tuple[float, float]
    distance: str
    places: tuple[Place, ...]
    selected: int


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


class NavigationPanel(Panel[NavState]):
    """Destination, coordinates, distance and position as rows; the saved places as a list."""

    title = N_("Navigation")

    def state(self, view: View) -> NavState:
        name = str(view.value(sig.DEST_NAME))
        position = (round(view.number(sig.LATITUDE), 4), round(view.number(sig.LONGITUDE), 4))
        target = (view.number(sig.DEST_LATITUDE), view.number(sig.DEST_LONGITUDE))
        has_target = bool(name) or target != (0.0, 0.0)
        distance = (units.short_distance_text(distance_m(*position, *target), self.skin.miles)
                    if has_target else "")
        places = saved_places(view.cockpit)
        selected = view.model.cursor.get("navigation", 0) % max(1, len(places))
        return NavState(name, target if has_target else None, position, distance, places, selected)

    def paint_body(self, surface: pygame.Surface) -> None:
        nav, theme = self.current, self.theme
        destination = nav.destination or (self.tr("Coordinates") if nav.target else self.tr("None"))
        self.row(surface, 0, self.tr("Destination"), destination, content=bool(nav.destination))
        row = 1
        if nav.target is not None:
            self.row(surface, 1, self.tr("Coordinates"), f"{nav.target[0]:.4f}, {nav.target[1]:.4f}")
            self.row(surface, 2, self.tr("Distance"), nav.distance)
            row = 3
        self.row(surface, row, self.tr("Car position"), f"{nav.position[0]:.4f}, {nav.position[1]:.4f}")
        top = self.body.top + (row + 1) * self.px(ROW) + self.px(1)
        if not nav.places:
            self.message(surface, self.tr("The driver has no saved places."), top)
            return
        top = self.message(surface, self.tr("Saved places: ↑ ↓ choose, Enter sets the destination"), top)
        line_h = self.skin.type.font(Weight.SEMIBOLD, 17).get_linesize() + self.px(2.5)
        for index, place in enumerate(nav.places):
            line = Rect(self.body.left, top + self.px(1) + index * line_h, self.body.width,
                        line_h - self.px(0.6))
            if line.bottom > self.body.bottom:
                break
            if index == nav.selected:
                self.card(surface, line, theme.card_raised, self.px(1), edge=theme.accent)
            where = self.text(surface, f"{place.latitude:.4f}, {place.longitude:.4f}", Weight.REGULAR, 15,
                              theme.text_dim, (line.right - self.px(1.5),
                                               line.centery), "midright", card=line)
            self.text(surface, place.name, Weight.SEMIBOLD, 17, theme.text, (line.left + self.px(1.5),
                                                                             line.centery),
                      "midleft", card=line, fit=where.left - line.left - self.px(3), content=True)

    def key(self, move: Move, view: View) -> Action | None:
        nav = self.current
        if not nav.places or move in (Move.PREV, Move.NEXT):
            return None
        if move is Move.ACTIVATE:
            return GoTo(nav.selected)
        return Select("navigation", (nav.selected + (1 if move is Move.DOWN else -1)) % len(nav.places))
