"""The speedometer (a needle on a pre-rendered dial) and the power/regen meter.

The dial face, scale and numerals live in the background; a frame restores only the box the
needle left and the box it moves into, plus the digital readout when its number changes.

Dial geometry (fractions of the dial's radius; tests/ui/test_dial_geometry.py checks it at every
size and speed): the needle turns on a hub with a counterweight and its tip reaches into the tick
ring; the numerals sit outside the ring, beyond the tip, so the needle never covers one; the
digital speed sits under the hub, in the part of the dial the needle never sweeps.
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

RIM = 0.95  # the numerals' outer edge (the SPORT rim starts just beyond)
TRACK = 0.02  # the scale's track, inside its outer radius
MAJOR_TICK, MINOR_TICK = 0.12, 0.07  # tick lengths
NEEDLE_REACH = 0.03  # how far the tip reaches into the ticks, short of the track
NEEDLE_TAIL, HUB = 0.17, 0.055
NUMERAL_GAP = 1.0  # grid units between the scale and a numeral's ink
READOUT_DROP = 0.40  # the digital speed's centre, below the hub
# Text sizes as shares of the dial's radius, so a large dial gets large figures.
READOUT_SHARE, NUMERAL_SHARE, UNIT_SHARE, MINIMAL_SHARE = 0.41, 0.082, 0.087, 0.72
STEP = 10  # a tick every 10 km/h (or mph), a numeral on every second one


class Speedometer(Widget[tuple[int, float]]):
    """The speed in km/h or mph, drawn for the skin's cluster layout.

    CLASSIC and SPORT: a round dial with a needle and the speed in figures; SPORT rings the dial
    and its top speeds in the warm accent. MINIMAL: no dial, a large number over a bar with a scale.
    """

    def __init__(self, rect: Rect, skin: Skin, dial: Rect) -> None:
        super().__init__(rect, skin)
        self.centre = (dial.centerx, dial.centery)
        self.radius = r = dial.width / 2 - skin.layout.px(1)
        self.maximum = 160 if skin.miles else 240
        self.minimal = skin.cluster_layout == "MINIMAL"
        design = r / skin.layout.scale  # the radius in design px: text sizes follow it
        cx, cy = self.centre
        self.numeral_size, self.unit_size = NUMERAL_SHARE * design, UNIT_SHARE * design
        if self.minimal:  # the figures, their unit, the bar and its scale, centred as one block
            self.readout_size = MINIMAL_SHARE * design
            font = skin.type.font
            block = (font(Weight.BOLD, self.readout_size).get_ascent()
                     + font(Weight.SEMIBOLD, self.unit_size).get_linesize() + skin.layout.px(9)
                     + font(Weight.SEMIBOLD, self.numeral_size).get_linesize())
            top = rect.top + (rect.height - block) // 2
            self.readout_at = (cx, top + font(Weight.BOLD, self.readout_size).get_height() // 2)
        else:
            self.readout_size = READOUT_SHARE * design
            self.readout_at = (cx, round(cy + r * READOUT_DROP))
        self.readout, self.readout_ink = self._readout_box(skin, self.readout_size)
        widest = max(self._reach(str(value), self.angle(value))
                     for value in range(0, self.maximum + 1, 2 * STEP))
        self.scale_outer = r * RIM - skin.layout.px(NUMERAL_GAP) - 2 * widest
        self.needle_tip = self.scale_outer - r * (TRACK + NEEDLE_REACH)
        self.bar = Rect(0, 0, round(r * 1.5), max(6, skin.layout.px(1.2)))
        self.bar.midtop = (cx, self.readout_ink.bottom + skin.layout.px(6))
        self._needle_box = Rect(self.centre, (0, 0))
        self._drawn: tuple[int, float] | None = None

    def _readout_box(self, skin: Skin, size: float) -> tuple[Rect, Rect]:
        """The line box and the ink box any reading's figures fit in, centred on the readout's place."""
        px = skin.type.px(size)
        image, ink = skin.type.rendered("888", Weight.BOLD, px, (0, 0, 0))
        box = image.get_rect(center=self.readout_at)
        return box, ink.move(box.topleft)

    def _reach(self, label: str, angle: float) -> float:
        """How far a numeral's ink reaches from its centre towards (and away from) the dial's centre."""
        typography = self.skin.type
        px = typography.px(self.numeral_size)
        ink = typography.ink(label, Weight.SEMIBOLD, px)
        sx, sy = shapes.point_at((0.0, 0.0), 1.0, angle)
        return abs(sx) * ink.width / 2 + abs(sy) * ink.height / 2

    def angle(self, shown: float) -> float:
        return -SWEEP + 2 * SWEEP * min(max(shown, 0.0), self.maximum) / self.maximum

    def state(self, view: View) -> tuple[int, float]:
        kmh = view.number(sig.SPEED)
        exact = units.speed_in(kmh, self.skin.miles)
        return round(exact), round(self.angle(exact) * 4) / 4

    # --- the face --------------------------------------------------------------------------
    def paint_static(self, background: pygame.Surface) -> None:
        unit = units.speed_unit(self.skin.miles)
        unit_at = (self.centre[0], self.readout_ink.bottom + self.px(0.8))
        if self.minimal:
            self._minimal_scale(background)
            self.text(background, unit, Weight.SEMIBOLD, self.unit_size, self.theme.text_dim, unit_at,
                      "midtop",
                      static=True)
            return
        sport = self.skin.cluster_layout == "SPORT"
        theme, r, c, outer = self.theme, self.radius, self.centre, self.scale_outer
        shapes.disc(background, c, r, theme.card_raised)
        shapes.disc(background, c, r - max(1, self.px(0.25)), theme.card)
        if sport:  # an accent rim over the sweep, open at the bottom where the gears are
            shapes.arc_band(background, c, r * 0.965, r, -SWEEP, SWEEP, theme.sport)
        shapes.arc_band(background, c, outer - r * TRACK, outer, -SWEEP, SWEEP, theme.track)
        red_zone = self.maximum * 0.75
        if sport:  # the top quarter of the scale, like a rev counter's red zone
            shapes.arc_band(background, c, outer - r * 2.5 * TRACK, outer, self.angle(red_zone), SWEEP,
                            theme.sport)
        for value in range(0, self.maximum + 1, STEP):
            angle = self.angle(value)
            major = value % (2 * STEP) == 0
            colour = theme.text if major else theme.text_dim
            if sport and value >= red_zone:
                colour = theme.sport
            shapes.pointer(background, c, outer - r * (MAJOR_TICK if major else MINOR_TICK), outer, angle,
                           r * (0.018 if major else 0.011), colour)
            if major:
                reach = self._reach(str(value), angle)
                at = shapes.point_at(c, outer + self.px(NUMERAL_GAP) + reach, angle)
                self.text(background, str(value), Weight.SEMIBOLD, self.numeral_size, theme.text_dim, at,
                          static=True)
        self.text(background, unit, Weight.SEMIBOLD, self.unit_size, theme.sport if sport else theme.text_dim,
                  unit_at, "midtop", static=True)

    def _minimal_scale(self, background: pygame.Surface) -> None:
        """The bar's track, a tick every dial step and a numeral every second one, under the bar."""
        theme, bar = self.theme, self.bar
        track = bar.inflate(0, -bar.height // 2)
        shapes.rounded_rect(background, track, theme.track, track.height // 2)
        step = 2 * STEP
        label_every = 2 * step
        for value in range(0, self.maximum + 1, step):
            x = bar.left + round(bar.width * value / self.maximum)
            major = value % label_every == 0
            tick = Rect(0, 0, max(2, self.px(0.25)), self.px(1.2 if major else 0.7))
            tick.midtop = (x, bar.bottom + self.px(0.6))
            background.fill(theme.text_dim if major else theme.track, tick)
            if major:
                self.text(background, str(value), Weight.SEMIBOLD, self.numeral_size, theme.text_dim,
                          (x, tick.bottom + self.px(0.4)), "midtop", static=True)

    # --- the moving parts ------------------------------------------------------------------
    def needle_points(self, angle: float) -> list[tuple[float, float]]:
        """The needle's outline at `angle`: from the counterweight through the hub to the tip."""
        r, c = self.radius, self.centre
        side = angle + 90
        tail = shapes.point_at(c, r * NEEDLE_TAIL, angle + 180)
        tip = shapes.point_at(c, self.needle_tip, angle)
        half_tail, half_hub, half_tip = r * 0.03, r * 0.022, r * 0.007
        return [shapes.point_at(tail, half_tail, side), shapes.point_at(c, half_hub, side),
                shapes.point_at(tip, half_tip, side), shapes.point_at(tip, half_tip, side + 180),
                shapes.point_at(c, half_hub, side + 180), shapes.point_at(tail, half_tail, side + 180)]

    def paint(self, surface: pygame.Surface) -> None:
        shown, angle = self.current
        theme = self.theme
        self.text(surface, str(shown), Weight.BOLD, self.readout_size, theme.text, self.readout_at)
        if self.minimal:
            fill = self.bar.copy()
            fill.width = max(fill.height, round(fill.width * (angle + SWEEP) / (2 * SWEEP)))
            shapes.rounded_rect(surface, fill, theme.accent, fill.height // 2)
        else:
            points = self.needle_points(angle)
            shapes.polygon(surface, points, theme.needle)
            shapes.disc(surface, self.centre, self.radius * HUB, theme.needle)
            shapes.disc(surface, self.centre, self.radius * HUB * 0.45, theme.card)
            self._needle_box = self._box(points)
        self._drawn = (shown, angle)

    def _box(self, points: list[tuple[float, float]]) -> Rect:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        hub = self.radius * HUB
        left, top = min(*xs, self.centre[0] - hub), min(*ys, self.centre[1] - hub)
        right, bottom = max(*xs, self.centre[0] + hub), max(*ys, self.centre[1] + hub)
        return Rect(int(left) - 2, int(top) - 2, int(right - left) + 5, int(bottom - top) + 5)

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
                areas.append(self._box(self.needle_points(angle)))
        if not areas:
            return Rect(self.rect.topleft, (0, 0))
        dirty = areas[0].unionall(areas[1:]).clip(self.rect)
        surface.blit(self.skin.background, dirty, dirty)
        surface.set_clip(dirty)
        self.repaint(surface)
        surface.set_clip(None)
        return dirty


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
                            theme.text if active else theme.text_dim, (x, self.rect.centery - self.px(0.4)))
            if active:
                bar = Rect(0, 0, self.px(3), max(2, self.px(0.5)))
                bar.midtop = (round(x), box.bottom)
                shapes.rounded_rect(surface, bar, theme.accent, bar.height // 2)


class PowerMeter(Widget[tuple[int, float]]):
    """From regeneration (green, left of zero) to full power, with the kW in figures.

    An arc in CLASSIC and SPORT (SPORT fills it in the warm accent); a slim bar in MINIMAL. The
    "Regen" and "Power" labels under the arc's ends are shown only when they fit the driver's
    language at this size (they are secondary: the colours say the same).
    """

    def __init__(self, rect: Rect, skin: Skin) -> None:
        super().__init__(rect, skin)
        px = skin.layout.px
        self.minimal = skin.cluster_layout == "MINIMAL"
        self.pad = px(1)
        self.label_h = skin.type.font(Weight.SEMIBOLD, 14).get_height()
        self.radius = min(rect.width / 2 - self.pad, rect.height - 2 * self.pad - self.label_h)
        self.centre = (rect.centerx, rect.top + self.pad + self.radius)
        # MINIMAL: the figures on top, the bar under them, at the top of the rectangle like the battery.
        value_h = skin.type.font(Weight.BOLD, 26).get_ascent()
        self.bar = Rect(rect.left + px(2), rect.top + px(1) + value_h + px(1.5), rect.width - px(4),
                        max(6, px(1)))

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
            track = bar.inflate(0, -bar.height // 2)
            shapes.rounded_rect(background, track, theme.track, track.height // 2)
            mark = Rect(0, 0, max(2, self.px(0.3)), bar.height + self.px(1))
            mark.center = (self._bar_x(self.angle(0)), bar.centery)
            background.fill(theme.text_dim, mark)
            self.text(background, "kW", Weight.SEMIBOLD, 15, theme.text_dim,
                      (bar.right, bar.top - self.px(1)), "bottomright", static=True)
            return
        shapes.arc_band(background, c, r * 0.86, r * 0.94, -90, 90, theme.track)
        shapes.pointer(background, c, r * 0.78, r * 1.0, self.angle(0), max(2, r * 0.03), theme.text_dim)
        label_y = c[1] + self.pad
        half = self.rect.width // 2 - self.pad - self.px(0.5)
        labels = ((self.tr("Regen"), theme.regen, (self.rect.left + self.pad, label_y), "topleft"),
                  (self.tr("Power"), theme.text_dim, (self.rect.right - self.pad, label_y), "topright"))
        typography = self.skin.type
        if all(typography.width(label[0], Weight.SEMIBOLD, typography.px(14)) <= half for label in labels):
            for label, colour, at, anchor in labels:
                self.text(background, label, Weight.SEMIBOLD, 14, colour, at, anchor, static=True)
        self.text(background, "kW", Weight.SEMIBOLD, 15, theme.text_dim, (c[0], c[1] - r * 0.12),
                  "midbottom", static=True)

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
        self.text(surface, str(kw), Weight.BOLD, 38, theme.text, (c[0], c[1] - r * 0.34), "midbottom")
