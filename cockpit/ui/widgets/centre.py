"""The centre display's tab bar."""

from __future__ import annotations

import pygame
from pygame import Rect

from cockpit.ui.actions import ShowTab
from cockpit.ui.fonts import Weight
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import Skin, View, Widget


class TabBar(Widget[str]):
    """Media · Home · Navigation · Car · Profiles; the active one on a raised pill."""

    def __init__(self, rect: Rect, skin: Skin, tabs: tuple[tuple[str, str], ...]) -> None:
        super().__init__(rect, skin)
        self.tabs = tabs
        step = rect.width / len(tabs)
        self.boxes = [Rect(round(rect.left + i * step), rect.top, round(step), rect.height)
                      for i in range(len(tabs))]

    def state(self, view: View) -> str:
        return view.model.tab

    def paint(self, surface: pygame.Surface) -> None:
        theme = self.theme
        for (tab, label), box in zip(self.tabs, self.boxes, strict=True):
            active = tab == self.current
            if active:
                shapes.rounded_rect(surface, box.inflate(-self.px(1), -self.px(1)), theme.card_raised,
                                    self.px(2))
            self.text(surface, self.tr(label), Weight.SEMIBOLD, 18, theme.text if active else theme.text_dim,
                      box.center)

    def click(self, pos: tuple[int, int]) -> ShowTab | None:
        for (tab, _), box in zip(self.tabs, self.boxes, strict=True):
            if box.collidepoint(pos):
                return ShowTab(tab)
        return None
