"""The centre display's panels: a `Panel` base class and the registry of tabs.

A panel is a widget that fills the centre display while its tab is active (on a wide screen, a
column of it, with companion tabs beside it: see `shown_tabs`). Built-in panels are
named in `BUILTIN` as "module:Class" and imported only when their tab is first shown; a plugin
may replace one with `register_panel`, using the same tab id. A panel with a list (the profile
carousel, the home tiles) claims the arrow keys and Enter through `key()`.
"""

from __future__ import annotations

import importlib
from collections.abc import Hashable
from typing import Any, ClassVar

import pygame
from pygame import Rect

from cockpit.i18n import N_
from cockpit.ui.actions import Action, Move
from cockpit.ui.fonts import Weight
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import S, Skin, View, Widget

# Tab order on screen, and the label of each tab (a message id).
TABS: tuple[tuple[str, str], ...] = (
    ("media", N_("Media")),
    ("home", N_("Home")),
    ("navigation", N_("Navigation")),
    ("car", N_("Car")),
    ("profiles", N_("Profiles")),
)

BUILTIN: dict[str, str] = {
    "media": "cockpit.ui.panels.media:MediaPanel",
    "home": "cockpit.ui.panels.home:HomePanel",
    "navigation": "cockpit.ui.panels.navigation:NavigationPanel",
    "car": "cockpit.ui.panels.car:CarPanel",
    "profiles": "cockpit.ui.panels.profiles:ProfilesPanel",
    # Not tabs: shown over the active tab while the car needs them (UiModel.screen).
    "charging": "cockpit.ui.panels.charging:ChargingPanel",
    "rearview": "cockpit.ui.panels.rearview:RearViewPanel",
}

ROW = 6  # grid units from one row of a panel to the next

# Which tabs sit beside the active one when the centre has room for more than one panel.
COMPANIONS: tuple[str, ...] = ("navigation", "media", "home")

_registered: dict[str, type[Panel[Any]]] = {}


