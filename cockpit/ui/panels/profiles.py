"""The Profiles tab: a carousel of driver cards, and the profile files that were skipped.

Left / Right (or a click on a side card) move the selection; Enter (or a click on the selected
card) applies that driver through the cockpit (ApplyProfile), exactly like a key fob would.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame
from pygame import Rect

from cockpit.i18n import N_
from cockpit.ui.actions import Action, ApplyDriver, Move, Select
from cockpit.ui.fonts import Weight
from cockpit.ui.panels.base import Panel
from cockpit.ui.theme import Colour, hex_colour
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import View
from cockpit.ui.widgets.status import avatar

UNITS = {"metric": N_("Metric"), "imperial": N_("Imperial")}
SHOWN_PROBLEMS = 3


@dataclass(frozen=True, slots=True)
class Card:
    """One driver as the carousel shows it."""

    id: str
    name: str
    colour: Colour
    adapter: str
    units: str
    fob: str


@dataclass(frozen=True, slots=True)
class Carousel:
    cards: tuple[Card, ...] = ()
    selected: int = 0
    active: str = ""
    problems: tuple[str, ...] = ()


def cards_of(view: View) -> Carousel:
    """Every valid profile as a card, the selection (the active driver until moved) and problems."""
    cockpit = view.cockpit
    if not cockpit.drivers_loaded:
        return Carousel()
    cards = []
    for driver in cockpit.drivers:
        fobs = [fob.removeprefix("fob-") for fob in driver.key_fobs if fob.startswith("fob-")]
        cards.append(Card(driver.id, driver.display_name, hex_colour(driver.avatar_colour),
                          driver.assistant.replace("_", " ").title(), driver.units, ", ".join(fobs)))
    active = cockpit.driver.id if cockpit.driver is not None else ""
    ids = [card.id for card in cards]
    default = ids.index(active) if active in ids else 0
    selected = view.model.cursor.get("profiles", default) % max(1, len(cards))
    return Carousel(tuple(cards), selected, active, cockpit.profile_problems)


class ProfilesPanel(Panel[Carousel]):
    """Three cards at a time: the selected one in the middle, raised, with its neighbours beside it."""

    title = N_("Profiles")

    def state(self, view: View) -> Carousel:
        return cards_of(view)

    def _slots(self) -> list[tuple[int, Rect]]:
        """(offset from the selection, rectangle) of each card on screen."""
        body, gap = self.body, self.px(2)
        width = (body.width - 2 * gap) // 3
        height = min(self.px(30), body.height - self.px(14))
        top = body.top + self.px(1)
        return [(offset, Rect(body.left + (offset + 1) * (width + gap), top, width, height))
                for offset in (-1, 0, 1)]

    def _on_screen(self) -> list[tuple[int, Rect]]:
        count = len(self.current.cards)
        if count >= 3:
            return self._slots()
        return [(offset, rect) for offset, rect in self._slots() if 0 <= offset < count]

    def paint_body(self, surface: pygame.Surface) -> None:
        carousel, theme = self.current, self.theme
        if not carousel.cards:
            self.message(surface, self.tr("Loading driver profiles…"), self.body.top)
            return
        for offset, rect in self._on_screen():
            index = (carousel.selected + offset) % len(carousel.cards)
            card = carousel.cards[index]
            self._card(surface, rect, card, offset == 0, card.id == carousel.active)
        bottom = self._slots()[0][1].bottom + self.px(2)
        bottom = self.message(surface, self.tr("← → choose · Enter applies · keys 1 – 4: key fobs"), bottom)
        if carousel.problems:
            top = bottom + self.px(1.5)
            line_h = self.skin.type.font(Weight.REGULAR, 15).get_linesize()
            self.text(surface, self.tr("Skipped profile files:"), Weight.SEMIBOLD, 16, theme.warning,
                      (self.body.left, top), "topleft", fit=self.body.width)
            top += self.skin.type.font(Weight.SEMIBOLD, 16).get_linesize()
            for line, problem in enumerate(carousel.problems[:SHOWN_PROBLEMS]):
                if top + (line + 1) * line_h > self.body.bottom:
                    break
                self.text(surface, problem, Weight.REGULAR, 15, theme.text_dim, (self.body.left,
                                                                                 top + line * line_h),
                          "topleft", fit=self.body.width, content=True)

    def _card(self, surface: pygame.Surface, rect: Rect, card: Card, selected: bool, active: bool) -> None:
        theme, font = self.theme, self.skin.type.font
        if selected:
            inner = self.card(surface, rect, theme.card_raised, self.px(2), edge=theme.accent)
            shapes.card(surface, inner, theme.card_raised, theme.accent, self.px(1.8), theme.edge_px)
        else:
            rect = rect.inflate(-self.px(2), -self.px(2))
            self.card(surface, rect, theme.card_raised, self.px(2))
        colour = theme.text if selected else theme.text_dim
        radius = self.px(4.5 if selected else 3.5)
        centre = (rect.centerx, rect.top + self.px(1.5) + radius)
        avatar(self, surface, centre, radius, card.name, card.colour, 34 if selected else 26)
        width = rect.width - self.px(3)
        y = round(centre[1] + radius + self.px(1))
        self.text(surface, card.name, Weight.BOLD, 24, colour, (rect.centerx, y), "midtop", card=rect,
                  fit=width,
                  content=True)
        y += font(Weight.BOLD, 24).get_linesize()
        details = [card.adapter, self.tr(UNITS.get(card.units, card.units))]
        if card.fob:
            details.append(self.tr("Key fob {}").format(card.fob))
        line_h = font(Weight.REGULAR, 16).get_linesize()
        active_h = font(Weight.SEMIBOLD, 15).get_linesize() if active else 0
        for detail in details:
            if y + line_h > rect.bottom - self.px(1) - active_h:
                break
            self.text(surface, detail, Weight.REGULAR, 16, theme.text_dim, (rect.centerx, y), "midtop",
                      card=rect,
                      fit=width, content=True)
            y += line_h
        if active:
            self.text(surface, self.tr("Active"), Weight.SEMIBOLD, 15, theme.ok,
                      (rect.centerx, rect.bottom - self.px(1)), "midbottom", card=rect)

    def key(self, move: Move, view: View) -> Action | None:
        carousel = self.current
        if move not in (Move.PREV, Move.NEXT, Move.ACTIVATE) or not carousel.cards:
            return None
        if move is Move.ACTIVATE:
            return ApplyDriver(carousel.cards[carousel.selected].id)
        step = 1 if move is Move.NEXT else -1
        return Select("profiles", (carousel.selected + step) % len(carousel.cards))

    def click(self, pos: tuple[int, int]) -> Action | None:
        carousel = self.current
        for offset, rect in self._on_screen():
            if rect.collidepoint(pos):
                index = (carousel.selected + offset) % len(carousel.cards)
                return ApplyDriver(carousel.cards[index].id) if offset == 0 else Select("profiles", index)
        return None
