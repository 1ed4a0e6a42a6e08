"""Overlays drawn above the widget grid: the toast over the centre display and the F1 key help.

An overlay pre-renders itself into `image` (with transparency) when what it shows changes; the
dashboard blits it over every dirty rectangle it touches, so it stays on top of redrawn widgets.
Cards on these transparent images use pygame.draw's rounded rectangles: gfxdraw's anti-aliasing
would blend the corners with the transparent black and leave dark rims.
"""

from __future__ import annotations

import pygame
from pygame import Rect

from cockpit.ui.fonts import Weight
from cockpit.ui.keys import BINDINGS
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import S, Skin, View, Widget


class Overlay(Widget[S | None]):
    """An overlay shows nothing while `current` is None."""

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


class ToastOverlay(Overlay[tuple[str, str]]):
    """The newest notice: a raised card with a coloured edge."""

    def state(self, view: View) -> tuple[str, str] | None:
        toast = view.model.current_toast()
        return None if toast is None else (toast.text, toast.level)

    def render(self, image: pygame.Surface) -> None:
        assert self.current is not None
        text, level = self.current
        theme, box = self.theme, image.get_rect()
        colour = {"warning": theme.warning, "error": theme.danger}.get(level, theme.accent)
        pygame.draw.rect(image, theme.line, box, border_radius=self.px(2))
        pygame.draw.rect(image, theme.card_raised, box.inflate(-2, -2), border_radius=self.px(2))
        edge = Rect(box.left + self.px(2), box.top + self.px(2), max(3, self.px(0.6)),
                    box.height - self.px(4))
        shapes.rounded_rect(image, edge, colour, edge.width // 2)
        shown = self.fit(text, Weight.SEMIBOLD, 18, box.width - self.px(7))
        self.text(image, shown, Weight.SEMIBOLD, 18, theme.text, (box.left + self.px(4.5), box.centery),
                  "midleft")


class HelpOverlay(Overlay[bool]):
    """Every key and what it does, over a dimmed screen (F1 toggles it)."""

    def state(self, view: View) -> bool | None:
        return True if view.model.help_visible else None

    def render(self, image: pygame.Surface) -> None:
        theme = self.theme
        image.fill((*theme.background, 190))
        rows = len(BINDINGS)
        line = self.px(3.6)
        card = Rect(0, 0, self.px(80), line * rows + self.px(11))
        card.center = image.get_rect().center
        pygame.draw.rect(image, theme.card_raised, card, border_radius=self.px(2))
        self.text(image, self.tr("Keys"), Weight.BOLD, 24, theme.text,
                  (card.left + self.px(4), card.top + self.px(2.5)), "topleft")
        top = card.top + self.px(8)
        for index, binding in enumerate(BINDINGS):
            y = top + index * line
            self.text(image, binding.label, Weight.BOLD, 17, theme.accent, (card.left + self.px(4), y),
                      "midleft")
            self.text(image, self.tr(binding.help), Weight.REGULAR, 17, theme.text,
                      (card.left + self.px(24), y), "midleft")
