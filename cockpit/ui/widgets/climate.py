"""The climate bar: temperature setpoints with − and + zones, and toggles for fan, AC and heating.

Seat heating and ventilation are one signal (negative percent ventilates): heating shows in the
warm colour ("2"), ventilation in blue as its own state ("Vent 2").
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.ui.actions import Action, Warmer
from cockpit.ui.fonts import Weight
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import Skin, View, Widget

LABEL = 15  # design px of a card's caption


class Temperature(Widget[str]):
    """A setpoint: click the left third for cooler, the right third for warmer."""

    def __init__(self, rect: Rect, skin: Skin, path: str, label: str) -> None:
        super().__init__(rect, skin)
        self.path, self.label = path, label

    def state(self, view: View) -> str:
        return units.setpoint_text(float(view.cockpit.target(self.path)), self.skin.fahrenheit)

    def paint_static(self, background: pygame.Surface) -> None:
        theme, r = self.theme, self.rect
        self.card(background, r, theme.card, self.px(1.5), static=True)
        radius = self.px(2.6)
        for sign, x in (("−", r.left + self.px(4)), ("+", r.right - self.px(4))):
            shapes.disc(background, (x, r.centery), radius, theme.edge)
            shapes.disc(background, (x, r.centery), radius - theme.edge_px, theme.card_raised)
            self.text(background, sign, Weight.SEMIBOLD, 26, theme.text, (x, r.centery - 1), static=True)
        room = r.width - 2 * (self.px(4) + radius) - self.px(1)
        self.text(background, self.tr(self.label), Weight.SEMIBOLD, LABEL, theme.text_dim,
                  (r.centerx, r.top + self.px(1)), "midtop", static=True, fit=room)

    def paint(self, surface: pygame.Surface) -> None:
        self.text(surface, str(self.current), Weight.BOLD, 30, self.theme.text,
                  (self.rect.centerx, self.rect.centery + self.px(1.2)))

    def click(self, pos: tuple[int, int]) -> Warmer | None:
        third = self.rect.width / 3
        if pos[0] < self.rect.left + third:
            return Warmer(self.path, -1)
        if pos[0] > self.rect.right - third:
            return Warmer(self.path, 1)
        return None


Reading = tuple[str, int, str]  # (value, level 0 off .. 3, the theme colour of "on")


class Toggle(Widget[Reading]):
    """A climate button: a label, a value and a level (0 off .. 3), coloured while on."""

    def __init__(self, rect: Rect, skin: Skin, label: str, action: Action,
                 read: Callable[[View, Callable[[str], str]], Reading]) -> None:
        super().__init__(rect, skin)
        self.label, self.action, self.read = label, action, read

    def state(self, view: View) -> Reading:
        return self.read(view, self.tr)

    def paint_static(self, background: pygame.Surface) -> None:
        self.card(background, self.rect, self.theme.card, self.px(1.5), static=True)
        self.text(background, self.tr(self.label), Weight.SEMIBOLD, LABEL, self.theme.text_dim,
                  (self.rect.centerx, self.rect.top + self.px(1)), "midtop", static=True,
                  fit=self.rect.width - self.px(2))

    def paint(self, surface: pygame.Surface) -> None:
        value, level, role = self.current
        theme, r = self.theme, self.rect
        colour = getattr(theme, role) if level else theme.text_dim
        shown = theme.cool if role == "cool" and level else (theme.text if level else theme.text_dim)
        self.text(surface, value, Weight.BOLD, 22, shown, (r.centerx, r.centery + self.px(0.3)))
        step, width = self.px(2.4), self.px(2)
        left = r.centerx - step * 1.5 + (step - width) / 2
        for index in range(3):
            bar = Rect(round(left + index * step), r.bottom - self.px(1.6), width, max(2, self.px(0.5)))
            shapes.rounded_rect(surface, bar, colour if index < level else theme.track, bar.height // 2)

    def click(self, pos: tuple[int, int]) -> Action:
        return self.action


def fan(view: View, tr: Callable[[str], str]) -> Reading:
    percent = int(view.number(sig.DRIVER_FAN))
    return (f"{percent} %" if percent else tr("Off")), min(3, (percent + 32) // 33), "accent"


def ac(view: View, tr: Callable[[str], str]) -> Reading:
    return (tr("On"), 3, "accent") if view.value(sig.AC) else (tr("Off"), 0, "accent")


def heat_reader(path: str) -> Callable[[View, Callable[[str], str]], Reading]:
    """Seat or steering heating: percent to three levels; negative (seats only) ventilates."""

    def read(view: View, tr: Callable[[str], str]) -> Reading:
        percent = view.number(path)
        level = min(3, round(abs(percent) / 33.4))
        if not level:
            return tr("Off"), 0, "heat"
        if percent < 0:
            return tr("Vent {level}").format(level=level), level, "cool"
        return str(level), level, "heat"

    return read