class Panel(Widget[S]):
    """Base of every centre-display panel: a titled card; subclasses paint the body."""

    title: ClassVar[str] = ""

    def __init__(self, rect: Rect, skin: Skin) -> None:
        super().__init__(rect, skin)
        pad = skin.layout.px(3)
        self.body = Rect(rect.left + pad, rect.top + skin.layout.px(8), rect.width - 2 * pad,
                         rect.height - skin.layout.px(8) - pad)

    def paint_static(self, background: pygame.Surface) -> None:
        """Panels share the centre's rectangle, so the static card is drawn by the host."""

    def paint(self, surface: pygame.Surface) -> None:
        self.text(surface, self.tr(self.title), Weight.BOLD, 26, self.theme.text,
                  (self.body.left, self.rect.top + self.px(3)), "topleft", fit=self.body.width)
        self.paint_body(surface)

    def paint_body(self, surface: pygame.Surface) -> None:
        raise NotImplementedError

    def key(self, move: Move, view: View) -> Action | None:
        """A list key: the action it asks for (moving the selection is a Select), None when the key
        is not for this panel."""
        return None

    def message(self, surface: pygame.Surface, text: str, top: int, lines: int = 2) -> int:
        """A dim explanatory text across the body, wrapped to at most `lines` lines; returns its bottom."""
        size = 18
        line_h = self.skin.type.font(Weight.REGULAR, size).get_linesize()
        wrapped = self.lines(text, Weight.REGULAR, size, self.body.width, lines)
        for index, line in enumerate(wrapped):
            self.text(surface, line, Weight.REGULAR, size, self.theme.text_dim,
                      (self.body.left, top + index * line_h), "topleft", fit=self.body.width)
        return top + len(wrapped) * line_h

    def row(self, surface: pygame.Surface, index: int, label: str, value: str, area: Rect | None = None, *,
            content: bool = False) -> pygame.Rect:
        """A label on the left and a value on the right, on line `index` of the body (or of `area`);
        the value keeps the room it needs and the label gets the rest."""
        area = area or self.body
        top = area.top + index * self.px(ROW)
        line = Rect(area.left, top, area.width, self.px(ROW - 1))
        shown = self.text(surface, value, Weight.SEMIBOLD, 18, self.theme.text, line.midright, "midright",
                          fit=line.width // 2, content=content)
        self.text(surface, label, Weight.REGULAR, 18, self.theme.text_dim, line.midleft, "midleft",
                  fit=line.width - shown.width - self.px(2))
        return line

    def bar(self, surface: pygame.Surface, line: Rect, fraction: float, marker: float | None) -> None:
        """A progress bar under `line` (a slim track, a fuller fill), with an optional target marker."""
        height = max(4, self.px(0.6))
        bar = Rect(line.left, line.bottom - height // 2, line.width, height)
        track = bar.inflate(0, -height // 2)
        shapes.rounded_rect(surface, track, self.theme.track, track.height // 2)
        fill = bar.copy()
        fill.width = max(bar.height, round(bar.width * min(max(fraction, 0.0), 1.0)))
        shapes.rounded_rect(surface, fill, self.theme.accent, bar.height // 2)
        if marker is not None:
            x = bar.left + round(bar.width * min(max(marker, 0.0), 1.0))
            tick = Rect(x - 1, bar.top - self.px(0.6), max(2, self.px(0.3)), bar.height + self.px(1.2))
            surface.fill(self.theme.warning, tick)


def register_panel(tab: str, panel: type[Panel[Any]]) -> None:
    """Show `panel` for `tab` (one of TABS), replacing the built-in one."""
    if tab not in dict(TABS):
        raise ValueError(f"unknown tab {tab!r}; tabs: {', '.join(t for t, _ in TABS)}")
    _registered[tab] = panel


def panel_class(tab: str) -> type[Panel[Any]]:
    """The panel class for `tab`: a registered one, else the built-in, imported on first use."""
    if tab in _registered:
        return _registered[tab]
    module_name, _, class_name = BUILTIN[tab].partition(":")
    panel: type[Panel[Any]] = getattr(importlib.import_module(module_name), class_name)
    return panel


def shown_tabs(active: str, columns: int) -> tuple[str, ...]:
    """The tabs a centre display of `columns` panels shows: the active one, then its companions."""
    tabs = [tab for tab, _ in TABS]
    others = [tab for tab in COMPANIONS if tab in tabs and tab != active]
    return (active, *others)[:columns]


class PanelHost(Widget[tuple[tuple[str, Hashable], ...]]):
    """Fills the centre display with the active tab's panel (and, on a wide screen, companions
    beside it: one per layout column), building each panel once per column."""

    def __init__(self, rect: Rect, skin: Skin, columns: list[Rect] | None = None) -> None:
        super().__init__(rect, skin)
        self.columns = columns or [rect]
        self._panels: dict[tuple[str, int], Panel[Any]] = {}
        self.shown: list[Panel[Any]] = []

    @property
    def active(self) -> Panel[Any] | None:
        """The active tab's panel (the first column), once a frame has shown it."""
        return self.shown[0] if self.shown else None

    def panel(self, tab: str, column: int = 0) -> Panel[Any]:
        if (tab, column) not in self._panels:
            self._panels[tab, column] = panel_class(tab)(self.columns[column], self.skin)
        return self._panels[tab, column]

    def state(self, view: View) -> tuple[tuple[str, Hashable], ...]:
        tabs = shown_tabs(view.model.screen, len(self.columns))  # the rear camera, charging, or the tab
        self.shown = [self.panel(tab, column) for column, tab in enumerate(tabs)]
        return tuple((tab, panel.state(view)) for tab, panel in zip(tabs, self.shown, strict=True))

    def paint_static(self, background: pygame.Surface) -> None:
        for column in self.columns:
            self.card(background, column, self.theme.card, self.px(2), static=True)

    def paint(self, surface: pygame.Surface) -> None:
        for panel, (_, state) in zip(self.shown, self.current, strict=True):
            panel.current = state
            panel.repaint(surface)
            self.texts.extend(panel.texts)
            self.boxes.extend(panel.boxes)
            self.cards.extend(panel.cards)

    def click(self, pos: tuple[int, int]) -> Action | None:
        panel = next((panel for panel in self.shown if panel.rect.collidepoint(pos)), None)
        return panel.click(pos) if panel else None

    def scroll(self, pos: tuple[int, int], steps: int) -> Action | None:
        panel = next((panel for panel in self.shown if panel.rect.collidepoint(pos)), None)
        return panel.scroll(pos, steps) if panel else None
