"""The "What changed" drawer, and the one place that names what waits until the car is parked.

After a change of driver, everything the switch changed is listed here (never in a toast), in the
driver's language and units, in two groups: what was applied at once (climate, media, ambient
light, assistant) and what waits until the car is parked (seat, mirrors and steering moves, and
how the instruments read: units, language, theme, cluster layout, text size). Once parked those
show as done. I, the welcome line, the cluster's "After parking" lamp or Esc open and close it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.core.facts import Change
from cockpit.core.text import localise
from cockpit.i18n import N_, translator
from cockpit.ui.actions import NOTHING, Action, WhatChanged
from cockpit.ui.fonts import Weight
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import View
from cockpit.ui.widgets.overlays import Overlay

# What waits for Park, in words, by the signals it stands for (the cluster lamp lists these).
WAITING_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    (N_("seat"), frozenset({sig.SEAT_POSITION, sig.SEAT_HEIGHT, sig.SEAT_RECLINE, sig.SEAT_LUMBAR})),
    (N_("mirrors"), frozenset({sig.MIRROR_LEFT_TILT, sig.MIRROR_LEFT_PAN, sig.MIRROR_RIGHT_TILT,
                               sig.MIRROR_RIGHT_PAN})),
    (N_("steering wheel"), frozenset({sig.STEERING_REACH, sig.STEERING_HEIGHT})),
    (N_("units"), frozenset({sig.DISTANCE_UNIT, sig.TEMPERATURE_UNIT})),
    (N_("language"), frozenset({sig.LANGUAGE})),
    (N_("theme"), frozenset({sig.DAY_NIGHT})),
    (N_("cluster layout"), frozenset({sig.CLUSTER_LAYOUT})),
    (N_("text size"), frozenset({sig.FONT_SIZE})),
    (N_("clock"), frozenset({sig.TIME_FORMAT})),
    (N_("contrast"), frozenset({sig.HIGH_CONTRAST})),
)


def waiting_groups(pending: Collection[str]) -> list[str]:
    """The message ids of what waits for Park, e.g. ["seat", "units"], in a fixed order."""
    return [name for name, paths in WAITING_GROUPS if paths & set(pending)]


Row = tuple[str, str]  # (text, "now" | "waiting" | "done"), or a "heading" or a "none" line
DONE = N_("{what} · done")  # an after-parking change once the car parked
MORE = N_("and {count} more")  # the rows that do not fit


class ChangesDrawer(Overlay[tuple[str, tuple[Row, ...], tuple[Row, ...]]]):
    """Over the centre display: the title, then "Applied now" and "After parking" side by side."""

    def state(self, view: View) -> tuple[str, tuple[Row, ...], tuple[Row, ...]] | None:
        cockpit = view.cockpit
        if not view.model.changes_visible:
            return None
        driver, tr = cockpit.driver, self._tr
        pending = set(cockpit.pending_moves())
        now = tuple((localise(change.text, tr), "now")
                    for change in cockpit.changes if not change.after_parking)
        later = tuple((localise(change.text, tr), _status(change, pending))
                      for change in cockpit.changes if change.after_parking)
        name = driver.display_name if driver is not None else ""
        return tr("What changed for {name}").format(name=name), now, later

    def render(self, image: pygame.Surface) -> None:
        assert self.current is not None
        title, now, later = self.current
        theme, box = self.theme, image.get_rect()
        self.card(image, box, theme.card_raised, self.px(2))
        self.covering = [self.rect]
        pad = self.px(3)
        self.text(image, title, Weight.BOLD, 24,
                  theme.text, (pad, self.px(2.5)), "topleft", fit=box.width - self.px(10))
        self._close = Rect(box.right - self.px(6), self.px(1), self.px(5), self.px(5))
        shapes.cross(image, self._close, theme.text_dim)
        tr = self._tr
        entries: list[Row] = [(tr("Applied now"), "heading"), *(now or [(tr("Nothing changed"), "none")]),
                              (tr("After parking"), "heading"),
                              *(later or [(tr("Nothing waits for parking"), "none")])]
        top = self.px(8)
        height = box.height - top - pad
        if len(entries) * self.px(3.3) <= height:  # one column, as wide as the card, when it fits
            columns = [Rect(pad, top, box.width - 2 * pad, height)]
        else:
            column_w = (box.width - 3 * pad) // 2
            columns = [Rect(pad, top, column_w, height), Rect(2 * pad + column_w, top, column_w, height)]
        self._flow(image, columns, entries)

    def update(self, view: View) -> bool:
        """Also picks the driver's language, which the drawer is written in."""
        driver = view.cockpit.driver
        self._tr: Callable[[str], str] = translator(driver.language if driver is not None else "en-GB")
        return super().update(view)

    def _flow(self, image: pygame.Surface, columns: list[Rect], entries: list[Row]) -> None:
        """Headings and rows down the first column, then the second; what does not fit is counted."""
        line = self.px(3.3)
        capacity = [max(1, area.height // line) for area in columns]
        room = sum(capacity)
        shown = entries if len(entries) <= room else entries[:room - 1]
        slots = [(area, row) for area, count in zip(columns, capacity, strict=True) for row in range(count)]
        for (area, row), entry in zip(slots, shown, strict=False):
            self._entry(image, area.left, area.top + row * line, area.width, line, entry)
        if len(shown) < len(entries):
            hidden = sum(1 for _, status in entries[len(shown):] if status != "heading")
            area, row = slots[len(shown)]
            self._entry(image, area.left, area.top + row * line, area.width, line,
                        (self._tr(MORE).format(count=hidden), "none"))

    def _entry(self, image: pygame.Surface, left: int, top: int, width: int, line: int, entry: Row) -> None:
        theme, (text, status) = self.theme, entry
        if status == "heading":
            self.text(image, text, Weight.SEMIBOLD, 15,
                      theme.text_dim, (left, top + line // 2), "midleft", fit=width)
            return
        if status == "none":
            self.text(image, text, Weight.REGULAR, 16,
                      theme.text_dim, (left, top + line // 2), "midleft", fit=width)
            return
        marks = {"now": theme.ok, "waiting": theme.warning, "done": theme.ok}
        dot = (left + self.px(0.8), top + line // 2)
        pygame.draw.circle(image, marks[status], dot, max(2, self.px(0.55)))
        label = self._tr(DONE).format(what=text) if status == "done" else text
        colour = theme.text_dim if status == "done" else theme.text
        self.text(image, label, Weight.REGULAR, 16, colour, (left + self.px(2.5), top + line // 2), "midleft",
                  fit=width - self.px(2.5))

    def click(self, pos: tuple[int, int]) -> Action | None:
        if self._close.move(self.rect.topleft).collidepoint(pos):
            return WhatChanged()
        return NOTHING  # inside the drawer: taken, nothing to do


def _status(change: Change, pending: set[str]) -> str:
    return "waiting" if pending & set(change.paths) else "done"
