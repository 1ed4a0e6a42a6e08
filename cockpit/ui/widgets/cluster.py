"""Cluster widgets besides the gauges: battery and range, turn signals, telltales."""

from __future__ import annotations

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.i18n import N_
from cockpit.ui.fonts import Weight
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import Skin, View, Widget

LOW_BATTERY = 15.0  # percent
LABEL, SOC_SIZE, RANGE_SIZE = 15, 36, 30  # design px
SIGN_RED = (200, 16, 30)
ORDER = ("speeding", "cap", "battery", "ready", "seat")  # telltales left to right, by priority


class Battery(Widget[tuple[int, str, bool]]):
    """State of charge as a number and a bar, with the remaining range.

    The rows are stacked by their measured heights (label, figure, bar, label, figure), so no
    row ever runs into the next at any size or font scale.
    """

    def __init__(self, rect: Rect, skin: Skin) -> None:
        super().__init__(rect, skin)
        px, font = skin.layout.px, skin.type.font
        self.left = rect.left + px(2)
        y = rect.top + px(1)
        self.label_y = y
        y += font(Weight.SEMIBOLD, LABEL).get_height()
        self.soc_y = y
        y += font(Weight.BOLD, SOC_SIZE).get_ascent() + px(1)
        self.bar = Rect(self.left, y, rect.width - px(4), max(6, px(1.6)))
        y = self.bar.bottom + px(1.5)
        self.range_label_y = y
        y += font(Weight.SEMIBOLD, LABEL).get_height()
        self.range_y = y

    def state(self, view: View) -> tuple[int, str, bool]:
        shown_range = units.distance_text(view.number(sig.RANGE), self.skin.miles)
        return round(view.number(sig.SOC_DISPLAYED)), shown_range, bool(view.value(sig.IS_CHARGING))

    def paint_static(self, background: pygame.Surface) -> None:
        theme = self.theme
        self.text(background, self.tr("Range"), Weight.SEMIBOLD, LABEL, theme.text_dim,
                  (self.left, self.range_label_y), "topleft", static=True)
        track = self.bar.inflate(0, -self.bar.height // 2)
        shapes.rounded_rect(background, track, theme.track, track.height // 2)

    def paint(self, surface: pygame.Surface) -> None:
        soc, shown, charging = self.current
        theme, left = self.theme, self.left
        colour = theme.danger if soc < LOW_BATTERY else theme.ok
        label, label_colour = (self.tr("Charging"), theme.ok) if charging else (self.tr("Battery"),
                                                                                theme.text_dim)
        self.text(surface, label, Weight.SEMIBOLD, LABEL, label_colour, (left, self.label_y), "topleft")
        self.text(surface, f"{soc} %", Weight.BOLD, SOC_SIZE, theme.text, (left, self.soc_y), "topleft")
        bar = self.bar
        fill = bar.copy()
        fill.width = max(bar.height, round(bar.width * min(max(soc, 0), 100) / 100))
        shapes.rounded_rect(surface, fill, colour, bar.height // 2)
        self.text(surface, shown, Weight.BOLD, RANGE_SIZE, theme.text, (left, self.range_y), "topleft")


class TurnSignal(Widget[bool]):
    """One direction indicator: a dim arrow, bright green while its lamp is lit (from the moment
    the stalk moves, at the car's flash rate: cockpit.core.indicators)."""

    def __init__(self, rect: Rect, skin: Skin, side: str) -> None:
        super().__init__(rect, skin)
        self.side = side
        self.pointing_left = side == "left"
        side_px = min(rect.width, rect.height) - skin.layout.px(1)
        self.arrow = Rect(0, 0, side_px, round(side_px * 0.8))
        self.arrow.center = rect.center

    def state(self, view: View) -> bool:
        return view.cockpit.lamp_lit(self.side)

    def paint_static(self, background: pygame.Surface) -> None:
        shapes.chevron(background, self.arrow, self.theme.track, self.pointing_left)

    def paint(self, surface: pygame.Surface) -> None:
        if self.current:
            shapes.chevron(surface, self.arrow, self.theme.ok, self.pointing_left)
            self.texts.append("◀" if self.pointing_left else "▶")


class Telltales(Widget[tuple[tuple[str, str], ...]]):
    """Lamps as pills: READY when the car can drive, speed cap, a seat move waiting for Park, low
    battery, speeding. A lamp that does not fit the row is left out, the lowest priority last."""

    def state(self, view: View) -> tuple[tuple[str, str], ...]:
        cockpit, lamps = view.cockpit, []
        if view.value(sig.SPEED_WARNING):  # published by the vehicle; the dashboard chimes
            lamps.append(("speeding", N_("Speed warning")))
        restrictions = cockpit.restrictions
        if restrictions.speed_cap_kmh is not None:
            cap = units.speed(restrictions.speed_cap_kmh, self.skin.miles)
            lamps.append(("cap", str(cap)))
        if view.number(sig.SOC_DISPLAYED) < LOW_BATTERY:
            lamps.append(("battery", N_("Low battery")))
        if view.number(sig.SOC) > 0 and not view.value(sig.CABLE_CONNECTED):
            lamps.append(("ready", N_("READY")))
        if cockpit.pending_moves():
            lamps.append(("seat", N_("Seat moves when parked")))
        return tuple(sorted(lamps, key=lambda lamp: ORDER.index(lamp[0])))

    def paint(self, surface: pygame.Surface) -> None:
        theme, x = self.theme, self.rect.left
        y, height = self.rect.centery, self.rect.height - self.px(1)
        for kind, label in self.current:
            if kind == "cap":  # a speed-limit sign: red ring, white face, black figures
                radius = self.rect.height / 2
                if x + 2 * radius > self.rect.right:
                    break
                shapes.disc(surface, (x + radius, y), radius, SIGN_RED)
                shapes.disc(surface, (x + radius, y), radius * 0.86, (255, 255, 255))
                face = Rect(0, 0, round(radius * 1.72), round(radius * 1.72))
                face.center = (round(x + radius), y)
                self.text(surface, label, Weight.BOLD, 16, (0, 0, 0), face.center, card=face,
                          fit=round(radius * 1.6))
                x += round(2 * radius) + self.px(1.5)
                continue
            colour = {"ready": theme.ok, "seat": theme.warning}.get(kind, theme.danger)
            text = self.tr(label)
            width = self.skin.type.width(text, Weight.SEMIBOLD, self.skin.type.px(15)) + self.px(4)
            if x + width > self.rect.right:
                continue
            pill = Rect(x, y - height // 2, width, height)
            self.card(surface, pill, theme.card_raised, height // 2, edge=colour)
            shapes.disc(surface, (pill.left + self.px(1.5), y), self.px(0.6), colour)
            self.text(surface, text, Weight.SEMIBOLD, 15, colour, (pill.left + self.px(2.7), y), "midleft",
                      card=pill)
            x = pill.right + self.px(1.5)

