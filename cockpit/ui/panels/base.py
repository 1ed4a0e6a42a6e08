"""The centre display's panels: a `Panel` base class and the registry of tabs.

A panel is a widget that fills the centre display while its tab is active. Built-in panels are
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
                  (self.body.left, self.rect.top + self.px(3)), "topleft")
        self.paint_body(surface)

    def paint_body(self, surface: pygame.Surface) -> None:
        raise NotImplementedError

    def key(self, move: Move, view: View) -> Action | None:
        """A list key: the action it asks for (moving the selection is a Select), None when the key
        is not for this panel."""
        return None

    def message(self, surface: pygame.Surface, text: str, top: int) -> None:
        """A dim explanatory line across the body."""
        self.text(surface, self.fit(text, Weight.REGULAR, 18, self.body.width), Weight.REGULAR, 18,
                  self.theme.text_dim, (self.body.left, top), "topleft")

    def row(self, surface: pygame.Surface, index: int, label: str, value: str,
            area: Rect | None = None) -> pygame.Rect:
        """A label on the left and a value on the right, on line `index` of the body (or of `area`)."""
        area = area or self.body
        top = area.top + index * self.px(6)
        line = Rect(area.left, top, area.width, self.px(5))
        self.text(surface, label, Weight.REGULAR, 18, self.theme.text_dim, line.midleft, "midleft")
        self.text(surface, value, Weight.SEMIBOLD, 18, self.theme.text, line.midright, "midright")
        return line

    def bar(self, surface: pygame.Surface, line: Rect, fraction: float, marker: float | None) -> None:
        """A thin progress bar under `line`, with an optional target marker."""
        track = Rect(line.left, line.bottom - self.px(0.2), line.width, max(2, self.px(0.4)))
        shapes.rounded_rect(surface, track, self.theme.card_raised, track.height // 2)
        fill = track.copy()
        fill.width = max(track.height, round(track.width * min(max(fraction, 0.0), 1.0)))
        shapes.rounded_rect(surface, fill, self.theme.accent, track.height // 2)
        if marker is not None:
            x = track.left + round(track.width * min(max(marker, 0.0), 1.0))
            tick = Rect(x - 1, track.top - self.px(0.6), max(2, self.px(0.3)), track.height + self.px(1.2))
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


class PanelHost(Widget[tuple[str, Hashable]]):
    """Fills the centre display with the active tab's panel, building each panel once."""

    def __init__(self, rect: Rect, skin: Skin) -> None:
        super().__init__(rect, skin)
        self._panels: dict[str, Panel[Any]] = {}
        self.active: Panel[Any] | None = None

    def panel(self, tab: str) -> Panel[Any]:
        if tab not in self._panels:
            self._panels[tab] = panel_class(tab)(self.rect, self.skin)
        return self._panels[tab]

    def state(self, view: View) -> tuple[str, Hashable]:
        screen = view.model.screen
        self.active = self.panel(screen)
        return screen, self.active.state(view)

    def paint_static(self, background: pygame.Surface) -> None:
        shapes.rounded_rect(background, self.rect, self.theme.card, self.px(2))

    def paint(self, surface: pygame.Surface) -> None:
        assert self.active is not None
        self.active.current = self.current[1]
        self.active.repaint(surface)
        self.texts = list(self.active.texts)

    def click(self, pos: tuple[int, int]) -> Action | None:
        return self.active.click(pos) if self.active else None

    def scroll(self, pos: tuple[int, int], steps: int) -> Action | None:
        return self.active.scroll(pos, steps) if self.active else None
