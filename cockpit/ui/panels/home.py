"""The Home tab: one tile per device of the connected home, with its live state.

Arrow keys move the selection, Enter (or a click on a tile) sends the device's main action through
the cockpit. The devices (names, kinds, rooms), their states, the broker and the commands queued
for it all come from the read model; a device that changed redraws only its own tile image.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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
IMAGES_KEPT = 64
MOVES = {Move.PREV: -1, Move.NEXT: 1, Move.UP: -COLUMNS, Move.DOWN: COLUMNS}


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
        self._images: dict[tuple[Tile, tuple[int, int], bool, bool], tuple[pygame.Surface, list[str]]] = {}

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

    def _boxes(self) -> list[Rect]:
        count = len(self.current.tiles)
        rows = max(1, math.ceil(count / COLUMNS))
        gap, top = self.px(1.5), self.body.top + self.px(4)
        width = (self.body.width - (COLUMNS - 1) * gap) // COLUMNS
        height = min(self.px(15), (self.body.bottom - top - (rows - 1) * gap) // rows)
        return [Rect(self.body.left + (i % COLUMNS) * (width + gap), top + (i // COLUMNS) * (height + gap),
                     width, height) for i in range(count)]

    def paint_body(self, surface: pygame.Surface) -> None:
        home, theme = self.current, self.theme
        if not home.connected:
            self.message(surface, self.tr("No home connected: the cockpit runs without an MQTT broker "
                                          "(--no-broker)."), self.body.top)
            return
        if not home.online:
            status = self.tr("Broker offline: commands wait and are sent on reconnect")
            colour = theme.warning
        elif home.queued:
            status, colour = self.tr("Sending queued commands…"), theme.warning
        else:
            status, colour = self.tr("Tap a tile or press Enter: arrows select"), theme.text_dim
        self.text(surface, self.fit(status, Weight.REGULAR, 16, self.body.width), Weight.REGULAR, 16, colour,
                  (self.body.left, self.body.top), "topleft")
        for index, (tile, box) in enumerate(zip(home.tiles, self._boxes(), strict=True)):
            image, texts = self._tile_image(tile, box.size, index == home.selected, tile.id in home.queued)
            surface.blit(image, box)
            self.texts.extend(texts)

    def _tile_image(self, tile: Tile, size: tuple[int, int], selected: bool,
                    queued: bool) -> tuple[pygame.Surface, list[str]]:
        """A tile pre-rendered with its texts; a device changing redraws only its own tile."""
        key = (tile, size, selected, queued)
        cached = self._images.get(key)
        if cached is None:
            image = pygame.Surface(size)
            image.fill(self.theme.card)
            shown, self.texts = self.texts, []
            self._tile(image, tile, image.get_rect(), selected, queued)
            cached, self.texts = (image, self.texts), shown
            if len(self._images) >= IMAGES_KEPT:
                self._images.clear()
            self._images[key] = cached
        return cached

    def _tile(self, surface: pygame.Surface, tile: Tile, box: Rect, selected: bool, queued: bool) -> None:
        theme, pad = self.theme, self.px(1.5)
        if selected:
            shapes.rounded_rect(surface, box, theme.accent, self.px(1.5))
        inner = box.inflate(-4, -4) if selected else box
        shapes.rounded_rect(surface, inner, theme.card_raised, self.px(1.4))
        width = box.width - 2 * pad
        self.text(surface, self.fit(tile.name, Weight.SEMIBOLD, 16, width), Weight.SEMIBOLD, 16, theme.text,
                  (box.left + pad, box.top + pad), "topleft")
        self.text(surface, self.fit(self.tr(tile.room), Weight.REGULAR, 13, width), Weight.REGULAR, 13,
                  theme.text_dim, (box.left + pad, box.top + pad + self.px(2.5)), "topleft")
        word = self.tr(WORDS.get(tile.word, tile.word))
        colour = theme.ok if tile.on else (theme.text if tile.known else theme.text_dim)
        y = box.top + pad + self.px(6.5)
        shown = self.text(surface, self.fit(word, Weight.BOLD, 19, width), Weight.BOLD, 19, colour,
                          (box.left + pad, y), "midleft")
        if tile.swatch is not None:
            shapes.disc(surface, (shown.right + self.px(2), y), self.px(0.9), tile.swatch)
        if tile.detail:
            self.text(surface, self.fit(self.tr(tile.detail), Weight.REGULAR, 14, width), Weight.REGULAR, 14,
                      theme.text_dim, (box.left + pad, y + self.px(2.8)), "midleft")
        if queued:
            self.text(surface, self.tr("Queued"), Weight.SEMIBOLD, 13, theme.warning,
                      (box.right - pad, box.top + pad), "topright")
        if tile.progress is not None:
            track = Rect(box.left + pad, box.bottom - pad - self.px(0.6), width, max(3, self.px(0.6)))
            shapes.rounded_rect(surface, track, theme.line, track.height // 2)
            fill = track.copy()
            fill.width = max(track.height, round(track.width * min(max(tile.progress, 0.0), 1.0)))
            shapes.rounded_rect(surface, fill, theme.accent, track.height // 2)

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
