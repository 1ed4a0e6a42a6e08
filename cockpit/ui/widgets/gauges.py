"""The speedometer (a needle on a pre-rendered dial) and the power/regen meter.

The dial face, ticks and numbers live in the background; a frame restores only the box the needle
left and the box it moves into, plus the digital readout when its number changes.
"""

from __future__ import annotations

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.ui.fonts import Weight
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import Skin, View, Widget

SWEEP = 120.0  # the dial runs from -SWEEP to +SWEEP degrees, 0 = straight up
POWER_MIN, POWER_MAX = -100.0, 250.0  # kW shown by the power meter; below zero is regeneration


class Speedometer(Widget[tuple[int, float]]):
    """The speed in km/h or mph, drawn for the skin's cluster layout.

    CLASSIC and SPORT: a round dial with a tapered pointer and the speed in figures; SPORT rings
    the dial and its top speeds in the warm accent. MINIMAL: no dial, a large number over a slim bar.
    """

    def __init__(self, rect: Rect, skin: Skin, dial: Rect) -> None:
        super().__init__(rect, skin)
        self.centre = (dial.centerx, dial.centery)
        self.radius = dial.width / 2 - skin.layout.px(1)
        self.maximum = 160 if skin.distance_unit == "MILES" else 240
        self.minimal = skin.cluster_layout == "MINIMAL"
        size = round(self.radius * 0.9)
        self.readout = Rect(0, 0, size, round(self.radius * 0.62))
        self.readout.center = (round(self.centre[0]), round(self.centre[1] - self.radius * 0.02))
        self.bar = Rect(0, 0, round(self.radius * 1.5), max(4, skin.layout.px(1.2)))
        if self.minimal:
            self.readout.inflate_ip(round(self.radius * 0.5), round(self.radius * 0.1))
            self.readout.centery = round(self.centre[1] - self.radius * 0.22)
            self.bar.midtop = (round(self.centre[0]), self.readout.bottom + skin.layout.px(5.5))
        self._needle_box = Rect(self.centre, (0, 0))
        self._drawn: tuple[int, float] | None = None

    def angle(self, shown: float) -> float:
        return -SWEEP + 2 * SWEEP * min(max(shown, 0.0), self.maximum) / self.maximum

    def state(self, view: View) -> tuple[int, float]:
        kmh = view.number(sig.SPEED)
        exact = units.speed_in(kmh, self.skin.miles)
        return round(exact), round(self.angle(exact) * 4) / 4

    def paint_static(self, background: pygame.Surface) -> None:
        theme, r, c = self.theme, self.radius, self.centre
        unit = units.speed_unit(self.skin.miles)
        if self.minimal:
            shapes.rounded_rect(background, self.bar, theme.card_raised, self.bar.height // 2)
            self.text(background, unit, Weight.SEMIBOLD, 20, theme.text_dim,
                      (c[0], self.readout.bottom + self.px(0.5)), "midtop", static=True)
            return
        sport = self.skin.cluster_layout == "SPORT"
        shapes.disc(background, c, r, theme.card_raised)
        shapes.disc(background, c, r * 0.985, theme.card)
        if sport:  # an accent rim over the sweep, open at the bottom where the gears are
            shapes.arc_band(background, c, r * 0.965, r, -SWEEP, SWEEP, theme.sport)
        shapes.arc_band(background, c, r * 0.90, r * 0.93, -SWEEP, SWEEP, theme.line)
        if sport:  # the top quarter of the scale, like a rev counter's red zone
            shapes.arc_band(background, c, r * 0.90, r * 0.95, self.angle(self.maximum * 0.75), SWEEP,
                            theme.sport)
        step = 10
        for value in range(0, self.maximum + 1, step):
            angle = self.angle(value)
            major = value % (2 * step) == 0
            inner = r * (0.83 if major else 0.86)
            colour = theme.text if major else theme.text_dim
            if sport and value >= self.maximum * 0.75:
                colour = theme.sport
            shapes.pointer(background, c, inner, r * 0.895, angle, r * (0.018 if major else 0.011), colour)
            if major:
                at = shapes.point_at(c, r * 0.74, angle)
                self.text(background, str(value), Weight.SEMIBOLD, 17, theme.text_dim, at, static=True)
        self.text(background, unit, Weight.SEMIBOLD, 18, theme.sport if sport else theme.text_dim,
                  (c[0], self.readout.bottom + self.px(1)), "midtop", static=True)

    def paint(self, surface: pygame.Surface) -> None:
        shown, angle = self.current
        theme, r = self.theme, self.radius
        if self.minimal:
            self.text(surface, str(shown), Weight.BOLD, 150, theme.text, self.readout.center)
            fill = self.bar.copy()
            fill.width = max(fill.height, round(fill.width * (angle + SWEEP) / (2 * SWEEP)))
            shapes.rounded_rect(surface, fill, theme.accent, fill.height // 2)
            self._drawn = (shown, angle)
            return
        self.text(surface, str(shown), Weight.BOLD, 104, theme.text, self.readout.center)
        self._needle_box = shapes.pointer(surface, self.centre, r * 0.50, r * 0.95, angle, r * 0.045,
                                          theme.needle)
        self._drawn = (shown, angle)

    def draw(self, surface: pygame.Surface) -> Rect:
        if self._drawn is None:
            return super().draw(surface)
        shown, angle = self.current
        areas = [self.readout] if shown != self._drawn[0] else []
        if self.minimal:
            if angle != self._drawn[1]:
                areas.append(self.bar)
        else:
            areas.append(self._needle_box)
            if angle != self._drawn[1]:
                areas.append(self._needle_at(angle))
        if not areas:
            return Rect(self.rect.topleft, (0, 0))
        dirty = areas[0].unionall(areas[1:]).clip(self.rect)
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
    """From regeneration (green, left of zero) to full power, with the kW in figures.

    An arc in CLASSIC and SPORT (SPORT fills it in the warm accent); a slim bar in MINIMAL.
    """

    def __init__(self, rect: Rect, skin: Skin) -> None:
        super().__init__(rect, skin)
        self.minimal = skin.cluster_layout == "MINIMAL"
        self.radius = min(rect.width / 2, rect.height * 0.78) - skin.layout.px(1)
        self.centre = (rect.centerx, rect.top + self.radius + skin.layout.px(1.5))
        px = skin.layout.px
        self.bar = Rect(rect.left + px(2), rect.bottom - px(3), rect.width - px(4), max(4, px(1)))

    @staticmethod
    def angle(kw: float) -> float:
        kw = min(max(kw, POWER_MIN), POWER_MAX)
        return -90.0 + 180.0 * (kw - POWER_MIN) / (POWER_MAX - POWER_MIN)

    def state(self, view: View) -> tuple[int, float]:
        kw = view.number(sig.MOTOR_POWER)
        return round(kw), round(self.angle(kw) * 2) / 2

    def _bar_x(self, angle: float) -> int:
        return self.bar.left + round(self.bar.width * (angle + 90) / 180)

    def paint_static(self, background: pygame.Surface) -> None:
        theme, r, c = self.theme, self.radius, self.centre
        if self.minimal:
            bar = self.bar
            shapes.rounded_rect(background, bar, theme.card_raised, bar.height // 2)
            mark = Rect(0, 0, max(2, self.px(0.3)), bar.height + self.px(1))
            mark.center = (self._bar_x(self.angle(0)), bar.centery)
            background.fill(theme.text_dim, mark)
            self.text(background, "kW", Weight.SEMIBOLD, 15, theme.text_dim,
                      (bar.right, bar.top - self.px(1)), "bottomright", static=True)
            return
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
        power = theme.sport if self.skin.cluster_layout == "SPORT" else theme.power
        colour = theme.regen if kw < 0 else power
        if self.minimal:
            bar, start, end = self.bar, self._bar_x(self.angle(0)), self._bar_x(angle)
            fill = Rect(min(start, end), bar.top, max(1, abs(end - start)), bar.height)
            shapes.rounded_rect(surface, fill, colour, bar.height // 2)
            self.text(surface, str(kw), Weight.BOLD, 26, theme.text, (bar.left, bar.top - self.px(1)),
                      "bottomleft")
            return
        shapes.arc_band(surface, c, r * 0.80, r, self.angle(0), angle, colour)
        self.text(surface, str(kw), Weight.BOLD, 38, theme.text, (c[0], c[1] - r * 0.1), "midbottom")
