"""Cluster widgets besides the gauges: battery and range, turn signals, telltales."""

from __future__ import annotations

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.i18n import N_
from cockpit.ui.fonts import Weight
from cockpit.ui.widgets import icons, shapes
from cockpit.ui.widgets.arrows import manoeuvre_arrow
from cockpit.ui.widgets.base import Skin, View, Widget

BLINK_SECONDS = 0.4  # on and off time of a turn signal
LOW_BATTERY = 15.0  # percent


class Battery(Widget[tuple[int, str, bool]]):
    """State of charge as a number and a bar, with the remaining range."""

    def state(self, view: View) -> tuple[int, str, bool]:
        shown_range = units.distance_text(view.number(sig.RANGE), self.skin.miles)
        return round(view.number(sig.SOC_DISPLAYED)), shown_range, bool(view.value(sig.IS_CHARGING))

    def _bar(self) -> Rect:
        return Rect(self.rect.left + self.px(2), self.rect.top + self.px(8.5), self.rect.width - self.px(4),
                    self.px(2))

    def paint_static(self, background: pygame.Surface) -> None:
        theme = self.theme
        self.text(background, self.tr("Battery"), Weight.SEMIBOLD, 15, theme.text_dim,
                  (self.rect.left + self.px(2), self.rect.top + self.px(1)), "topleft", static=True)
        self.text(background, self.tr("Range"), Weight.SEMIBOLD, 15, theme.text_dim,
                  (self.rect.left + self.px(2), self._bar().bottom + self.px(2)), "topleft", static=True)
        bar = self._bar()
        shapes.rounded_rect(background, bar, theme.card_raised, bar.height // 2)

    def paint(self, surface: pygame.Surface) -> None:
        soc, shown, charging = self.current
        theme, left = self.theme, self.rect.left + self.px(2)
        colour = theme.danger if soc < LOW_BATTERY else theme.ok
        self.text(surface, f"{soc} %", Weight.BOLD, 36, theme.text, (left, self.rect.top + self.px(3.3)),
                  "topleft")
        if charging:
            self.text(surface, self.tr("Charging"), Weight.SEMIBOLD, 15, theme.ok,
                      (self.rect.right - self.px(2), self.rect.top + self.px(1)), "topright")
        bar = self._bar()
        fill = bar.copy()
        fill.width = max(bar.height, round(bar.width * min(max(soc, 0), 100) / 100))
        shapes.rounded_rect(surface, fill, colour, bar.height // 2)
        self.text(surface, shown, Weight.BOLD, 30, theme.text, (left, bar.bottom + self.px(4.5)), "topleft")


class TurnSignal(Widget[bool]):
    """One direction indicator: a dim arrow, bright green while blinking on."""

    def __init__(self, rect: Rect, skin: Skin, path: str, pointing_left: bool) -> None:
        super().__init__(rect, skin)
        self.path = path
        self.pointing_left = pointing_left
        side = min(rect.width, rect.height) - skin.layout.px(1)
        self.arrow = Rect(0, 0, side, round(side * 0.8))
        self.arrow.center = rect.center

    def state(self, view: View) -> bool:
        if not view.value(self.path):
            return False
        return int(view.cockpit.now / BLINK_SECONDS) % 2 == 0

    def paint_static(self, background: pygame.Surface) -> None:
        shapes.chevron(background, self.arrow, self.theme.line, self.pointing_left)

    def paint(self, surface: pygame.Surface) -> None:
        if self.current:
            shapes.chevron(surface, self.arrow, self.theme.ok, self.pointing_left)
            self.texts.append("◀" if self.pointing_left else "▶")


class Telltales(Widget[tuple[tuple[str, str], ...]]):
    """Warning lamps as pills: speed cap, a seat move waiting for Park, low battery, speeding."""

    def state(self, view: View) -> tuple[tuple[str, str], ...]:
        cockpit, lamps = view.cockpit, []
        restrictions = cockpit.restrictions
        if restrictions.speed_cap_kmh is not None:
            cap = units.speed(restrictions.speed_cap_kmh, self.skin.miles)
            lamps.append(("cap", str(cap)))
        if cockpit.pending_moves():
            lamps.append(("seat", N_("Seat moves when parked")))
        if view.number(sig.SOC_DISPLAYED) < LOW_BATTERY:
            lamps.append(("battery", N_("Low battery")))
        if view.value(sig.SPEED_WARNING):  # published by the vehicle, which also sounds the chime
            lamps.append(("speeding", N_("Speed warning")))
        return tuple(lamps)

    def paint(self, surface: pygame.Surface) -> None:
        theme, x = self.theme, self.rect.left
        y, height = self.rect.centery, self.rect.height - self.px(1)
        for kind, label in self.current:
            if kind == "cap":
                radius = height / 2
                shapes.disc(surface, (x + radius, y), radius, theme.danger)
                shapes.disc(surface, (x + radius, y), radius * 0.78, (255, 255, 255))
                self.text(surface, label, Weight.BOLD, 17, (16, 22, 30), (x + radius, y))
                x += round(2 * radius) + self.px(1.5)
                continue
            colour = theme.warning if kind == "seat" else theme.danger
            text = self.tr(label)
            width = self.skin.type.font(Weight.SEMIBOLD, 15).size(text)[0] + self.px(4)
            if x + width > self.rect.right:
                break
            pill = Rect(x, y - height // 2, width, height)
            shapes.rounded_rect(surface, pill, theme.card_raised, height // 2)
            shapes.disc(surface, (pill.left + self.px(1.5), y), self.px(0.6), colour)
            self.text(surface, text, Weight.SEMIBOLD, 15, colour, (pill.left + self.px(2.7), y), "midleft")
            x = pill.right + self.px(1.5)


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
        both = f"{title} · {by}"
        fits = self.skin.type.font(Weight.SEMIBOLD, 18).size(both)[0] <= room
        shown = both if fits else self.fit(title, Weight.SEMIBOLD, 18, room)
        self.text(surface, shown, Weight.SEMIBOLD, 18, theme.text if playing else theme.text_dim,
                  (left, self.rect.centery), "midleft")


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
        shapes.rounded_rect(surface, pill, theme.card_raised, pill.height // 2)
        side = pill.height - self.px(1.2)
        manoeuvre_arrow(surface, Rect(pill.left + self.px(1.5), pill.centery - side // 2, side, side), kind,
                        theme.accent)
        left = pill.left + self.px(1.5) + side + self.px(1)
        box = self.text(surface, distance, Weight.BOLD, 22, theme.text, (left, pill.centery), "midleft")
        room = pill.right - self.px(1.5) - box.right - self.px(1)
        if road and room > self.px(4):
            self.text(surface, self.fit(road, Weight.SEMIBOLD, 18, room), Weight.SEMIBOLD, 18, theme.text_dim,
                      (box.right + self.px(1), pill.centery), "midleft")
