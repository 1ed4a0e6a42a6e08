"""Cluster widgets besides the gauges: battery and range, turn signals, telltales."""

from __future__ import annotations

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.i18n import N_
from cockpit.ui.actions import Action, WhatChanged
from cockpit.ui.fonts import Weight
from cockpit.ui.widgets import icons, shapes
from cockpit.ui.widgets.arrows import manoeuvre_arrow
from cockpit.ui.widgets.base import Skin, Sprite, View, Widget
from cockpit.ui.widgets.changes import waiting_groups

LOW_BATTERY = 15.0  # percent
LABEL, SOC_SIZE, RANGE_SIZE = 15, 36, 30  # design px
SIGN_RED = (200, 16, 30)
ORDER = ("speeding", "cap", "battery", "seat", "ready")  # telltales left to right, by priority


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
    """Lamps as pills: READY when the car can drive, speed cap, what waits for Park ("After parking:
    seat, units"), low battery, speeding. A lamp that does not fit the row is left out, the lowest
    priority last. A click opens "What changed" (the list behind the "After parking" lamp)."""

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
        waiting = waiting_groups(cockpit.pending_moves())
        if waiting:
            lamps.append(("seat", self._after_parking(waiting)))
        return tuple(sorted(lamps, key=lambda lamp: ORDER.index(lamp[0])))

    def _after_parking(self, waiting: list[str]) -> str:
        """ "After parking: seat, units" when that fits beside the speed cap, else how many."""
        tr = self.tr
        listed = tr("After parking: {what}").format(what=", ".join(tr(group) for group in waiting))
        room = self.rect.width - self.rect.height - self.px(8)  # the cap's disc and the pill's padding
        counted = tr("After parking: {count} changes").format(count=len(waiting))
        for wording in (listed, counted):
            if self.skin.type.width(wording, Weight.SEMIBOLD, self.skin.type.px(15)) <= room:
                return wording
        return tr("After parking: {count}").format(count=len(waiting))

    def paint(self, surface: pygame.Surface) -> None:
        x = self.rect.left
        for kind, label in self.current:
            lamp = self._sign(label) if kind == "cap" else self._pill(kind, label if kind == "seat" else
                                                                      self.tr(label))
            if x + lamp.image.get_width() > self.rect.right:
                continue
            self.stamp(surface, lamp, (x, self.rect.centery - lamp.image.get_height() // 2))
            x += lamp.image.get_width() + self.px(1.5)

    def _sign(self, label: str) -> Sprite:
        """A speed-limit sign: red ring, white face, black figures."""
        side = self.rect.height

        def draw(image: pygame.Surface) -> None:
            radius = side / 2
            shapes.disc(image, (radius, radius), radius, SIGN_RED)
            shapes.disc(image, (radius, radius), radius * 0.86, (255, 255, 255))
            face = Rect(0, 0, round(radius * 1.72), round(radius * 1.72))
            face.center = (round(radius), round(radius))
            self.text(image, label, Weight.BOLD, 16, (0, 0, 0), face.center, card=face,
                      fit=round(radius * 1.6))

        return self.sprite(("cap", label), (side, side), self.theme.card, draw)

    def _pill(self, kind: str, text: str) -> Sprite:
        """A lamp as a pill: a dot and its words in the lamp's colour, edged in it too."""
        theme = self.theme
        colour = {"ready": theme.ok, "seat": theme.warning}.get(kind, theme.danger)
        height = self.rect.height - self.px(1)
        width = self.skin.type.width(text, Weight.SEMIBOLD, self.skin.type.px(15)) + self.px(4)

        def draw(image: pygame.Surface) -> None:
            pill = image.get_rect()
            self.card(image, pill, theme.card_raised, height // 2, edge=colour)
            shapes.disc(image, (self.px(1.5), pill.centery), self.px(0.6), colour)
            self.text(image, text, Weight.SEMIBOLD, 15, colour, (self.px(2.7), pill.centery), "midleft",
                      card=pill)

        return self.sprite((kind, text), (width, height), theme.card, draw)

    def click(self, pos: tuple[int, int]) -> Action | None:
        return WhatChanged() if any(kind == "seat" for kind, _ in self.current) else None


class NowPlayingLine(Widget[tuple[str, str, bool] | None]):
    """The title playing now, small, in the cluster: a note and "Title · Artist" (or the station),
    the title alone when both do not fit."""

    def state(self, view: View) -> tuple[str, str, bool] | None:
        now = view.cockpit.media
        if now is None or now.entry is None or not now.title:
            return None
        return now.title, now.album if now.live else now.artist, now.playing

    def paint(self, surface: pygame.Surface) -> None:
        if self.current is None:
            return
        title, by, playing = self.current
        theme = self.theme
        side = min(self.rect.height, self.px(3.2))
        mark = Rect(self.rect.left + self.px(2), self.rect.centery - side // 2, side, side)
        icons.note(surface, mark, theme.accent if playing else theme.text_dim)
        left = mark.right + self.px(1)
        room = self.rect.right - left
        self.text(surface, (f"{title} · {by}", title), Weight.SEMIBOLD, 18,
                  theme.text if playing else theme.text_dim, (left, self.rect.centery), "midleft", fit=room,
                  content=True)


class NextTurn(Widget[tuple[str, str, str] | None]):
    """The route's next manoeuvre at the top of the cluster: its arrow, how far, onto which road."""

    def state(self, view: View) -> tuple[str, str, str] | None:
        guidance = view.cockpit.guidance
        if view.cockpit.route is None or guidance is None or guidance.next is None:
            return None
        upcoming = guidance.next
        return (upcoming.kind, units.turn_distance_text(guidance.next_in_m, self.skin.miles), upcoming.road)

    def paint(self, surface: pygame.Surface) -> None:
        if self.current is None:
            return
        kind, distance, road = self.current
        theme = self.theme
        pill = self.rect.inflate(0, -self.px(0.6))
        self.card(surface, pill, theme.card_raised, pill.height // 2)
        side = pill.height - self.px(1.2)
        manoeuvre_arrow(surface, Rect(pill.left + self.px(1.5), pill.centery - side // 2, side, side), kind,
                        theme.accent)
        left = pill.left + self.px(1.5) + side + self.px(1)
        box = self.text(surface, distance, Weight.BOLD, 22, theme.text, (left, pill.centery), "midleft",
                        card=pill)
        room = pill.right - self.px(2) - box.right - self.px(1)
        if road and room > self.px(4):
            self.text(surface, road, Weight.SEMIBOLD, 18, theme.text_dim, (box.right + self.px(1),
                                                                           pill.centery),
                      "midleft", card=pill, fit=room, content=True)
