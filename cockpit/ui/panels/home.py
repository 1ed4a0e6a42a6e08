"""The Home tab: one tile per device of the connected home, with its live state.

Arrow keys move the selection, Enter (or a click on a tile) sends the device's main action through
the cockpit. The devices (names, kinds, rooms), their states, the broker and the commands queued
for it all come from the read model; a device that changed redraws only its own tile image.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial

import pygame
from pygame import Rect

from cockpit.i18n import N_
from cockpit.ui.actions import Action, Move, PressTile, Select
from cockpit.ui.fonts import Weight
from cockpit.ui.home_view import WORDS, Tile, tile_of
from cockpit.ui.panels.base import Panel
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import Skin, View
from cockpit.view import Broker

COLUMNS = 3
MOVES = {Move.PREV: -1, Move.NEXT: 1, Move.UP: -COLUMNS, Move.DOWN: COLUMNS}


NAME, WORD, SMALL = 16, 19, 14  # design px of a tile's name, state word and small lines


@dataclass(frozen=True, slots=True)
class HomeState:
    connected: bool = False
    online: bool = False
    tiles: tuple[Tile, ...] = ()
    queued: frozenset[str] = frozenset()
    selected: int = 0


class HomePanel(Panel[HomeState]):
    """A grid of device tiles, COLUMNS wide; the status line says when the broker is away."""

    title = N_("Home")

    def __init__(self, rect: Rect, skin: Skin) -> None:
        super().__init__(rect, skin)
        self._version = -1
        self._tiles: tuple[Tile, ...] = ()
        font = skin.type.font
        self.rows_h = [font(Weight.SEMIBOLD, NAME).get_linesize(), font(Weight.REGULAR, SMALL).get_linesize(),
                       font(Weight.BOLD, WORD).get_linesize(), font(Weight.REGULAR, SMALL).get_linesize()]
        self.status_h = font(Weight.REGULAR, 16).get_linesize()

    def state(self, view: View) -> HomeState:
        cockpit = view.cockpit
        if cockpit.broker is Broker.DISABLED:
            return HomeState()
        if cockpit.devices_version != self._version:
            self._version = cockpit.devices_version
            states = cockpit.device_states
            self._tiles = tuple(tile_of(device, states.get(device.id, {}), self.skin.fahrenheit)
                                for device in cockpit.devices)
        selected = view.model.cursor.get("home", 0) % max(1, len(self._tiles))
        return HomeState(True, cockpit.broker is Broker.ONLINE, self._tiles, frozenset(cockpit.queued),
                         selected)

    def _tile_height(self) -> int:
        """What a tile needs: padding, the four lines of text and the bar."""
        return 2 * self.px(1.5) + sum(self.rows_h) + self.px(2)

    def _boxes(self) -> list[Rect]:
        count = len(self.current.tiles)
        rows = max(1, math.ceil(count / COLUMNS))
        gap, top = self.px(1.5), self.body.top + self.status_h + self.px(1.5)
        width = (self.body.width - (COLUMNS - 1) * gap) // COLUMNS
        height = min(max(self._tile_height(), self.px(15)),
                     (self.body.bottom - top - (rows - 1) * gap) // rows)
        return [Rect(self.body.left + (i % COLUMNS) * (width + gap), top + (i // COLUMNS) * (height + gap),
                     width, height) for i in range(count)]

    def paint_body(self, surface: pygame.Surface) -> None:
        home, theme = self.current, self.theme
        if not home.connected:
            self.message(surface, self.tr("No home connected to this car."), self.body.top)
            return
        if not home.online:
            status = self.tr("Home offline: commands wait and are sent on reconnect")
            colour = theme.warning
        elif home.queued:
            status, colour = self.tr("Sending queued commands…"), theme.warning
        else:
            status, colour = self.tr("Tap a tile or press Enter: arrows select"), theme.text_dim
        self.text(surface, status, Weight.REGULAR, 16, colour, (self.body.left, self.body.top), "topleft",
                  fit=self.body.width)
        for index, (tile, box) in enumerate(zip(home.tiles, self._boxes(), strict=True)):
            selected, queued = index == home.selected, tile.id in home.queued
            drawn = self.sprite((tile, box.size, selected, queued), box.size, self.theme.card,
                                partial(self._tile, tile, selected, queued))
            self.stamp(surface, drawn, box.topleft)

    def _tile(self, tile: Tile, selected: bool, queued: bool, surface: pygame.Surface) -> None:
        """One tile, on a surface of its own size (kept as a sprite: a device changing redraws only
        its own tile)."""
        theme, pad, box = self.theme, self.px(1.5), surface.get_rect()
        edge = theme.accent if selected else None
        self.card(surface, box, theme.card_raised, self.px(1.5), edge=edge)
        if selected:  # a focus ring twice the hairline, so the selection reads at a glance
            inner = box.inflate(-2 * theme.edge_px, -2 * theme.edge_px)
            shapes.card(surface, inner, theme.card_raised, theme.accent, self.px(1.4), theme.edge_px)
        width = box.width - 2 * pad
        left, y = box.left + pad, box.top + pad
        name_room = width
        if queued:
            badge = self.text(surface, self.tr("Queued"), Weight.SEMIBOLD, SMALL, theme.warning,
                              (box.right - pad, y), "topright", card=box)
            name_room = width - badge.width - self.px(1)
        self.text(surface, tile.name, Weight.SEMIBOLD, NAME, theme.text, (left, y), "topleft", card=box,
                  fit=name_room, content=True)
        y += self.rows_h[0]
        bottom = box.bottom - pad - (self.px(1.5) if tile.progress is not None else 0)
        # A small tile keeps the name and the state; the room and the detail go when there is no room.
        spare = bottom - y - self.rows_h[2]
        show_room, show_detail = spare >= self.rows_h[1] + self.rows_h[3], spare >= self.rows_h[1]
        if show_room:
            self.text(surface, self.tr(tile.room), Weight.REGULAR, SMALL, theme.text_dim, (left, y),
                      "topleft",
                      card=box, fit=width, content=True)
            y += self.rows_h[1]
        word = self.tr(WORDS.get(tile.word, tile.word))
        colour = theme.ok if tile.on else (theme.text if tile.known else theme.text_dim)
        shown = self.text(surface, word, Weight.BOLD, WORD, colour, (left, y), "topleft", card=box,
                          fit=width - self.px(3))
        if tile.swatch is not None:
            shapes.disc(surface, (shown.right + self.px(1.6), shown.centery), self.px(0.9), tile.swatch)
        y += self.rows_h[2]
        if tile.detail and show_detail:
            self.text(surface, self.tr(tile.detail), Weight.REGULAR, SMALL, theme.text_dim, (left, y),
                      "topleft",
                      card=box, fit=width, content=True)
        if tile.progress is not None:
            height = max(4, self.px(0.6))
            bar = Rect(left, box.bottom - pad - height, width, height)
            track = bar.inflate(0, -height // 2)
            shapes.rounded_rect(surface, track, theme.track, track.height // 2)
            fill = bar.copy()
            fill.width = max(bar.height, round(bar.width * min(max(tile.progress, 0.0), 1.0)))
            shapes.rounded_rect(surface, fill, theme.accent, bar.height // 2)

    def key(self, move: Move, view: View) -> Action | None:
        home = self.current
        if not home.tiles:
            return None
        if move is Move.ACTIVATE:
            return PressTile(home.tiles[home.selected].id)
        return Select("home", (home.selected + MOVES[move]) % len(home.tiles))

    def click(self, pos: tuple[int, int]) -> PressTile | None:
        for tile, box in zip(self.current.tiles, self._boxes(), strict=True):
            if box.collidepoint(pos):
                return PressTile(tile.id)
        return None
