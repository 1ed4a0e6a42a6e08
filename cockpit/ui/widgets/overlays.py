"""Overlays drawn above the widget grid: the toast over the centre display and the F1 key help.

An overlay pre-renders itself into `image` (with transparency) when what it shows changes; the
dashboard blits it over every dirty rectangle it touches, so it stays on top of redrawn widgets.
Cards on these transparent images use pygame.draw's rounded rectangles: gfxdraw's anti-aliasing
would blend the corners with the transparent black and leave dark rims.
"""

from __future__ import annotations

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.ui.fonts import Weight
from cockpit.ui.keys import BINDINGS
from cockpit.ui.widgets import icons, shapes
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


VOLUME_SECONDS = 2.0


class VolumeOverlay(Overlay[tuple[int, bool]]):
    """The volume for a moment after it changes: a speaker, a bar and the percentage."""

    def state(self, view: View) -> tuple[int, bool] | None:
        changed = view.cockpit.volume_changed_at
        if changed is None or view.cockpit.now - changed > VOLUME_SECONDS:
            return None
        return int(view.number(sig.VOLUME)), bool(view.value(sig.MUTED))

    def render(self, image: pygame.Surface) -> None:
        assert self.current is not None
        volume, muted = self.current
        theme = self.theme
        box = image.get_rect()
        pygame.draw.rect(image, theme.line, box, border_radius=box.height // 2)
        pygame.draw.rect(image, theme.card_raised, box.inflate(-2, -2), border_radius=box.height // 2)
        side = self.px(3.4)
        icons.speaker(image, Rect(self.px(2), box.centery - side // 2, side, side), theme.text, muted)
        label = self.tr("Muted") if muted else f"{volume} %"
        self.text(image, label, Weight.BOLD, 18, theme.text, (box.right - self.px(2.5), box.centery),
                  "midright")
        track = Rect(self.px(7), box.centery - self.px(0.4), box.width - self.px(19), self.px(0.8))
        pygame.draw.rect(image, theme.line, track, border_radius=track.height // 2)
        if not muted and volume > 0:
            fill = Rect(track.left, track.top, max(track.height, round(track.width * volume / 100)),
                        track.height)
            pygame.draw.rect(image, theme.accent, fill, border_radius=track.height // 2)


PROFILE_LINES = 7  # a profile summary lists everything that changed


class ToastOverlay(Overlay[tuple[tuple[str, str], ...]]):
    """The newest notices, stacked upwards from the bottom of the centre display (newest lowest).

    Each is a raised card with a coloured edge and wrapped text; a profile summary gets more lines,
    so a UX tester can read everything that changed. `texts` holds each notice in full.
    """

    def state(self, view: View) -> tuple[tuple[str, str], ...] | None:
        toasts = view.model.current_toasts()
        return tuple((toast.text, toast.level) for toast in toasts) or None

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
        edges = {"warning": theme.warning, "error": theme.danger, "profile": theme.ok}
        colour = edges.get(level, theme.accent)
        width = image.get_width()
        size, most = (15, PROFILE_LINES) if level == "profile" else (17, 2)
        line_h = self.px(2.8 * size / 17)
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
        columns = 2  # every key fits on a 1920x720 screen
        per_column = -(-len(BINDINGS) // columns)
        line = self.px(3.6)
        column_w = self.px(92)
        card = Rect(0, 0, column_w * columns + self.px(4), line * per_column + self.px(11))
        card.center = image.get_rect().center
        pygame.draw.rect(image, theme.card_raised, card, border_radius=self.px(2))
        self.text(image, self.tr("Keys"), Weight.BOLD, 24, theme.text,
                  (card.left + self.px(4), card.top + self.px(2.5)), "topleft")
        top = card.top + self.px(8)
        for index, binding in enumerate(BINDINGS):
            column, row = divmod(index, per_column)
            x, y = card.left + self.px(4) + column * column_w, top + row * line
            self.text(image, self.tr(binding.label), Weight.BOLD, 17, theme.accent, (x, y), "midleft")
            help_text = self.fit(self.tr(binding.help), Weight.REGULAR, 17, column_w - self.px(18))
            self.text(image, help_text, Weight.REGULAR, 17, theme.text, (x + self.px(14), y), "midleft")
