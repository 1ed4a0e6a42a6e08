"""The centre display's tab bar and the assistant column beside it."""

from __future__ import annotations

import pygame
from pygame import Rect

from cockpit.ui.fonts import Weight
from cockpit.ui.model import Exchange
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

    def click(self, pos: tuple[int, int]) -> str | None:
        for (tab, _), box in zip(self.tabs, self.boxes, strict=True):
            if box.collidepoint(pos):
                return f"tab:{tab}"
        return None


class AssistantHeader(Widget[bool]):
    """The column's title; a listening assistant lights it up."""

    def state(self, view: View) -> bool:
        return view.model.listening

    def paint(self, surface: pygame.Surface) -> None:
        colour = self.theme.accent if self.current else self.theme.text_dim
        shapes.disc(surface, (self.rect.left + self.px(1), self.rect.centery), self.px(0.8), colour)
        self.text(surface, self.tr("Assistant"), Weight.BOLD, 22, self.theme.text,
                  (self.rect.left + self.px(3), self.rect.centery), "midleft")


class Transcript(Widget[tuple[Exchange, ...]]):
    """The latest utterances and replies, newest at the bottom; a hint while it is empty."""

    def state(self, view: View) -> tuple[Exchange, ...]:
        return tuple(view.model.transcript)

    def paint(self, surface: pygame.Surface) -> None:
        theme, inner = self.theme, self.rect
        if not self.current:
            intro = self.fit(self.tr("Try saying:"), Weight.REGULAR, 16, inner.width)
            self.text(surface, intro, Weight.REGULAR, 16, theme.text_dim, inner.topleft, "topleft")
            hint = self.fit(self.tr("“Set the temperature to 21”"), Weight.SEMIBOLD, 16, inner.width)
            self.text(surface, hint, Weight.SEMIBOLD, 16, theme.text, (inner.left, inner.top + self.px(3)),
                      "topleft")
            return
        bottom = inner.bottom
        for exchange in reversed(self.current):
            bottom = self._bubble(surface, inner, bottom, exchange.reply, theme.card_raised, theme.text)
            bottom = self._bubble(surface, inner, bottom, exchange.utterance, theme.card, theme.text_dim)
            if bottom < inner.top:
                break

    def _bubble(self, surface: pygame.Surface, inner: Rect, bottom: int, text: str,
                fill: tuple[int, int, int], colour: tuple[int, int, int]) -> int:
        height = self.px(4)
        top = bottom - height
        if top < inner.top:
            return top
        box = Rect(inner.left, top, inner.width, height)
        shapes.rounded_rect(surface, box, fill, self.px(1.5))
        shown = self.fit(text, Weight.REGULAR, 15, box.width - self.px(3))
        self.text(surface, shown, Weight.REGULAR, 15, colour, (box.left + self.px(1.5), box.centery),
                  "midleft")
        return top - self.px(1)
