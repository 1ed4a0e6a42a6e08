"""The speedometer (a needle on a pre-rendered dial) and the power/regen meter.

The dial face, ticks and numbers live in the background; a frame restores only the box the needle
left and the box it moves into, plus the digital readout when its number changes.
"""

from __future__ import annotations

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.ui import units
from cockpit.ui.fonts import Weight
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import Skin, View, Widget

SWEEP = 120.0  # the dial runs from -SWEEP to +SWEEP degrees, 0 = straight up
POWER_MIN, POWER_MAX = -100.0, 250.0  # kW shown by the power meter; below zero is regeneration


class Speedometer(Widget[tuple[int, float]]):
    """A round dial in km/h or mph with a tapered pointer and the speed in figures."""

    def __init__(self, rect: Rect, skin: Skin, dial: Rect) -> None:
        super().__init__(rect, skin)
        self.centre = (dial.centerx, dial.centery)
        self.radius = dial.width / 2 - skin.layout.px(1)
        self.maximum = 160 if skin.distance_unit == "MILES" else 240
        size = round(self.radius * 0.9)
        self.readout = Rect(0, 0, size, round(self.radius * 0.62))
        self.readout.center = (round(self.centre[0]), round(self.centre[1] - self.radius * 0.02))
        self._needle_box = Rect(self.centre, (0, 0))
        self._drawn: tuple[int, float] | None = None

    def angle(self, shown: float) -> float:
        return -SWEEP + 2 * SWEEP * min(max(shown, 0.0), self.maximum) / self.maximum

    def state(self, view: View) -> tuple[int, float]:
        kmh = view.number(sig.SPEED)
        shown = units.speed(kmh, self.skin.distance_unit)
        exact = abs(kmh) / units.KM_PER_MILE if self.skin.distance_unit == "MILES" else abs(kmh)
        return shown, round(self.angle(exact) * 4) / 4

    def paint_static(self, background: pygame.Surface) -> None:
        theme, r, c = self.theme, self.radius, self.centre
        shapes.disc(background, c, r, theme.card_raised)
        shapes.disc(background, c, r * 0.985, theme.card)
        shapes.arc_band(background, c, r * 0.90, r * 0.93, -SWEEP, SWEEP, theme.line)
        step = 10
        for value in range(0, self.maximum + 1, step):
            angle = self.angle(value)
            major = value % (2 * step) == 0
            inner = r * (0.83 if major else 0.86)
            shapes.pointer(background, c, inner, r * 0.895, angle, r * (0.018 if major else 0.011),
                           theme.text if major else theme.text_dim)
            if major:
                at = shapes.point_at(c, r * 0.74, angle)
                self.text(background, str(value), Weight.SEMIBOLD, 17, theme.text_dim, at, static=True)
        unit = units.speed_unit(self.skin.distance_unit)
        self.text(background, unit, Weight.SEMIBOLD, 18, theme.text_dim,
                  (c[0], self.readout.bottom + self.px(1)), "midtop", static=True)

    def paint(self, surface: pygame.Surface) -> None:
        shown, angle = self.current
        theme, r = self.theme, self.radius
        self.text(surface, str(shown), Weight.BOLD, 104, theme.text, self.readout.center)
        self._needle_box = shapes.pointer(surface, self.centre, r * 0.50, r * 0.95, angle, r * 0.045,
                                          theme.needle)
        self._drawn = (shown, angle)

    def draw(self, surface: pygame.Surface) -> Rect:
        if self._drawn is None:
            return super().draw(surface)
        shown, angle = self.current
        dirty = self._needle_box.copy()
        if angle != self._drawn[1]:
            dirty.union_ip(self._needle_at(angle))
        if shown != self._drawn[0]:
            dirty.union_ip(self.readout)
        dirty = dirty.clip(self.rect)
        surface.blit(self.skin.background, dirty, dirty)
        surface.set_clip(dirty)
        self.repaint(surface)
        surface.set_clip(None)
        return dirty

    def _needle_at(self, angle: float) -> Rect:
        r = self.radius
        base = shapes.point_at(self.centre, r * 0.50, angle)
        tip = shapes.point_at(self.centre, r * 0.95, angle)
        pad = round(r * 0.03) + 3
        box = Rect(round(min(base[0], tip[0])), round(min(base[1], tip[1])),
                   round(abs(tip[0] - base[0])) + 1, round(abs(tip[1] - base[1])) + 1)
        return box.inflate(2 * pad, 2 * pad)


class GearSelector(Widget[str]):
    """P R N D under the dial; the selected gear is bright and underlined."""

    def state(self, view: View) -> str:
        return sig.GEAR_LETTERS.get(int(view.number(sig.SELECTED_GEAR)), "?")

    def paint(self, surface: pygame.Surface) -> None:
        theme, selected = self.theme, self.current
        step = self.px(6)
        left = self.rect.centerx - 1.5 * step
        for index, letter in enumerate("PRND"):
            x = left + index * step
            active = letter == selected
            box = self.text(surface, letter, Weight.BOLD if active else Weight.SEMIBOLD, 30 if active else 24,
                            theme.text if active else theme.text_dim, (x, self.rect.centery))
            if active:
                bar = Rect(0, 0, self.px(3), max(2, self.px(0.5)))
                bar.midtop = (round(x), box.bottom + self.px(0.5))
                shapes.rounded_rect(surface, bar, theme.accent, bar.height // 2)


class PowerMeter(Widget[tuple[int, float]]):
    """An arc from regeneration (green, left of zero) to full power, with the kW in figures."""

    def __init__(self, rect: Rect, skin: Skin) -> None:
        super().__init__(rect, skin)
        self.radius = min(rect.width / 2, rect.height * 0.78) - skin.layout.px(1)
        self.centre = (rect.centerx, rect.top + self.radius + skin.layout.px(1.5))

    @staticmethod
    def angle(kw: float) -> float:
        kw = min(max(kw, POWER_MIN), POWER_MAX)
        return -90.0 + 180.0 * (kw - POWER_MIN) / (POWER_MAX - POWER_MIN)

    def state(self, view: View) -> tuple[int, float]:
        kw = view.number(sig.MOTOR_POWER)
        return round(kw), round(self.angle(kw) * 2) / 2

    def paint_static(self, background: pygame.Surface) -> None:
        theme, r, c = self.theme, self.radius, self.centre
        shapes.arc_band(background, c, r * 0.80, r, -90, 90, theme.card_raised)
        zero = self.angle(0)
        shapes.pointer(background, c, r * 0.74, r * 1.02, zero, max(2, r * 0.03), theme.text_dim)
        label_y = c[1] + self.px(1.5)
        self.text(background, self.tr("Regen"), Weight.SEMIBOLD, 14, theme.regen,
                  (c[0] - r * 0.9, label_y), "midtop", static=True)
        self.text(background, self.tr("Power"), Weight.SEMIBOLD, 14, theme.text_dim,
                  (c[0] + r * 0.9, label_y), "midtop", static=True)
        self.text(background, "kW", Weight.SEMIBOLD, 15, theme.text_dim, (c[0], c[1] - r * 0.08),
                  "midtop", static=True)

    def paint(self, surface: pygame.Surface) -> None:
        kw, angle = self.current
        theme, r, c = self.theme, self.radius, self.centre
        colour = theme.regen if kw < 0 else theme.power
        shapes.arc_band(surface, c, r * 0.80, r, self.angle(0), angle, colour)
        self.text(surface, str(kw), Weight.BOLD, 38, theme.text, (c[0], c[1] - r * 0.1), "midbottom")
