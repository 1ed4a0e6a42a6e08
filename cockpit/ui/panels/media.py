"""The Media tab: the now-playing card (cover, title, artist, station or album, progress, source
badge, controls) over the stations or library of one source, the driver's favourites first.

Everything comes from the read model (`view.media`, `view.media_library`); every control is an
action (see cockpit.ui.media_view) that a click and a key both name. Keys on this tab: ← → choose
the source, ↑ ↓ an entry, Enter plays it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.core.media import LIBRARY_SOURCE, SOURCES, MediaEntry, NowPlaying
from cockpit.i18n import N_
from cockpit.ui import art
from cockpit.ui.actions import Action, Move, Select
from cockpit.ui.contrast import readable_on
from cockpit.ui.fonts import Weight
from cockpit.ui.media_view import (
    SOURCE_LABELS,
    ListSource,
    Mute,
    Play,
    PlayPause,
    Repeat,
    SeekTo,
    Shuffle,
    Skip,
)
from cockpit.ui.panels.base import Panel
from cockpit.ui.widgets import icons, shapes
from cockpit.ui.widgets.base import Skin, View

COLUMNS = 2
ROWS = 3


@dataclass(frozen=True, slots=True)
class SeekBar:
    """Where the progress bar is: a click on it seeks to the second under the pointer."""

    left: int
    width: int


@dataclass(frozen=True, slots=True)
class MediaState:
    now: NowPlaying | None
    second: int  # whole seconds into the track: the progress bar moves once a second
    volume: int
    muted: bool
    chip: str  # the source whose entries are listed
    entries: tuple[MediaEntry, ...]
    favourites: tuple[str, ...]
    selected: int


def clock(seconds: float) -> str:
    """m:ss"""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def row_subtitle(entry: MediaEntry, tr: Callable[[str], str]) -> str:
    """Right of a row's title: a station's frequency, an album's artist, a playlist's length; nothing
    where it would only repeat the source chip above the list (a DAB or internet station's band)."""
    if entry.kind == "station":
        return "" if entry.subtitle == entry.source else entry.subtitle
    return entry.subtitle or tr("{count} tracks").format(count=entry.tracks)


def badge(now: NowPlaying) -> str:
    """The source badge: "FM 94.0", "DAB", "Internet", "Library"."""
    if now.entry is not None and now.entry.kind == "station" and now.source == "FM":
        return now.entry.subtitle
    return SOURCE_LABELS.get(now.source, now.source.replace("_", " ").title())


class MediaPanel(Panel[MediaState]):
    """The now-playing card and the source's list; `hits` maps each control to its action."""

    title = N_("Media")

    def __init__(self, rect: Rect, skin: Skin) -> None:
        super().__init__(rect, skin)
        self.hits: list[tuple[Rect, Action | SeekBar]] = []
        self._source_seen: str | None = None

    # --- state and keys ----------------------------------------------------------------------------
    def state(self, view: View) -> MediaState:
        cockpit, cursor = view.cockpit, view.model.cursor
        now = cockpit.media
        if now is not None and now.source != self._source_seen:  # a new source: list what plays
            self._source_seen = now.source
            if now.source in SOURCES:
                cursor["media_chip"] = SOURCES.index(now.source)
                cursor.pop("media", None)
        chip = SOURCES[cursor.get("media_chip", 0) % len(SOURCES)]
        library = cockpit.media_library
        entries = library.for_source(chip)
        selected = cursor.get("media", self._playing_index(now, entries)) % max(1, len(entries))
        second = int(now.position_at(cockpit.now)) if now is not None else 0
        return MediaState(
            now,
            second,
            int(view.number(sig.VOLUME)),
            bool(view.value(sig.MUTED)),
            chip,
            entries,
            library.favourites,
            selected,
        )

    @staticmethod
    def _playing_index(now: NowPlaying | None, entries: tuple[MediaEntry, ...]) -> int:
        if now is None or now.entry is None:
            return 0
        return next((i for i, e in enumerate(entries) if e.uri == now.entry.uri), 0)

    def key(self, move: Move, view: View) -> Action | None:
        state = self.current
        if move in (Move.PREV, Move.NEXT):
            step = 1 if move is Move.NEXT else -1
            return ListSource(SOURCES[(SOURCES.index(state.chip) + step) % len(SOURCES)])
        if not state.entries:
            return None
        if move is Move.ACTIVATE:
            return Play(state.entries[state.selected].uri)
        step = 1 if move is Move.DOWN else -1
        return Select("media", (state.selected + step) % len(state.entries))

    def click(self, pos: tuple[int, int]) -> Action | None:
        hit = next((hit for rect, hit in self.hits if rect.collidepoint(pos)), None)
        if isinstance(hit, SeekBar):  # where on the bar: when in the track
            now = self.current.now
            share = min(1.0, max(0.0, (pos[0] - hit.left) / max(1, hit.width)))
            return SeekTo(round(share * (now.duration_s if now is not None else 0.0)))
        return hit

    # --- painting ----------------------------------------------------------------------------------
    def paint_body(self, surface: pygame.Surface) -> None:
        self.hits = []
        state, body = self.current, self.body
        card_h = self.px(25)
        self._now_playing(surface, state, Rect(body.left, body.top, body.width, card_h))
        self._chips(surface, state, body.top + card_h + self.px(2))
        list_top = body.top + card_h + self.px(7.5)
        self._entries(surface, state, Rect(body.left, list_top, body.width, body.bottom - list_top))

    def _now_playing(self, surface: pygame.Surface, state: MediaState, area: Rect) -> None:
        theme, now = self.theme, state.now
        cover = art.cover(now.entry if now is not None else None, area.height, self.skin.type)
        surface.blit(cover, area.topleft)
        left = area.left + area.height + self.px(3)
        width = area.right - left
        if now is None or now.entry is None:
            self.text(
                surface,
                self.tr("Nothing playing"),
                Weight.BOLD,
                30,
                theme.text,
                (left, area.top + self.px(4)),
                "topleft",
            )
            self.text(surface, self.tr("Choose a station or playlist below"), Weight.REGULAR, 18,
                      theme.text_dim,
                      (left, area.top + self.px(9.5)), "topleft", fit=width)
            self._controls(surface, state, left, area.bottom - self.px(4.6), width)
            return
        pill_text = self.tr(badge(now))
        pill_w = self.skin.type.font(Weight.BOLD, 18).size(pill_text)[0] + self.px(4.5)
        pill = Rect(left, area.top, pill_w, self.skin.type.font(Weight.BOLD, 18).get_height() + self.px(1.5))
        self.card(surface, pill, theme.card_raised, pill.height // 2, edge=theme.accent)
        self.text(surface, pill_text, Weight.BOLD, 18, theme.accent, pill.center, card=pill)
        if now.entry.kind != "station" and now.track_count:
            self.text(
                surface,
                self.tr("Track {n} of {count}").format(n=now.track_number, count=now.track_count),
                Weight.REGULAR,
                18,
                theme.text_dim,
                (pill.right + self.px(1.5), pill.centery),
                "midleft",
            )
        self.text(surface, now.title, Weight.BOLD, 30, theme.text, (left, area.top + self.px(4.4)), "topleft",
                  fit=width, content=True)
        self.text(surface, now.artist, Weight.SEMIBOLD, 20, theme.text, (left, area.top + self.px(9)),
                  "topleft",
                  fit=width, content=True)
        where = f"{now.album} · {now.programme}" if now.programme else now.album
        self.text(surface, where, Weight.REGULAR, 18, theme.text_dim, (left, area.top + self.px(12.2)),
                  "topleft",
                  fit=width, content=True)
        self._progress(surface, state, Rect(left, area.top + self.px(15.6), width, self.px(3)))
        self._controls(surface, state, left, area.bottom - self.px(4.6), width)

    def _progress(self, surface: pygame.Surface, state: MediaState, line: Rect) -> None:
        theme, now = self.theme, state.now
        assert now is not None
        if now.live:
            pill = Rect(line.left, line.top, self.px(7), line.height)
            shapes.rounded_rect(surface, pill, theme.danger, pill.height // 2)
            self.text(surface, self.tr("LIVE"), Weight.BOLD, 18, readable_on(theme.danger), pill.center,
                      card=pill,
                      fit=pill.width - self.px(1))
            self.text(
                surface,
                self.tr("On air"),
                Weight.REGULAR,
                18,
                theme.text_dim,
                (pill.right + self.px(1.5), line.centery),
                "midleft",
            )
            return
        times = f"{clock(state.second)} / {clock(now.duration_s)}"
        times_w = self.skin.type.font(Weight.REGULAR, 18).size(times)[0]
        self.text(surface, times, Weight.REGULAR, 18, theme.text_dim, line.midright, "midright")
        track = Rect(line.left, line.centery - self.px(0.35), line.width - times_w - self.px(2),
                     max(4, self.px(0.7)))
        shapes.rounded_rect(surface, track.inflate(0, -track.height // 2), theme.track, track.height // 4)
        done = min(1.0, state.second / now.duration_s) if now.duration_s else 0.0
        fill = Rect(track.left, track.top, max(track.height, round(track.width * done)), track.height)
        shapes.rounded_rect(surface, fill, theme.accent, track.height // 2)
        shapes.disc(surface, (fill.right, track.centery), self.px(0.9), theme.text)
        self.hits.append((track.inflate(0, self.px(2.5)), SeekBar(track.left, track.width)))

    def _controls(self, surface: pygame.Surface, state: MediaState, left: int, top: int, width: int) -> None:
        theme, now = self.theme, state.now
        size, big = self.px(4.2), self.px(5.5)
        playing = now is not None and now.playing
        shuffle_on = now is not None and now.shuffle
        repeat = now.repeat if now is not None else "OFF"
        library = now is not None and now.source == LIBRARY_SOURCE
        x = left
        controls: tuple[tuple[Action, Any, bool], ...] = (
            (Shuffle(), icons.shuffle, shuffle_on),
            (Skip(forward=False), lambda s, r, c: icons.skip(s, r, c, forward=False), False),
            (PlayPause(), None, True),
            (Skip(forward=True), lambda s, r, c: icons.skip(s, r, c, forward=True), False),
            (Repeat(), icons.repeat, repeat != "OFF"),
        )
        for action, draw, active in controls:
            if draw is None:
                button = Rect(x, top + (size - big) // 2, big, big)
                shapes.disc(surface, button.center, big / 2, theme.accent_fill)
                glyph = button.inflate(-self.px(1.6), -self.px(1.6))
                (icons.pause if playing else icons.play)(surface, glyph, theme.on_accent)
                self.hits.append((button, action))
                x = button.right + self.px(2.5)
                continue
            button = Rect(x, top, size, size)
            dim = isinstance(action, (Shuffle, Repeat)) and not library
            colour = theme.accent if active else theme.track if dim else theme.text
            draw(surface, button, colour)
            if isinstance(action, Repeat) and repeat == "ONE":
                self.text(surface, "1", Weight.BOLD, 18, theme.accent, (button.right, button.top), "center")
            self.hits.append((button.inflate(self.px(1), self.px(1)), action))
            x = button.right + self.px(2.5)
        volume = Rect(left + width - self.px(14), top, self.px(3.6), size)
        icons.speaker(
            surface,
            Rect(volume.left, top + (size - volume.width) // 2, volume.width, volume.width),
            theme.text_dim,
            state.muted,
        )
        shown = self.tr("Muted") if state.muted else f"{state.volume} %"
        self.text(
            surface,
            shown,
            Weight.SEMIBOLD,
            18,
            theme.text,
            (volume.right + self.px(1), top + size // 2),
            "midleft",
        )
        self.hits.append((Rect(volume.left, top, self.px(14), size), Mute()))

    def _chips(self, surface: pygame.Surface, state: MediaState, top: int) -> None:
        theme, x = self.theme, self.body.left
        height = self.px(4.4)
        for source in SOURCES:
            label = self.tr(SOURCE_LABELS[source])
            width = self.skin.type.font(Weight.SEMIBOLD, 18).size(label)[0] + self.px(4)
            chip = Rect(x, top, width, height)
            chosen = source == state.chip
            if chosen:
                self.card(surface, chip, theme.accent_fill, height // 2, edge=theme.accent_fill)
            else:
                self.card(surface, chip, theme.card_raised, height // 2)
            self.text(surface, label, Weight.SEMIBOLD, 18, theme.on_accent if chosen else theme.text,
                      chip.center,
                      card=chip)
            self.hits.append((chip, ListSource(source)))
            x = chip.right + self.px(1.5)

    def _entries(self, surface: pygame.Surface, state: MediaState, area: Rect) -> None:
        theme, now = self.theme, state.now
        if not state.entries:
            self.message(surface, self.tr("Nothing to play on this source"), area.top)
            return
        per_page = COLUMNS * ROWS
        first = (state.selected // per_page) * per_page
        gap = self.px(1.5)
        row_h = min(self.px(5.4), (area.height - (ROWS - 1) * self.px(0.6)) // ROWS)
        col_w = (area.width - gap) // COLUMNS
        playing_uri = now.entry.uri if now is not None and now.entry is not None else ""
        for offset, entry in enumerate(state.entries[first : first + per_page]):
            index = first + offset
            column, row = offset % COLUMNS, offset // COLUMNS
            box = Rect(
                area.left + column * (col_w + gap), area.top + row * (row_h + self.px(0.6)), col_w, row_h
            )
            if index == state.selected:
                self.card(surface, box, theme.card_raised, self.px(1), edge=theme.accent)
            thumb = art.cover(entry, box.height - self.px(1), self.skin.type)
            surface.blit(thumb, (box.left + self.px(0.5), box.top + self.px(0.5)))
            text_left = box.left + box.height + self.px(1)
            colour = theme.accent if entry.uri == playing_uri else theme.text
            if entry.uri in state.favourites:
                _star(surface, (text_left + self.px(1), box.centery), self.px(1.1), theme.warning)
                text_left += self.px(3)
            subtitle = row_subtitle(entry, self.tr)
            sub_w = self.skin.type.font(Weight.REGULAR, 18).size(subtitle)[0]
            room = box.right - self.px(1) - text_left
            if subtitle and sub_w < room * 0.45:
                self.text(surface, subtitle, Weight.REGULAR, 18, theme.text_dim, (box.right - self.px(1),
                                                                                  box.centery),
                          "midright", card=box, content=True)
                room -= sub_w + self.px(1.5)
            self.text(surface, entry.title, Weight.SEMIBOLD, 18, colour, (text_left, box.centery), "midleft",
                      card=box, fit=room, content=True)
            self.hits.append((box, Play(entry.uri)))


def _star(
    surface: pygame.Surface, centre: tuple[int, int], radius: int, colour: tuple[int, int, int]
) -> None:
    """A five-pointed star: the driver's favourite."""
    points = [shapes.point_at(centre, radius if i % 2 == 0 else radius * 0.45, i * 36) for i in range(10)]
    shapes.polygon(surface, points, colour)
