"""Overlays drawn above the widget grid: the toast over the centre display and the F1 key help.

An overlay pre-renders itself into `image` (with transparency) when what it shows changes; the
dashboard blits it over every dirty rectangle it touches, so it stays on top of redrawn widgets.
Cards on these transparent images use pygame.draw's rounded rectangles: gfxdraw's anti-aliasing
would blend the corners with the transparent black and leave dark rims.
"""

from __future__ import annotations

import math

import pygame
from pygame import Rect

from cockpit.core.text import localise
from cockpit.ui.fonts import Weight
from cockpit.ui.keys import BINDINGS
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import S, Skin, View, Widget


class Overlay(Widget[S | None]):
    """An overlay shows nothing while `current` is None; a `modal` one takes every click."""

    modal = False

    def __init__(self, rect: Rect, skin: Skin) -> None:
        super().__init__(rect, skin)
        self.image = pygame.Surface(rect.size, pygame.SRCALPHA)

    @property
    def visible(self) -> bool:
        return self.current is not None

    def paint(self, surface: pygame.Surface) -> None:
        """Re-render `image`; a hidden overlay keeps its old picture, it is never blitted."""
        if self.current is not None:
            self.image.fill((0, 0, 0, 0))
            self.render(self.image)

    def render(self, image: pygame.Surface) -> None:
        raise NotImplementedError

    def blit(self, surface: pygame.Surface, area: Rect) -> None:
        """Draw the overlay over `area` (a freshly painted part of the screen)."""
        if self.current is None or not area.colliderect(self.rect):
            return
        surface.set_clip(area)
        surface.blit(self.image, self.rect)
        surface.set_clip(None)


TOAST_LINES = 2  # a toast is read at a glance: what changed at a switch is in the drawer


class ToastOverlay(Overlay[tuple[tuple[str, str], ...]]):
    """The newest notices, stacked upwards from the bottom of the centre display (newest lowest).

    Each is a raised card with a coloured edge and at most two lines, in the screen's language.
    `texts` holds each notice in full.
    """

    def state(self, view: View) -> tuple[tuple[str, str], ...] | None:
        toasts = view.model.current_toasts()
        return tuple((localise(toast.text, self.tr), toast.level) for toast in toasts) or None

    def render(self, image: pygame.Surface) -> None:
        assert self.current is not None
        bottom = image.get_height()
        for text, level in reversed(self.current):
            bottom = self._card(image, text, level, bottom) - self.px(1)
            if bottom <= 0:
                break
        self.texts = [text for text, _ in self.current]

    def _card(self, image: pygame.Surface, text: str, level: str, bottom: int) -> int:
        theme = self.theme
        edges = {"warning": theme.warning, "error": theme.danger}
        colour = edges.get(level, theme.accent)
        width = image.get_width()
        size, most = 17, TOAST_LINES
        line_h = self.px(2.8)
        lines = self.wrap(text, Weight.SEMIBOLD, size, width - self.px(7), most)
        height = len(lines) * line_h + self.px(3)
        if bottom - height < 0:
            return bottom - height
        box = Rect(0, bottom - height, width, height)
        pygame.draw.rect(image, theme.line, box, border_radius=self.px(2))
        pygame.draw.rect(image, theme.card_raised, box.inflate(-2, -2), border_radius=self.px(2))
        edge = Rect(box.left + self.px(2), box.top + self.px(1.5), max(3, self.px(0.6)),
                    box.height - self.px(3))
        shapes.rounded_rect(image, edge, colour, edge.width // 2)
        for index, line in enumerate(lines):
            self.text(image, line, Weight.SEMIBOLD, size, theme.text,
                      (box.left + self.px(4.5), box.top + self.px(1.5) + index * line_h), "topleft")
        return box.top


class HelpOverlay(Overlay[bool]):
    """Every key and what it does, over a dimmed screen (F1 toggles it)."""

    def state(self, view: View) -> bool | None:
        return True if view.model.help_visible else None

    def render(self, image: pygame.Surface) -> None:
        theme = self.theme
        image.fill((*theme.background, 190))
        per_column = math.ceil(len(BINDINGS) / 2)
        line, column_w, label_w = self.px(3.6), self.px(84), self.px(15)
        card = Rect(0, 0, 2 * column_w + self.px(8), line * per_column + self.px(11))
        card.center = image.get_rect().center
        pygame.draw.rect(image, theme.card_raised, card, border_radius=self.px(2))
        self.text(image, self.tr("Keys"), Weight.BOLD, 24, theme.text,
                  (card.left + self.px(4), card.top + self.px(2.5)), "topleft")
        top = card.top + self.px(8)
        for index, binding in enumerate(BINDINGS):
            column, row = divmod(index, per_column)
            x, y = card.left + self.px(4) + column * column_w, top + row * line
            self.text(image, self.tr(binding.label), Weight.BOLD, 16, theme.accent, (x, y), "midleft")
            shown = self.fit(self.tr(binding.help), Weight.REGULAR, 16, column_w - label_w - self.px(2))
            self.text(image, shown, Weight.REGULAR, 16, theme.text, (x + label_w, y), "midleft")
