"""The climate bar: temperature setpoints with − and + zones, and toggles for fan, AC and heating."""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.i18n import N_
from cockpit.ui.actions import TEMP_STEP, Action, Warmer
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
            return Warmer(self.path, -TEMP_STEP)
        if pos[0] > self.rect.right - third:
            return Warmer(self.path, TEMP_STEP)
        return None


class Toggle(Widget[tuple[str, int]]):
    """A climate button: a label, a value and a level (0 off .. 3), accented while on."""

    def __init__(self, rect: Rect, skin: Skin, label: str, action: Action,
                 read: Callable[[View], tuple[str, int]]) -> None:
        super().__init__(rect, skin)
        self.label, self.action, self.read = label, action, read

    def state(self, view: View) -> tuple[str, int]:
        return self.read(view)

    def paint_static(self, background: pygame.Surface) -> None:
        self.card(background, self.rect, self.theme.card, self.px(1.5), static=True)
        self.text(background, self.tr(self.label), Weight.SEMIBOLD, LABEL, self.theme.text_dim,
                  (self.rect.centerx, self.rect.top + self.px(1)), "midtop", static=True,
                  fit=self.rect.width - self.px(2))

    def paint(self, surface: pygame.Surface) -> None:
        value, level = self.current
        theme, r = self.theme, self.rect
        colour = theme.accent if level else theme.text_dim
        self.text(surface, self.tr(value), Weight.BOLD, 22, theme.text if level else theme.text_dim,
                  (r.centerx, r.centery + self.px(0.3)))
        step, width = self.px(2.4), self.px(2)
        left = r.centerx - step * 1.5 + (step - width) / 2
        for index in range(3):
            bar = Rect(round(left + index * step), r.bottom - self.px(1.6), width, max(2, self.px(0.5)))
            shapes.rounded_rect(surface, bar, colour if index < level else theme.track, bar.height // 2)

    def click(self, pos: tuple[int, int]) -> Action:
        return self.action


def fan(view: View) -> tuple[str, int]:
    percent = int(view.number(sig.DRIVER_FAN))
    return (f"{percent} %" if percent else N_("Off")), min(3, (percent + 32) // 33)


def ac(view: View) -> tuple[str, int]:
    return (N_("On"), 3) if view.value(sig.AC) else (N_("Off"), 0)


def heat_reader(path: str) -> Callable[[View], tuple[str, int]]:
    """Seat or steering heating: percent to three levels (cooling shows as off)."""

    def read(view: View) -> tuple[str, int]:
        level = max(0, min(3, round(view.number(path) / 33.4)))
        return (str(level) if level else N_("Off")), level

    return read
