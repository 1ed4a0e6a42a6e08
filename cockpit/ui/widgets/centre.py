"""The centre display's tab bar."""

from __future__ import annotations

from functools import partial

import pygame
from pygame import Rect

from cockpit.ui.actions import ShowTab
from cockpit.ui.fonts import Weight
from cockpit.ui.panels.base import shown_tabs
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import Skin, View, Widget


class TabBar(Widget[tuple[str, ...]]):
    """Media · Home · Navigation · Car · Profiles; the active one on a raised pill with an accent
    edge, a companion shown beside it (a wide screen) underlined."""

    def __init__(self, rect: Rect, skin: Skin, tabs: tuple[tuple[str, str], ...]) -> None:
        super().__init__(rect, skin)
        self.tabs = tabs
        step = rect.width / len(tabs)
        self.slots = [Rect(round(rect.left + i * step), rect.top, round(step), rect.height)
                       for i in range(len(tabs))]

    def state(self, view: View) -> tuple[str, ...]:
        return shown_tabs(view.model.tab, len(self.skin.layout.columns))

    def paint(self, surface: pygame.Surface) -> None:
        shown = self.current
        for (tab, label), slot in zip(self.tabs, self.slots, strict=True):
            role = "active" if tab == shown[0] else ("beside" if tab in shown else "")
            self.stamp(surface, self.sprite((tab, role), slot.size, self.theme.background,
                                            partial(self._tab, label, role)), slot.topleft)

    def _tab(self, label: str, role: str, image: pygame.Surface) -> None:
        theme = self.theme
        pill = image.get_rect().inflate(-self.px(1), -self.px(1))
        if role == "active":
            self.card(image, pill, theme.card_raised, self.px(2), edge=theme.accent)
        elif role == "beside":
            mark = Rect(0, 0, self.px(4), max(2, self.px(0.4)))
            mark.midbottom = (pill.centerx, pill.bottom)
            shapes.rounded_rect(image, mark, theme.accent, mark.height // 2)
        colour = theme.text if role else theme.text_dim
        self.text(image, self.tr(label), Weight.SEMIBOLD, 18, colour, pill.center, card=pill,
                  fit=pill.width - self.px(2))

    def click(self, pos: tuple[int, int]) -> ShowTab | None:
        for (tab, _), box in zip(self.tabs, self.slots, strict=True):
            if box.collidepoint(pos):
                return ShowTab(tab)
        return None
