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
from cockpit.core.text import localise
from cockpit.ui.fonts import Weight
from cockpit.ui.keys import BINDINGS
from cockpit.ui.widgets import icons, shapes
from cockpit.ui.widgets.base import S, Skin, View, Widget


class Overlay(Widget[S | None]):
    """An overlay shows nothing while `current` is None; a `modal` one takes every click."""

    modal = False

    def __init__(self, rect: Rect, skin: Skin) -> None:
        super().__init__(rect, skin)
        self.image = pygame.Surface(rect.size, pygame.SRCALPHA)
        self.origin = rect.topleft
        self._default_card = self.image.get_rect()  # strings stay on the overlay's own picture
        self.covering: list[Rect] = []  # what it hides beneath it while visible, in screen coordinates

    @property
    def visible(self) -> bool:
        return self.current is not None

    def paint(self, surface: pygame.Surface) -> None:
        """Re-render `image`; a hidden overlay keeps its old picture, it is never blitted."""
        if self.current is not None:
            self.image.fill((0, 0, 0, 0))
            self.covering = []
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
        self.card(image, box, theme.card_raised, box.height // 2, smooth=False)
        self.covering = [self.rect]
        side = self.px(3.4)
        icons.speaker(image, Rect(self.px(2), box.centery - side // 2, side, side), theme.text, muted)
        label = self.tr("Muted") if muted else f"{volume} %"
        self.text(image, label, Weight.BOLD, 18, theme.text, (box.right - self.px(2.5), box.centery),
                  "midright")
        bar = Rect(self.px(7), box.centery - self.px(0.4), box.width - self.px(19), max(4, self.px(0.8)))
        track = bar.inflate(0, -bar.height // 2)
        pygame.draw.rect(image, theme.track, track, border_radius=track.height // 2)
        if not muted and volume > 0:
            fill = Rect(bar.left, bar.top, max(bar.height, round(bar.width * volume / 100)), bar.height)
            pygame.draw.rect(image, theme.accent, fill, border_radius=bar.height // 2)


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
        stack = pygame.Surface(image.get_size(), pygame.SRCALPHA)
        bottom = image.get_height()
        for text, level in reversed(self.current):
            bottom = self._card(stack, text, level, bottom) - self.px(1)
            if bottom <= 0:
                break
        self._backdrop(image, max(0, bottom))
        image.blit(stack, (0, 0))
        self.texts = [text for text, _ in self.current]

    def _backdrop(self, image: pygame.Surface, top: int) -> None:
        """The panel's own colour behind the stack, fading out above it, so nothing of the panel
        peeks between or just above the cards."""
        fade = self.px(3)
        backdrop = Rect(0, top, image.get_width(), image.get_height() - top)
        image.fill((*self.theme.card, 255), backdrop)
        for row in range(min(fade, top)):
            alpha = round(255 * (row + 1) / (fade + 1))
            image.fill((*self.theme.card, alpha), Rect(0, top - fade + row, image.get_width(), 1))
        self.covering = [backdrop.inflate(0, 2 * fade).move(self.origin)]

    def _card(self, image: pygame.Surface, text: str, level: str, bottom: int) -> int:
        theme = self.theme
        edges = {"warning": theme.warning, "error": theme.danger}
        colour = edges.get(level, theme.accent)
        inset = self.px(2)
        width = image.get_width() - 2 * inset
        size, most = 17, TOAST_LINES
        line_h = self.skin.type.font(Weight.SEMIBOLD, size).get_linesize()
        room = width - self.px(7)
        lines = self.lines(text, Weight.SEMIBOLD, size, room, most)
        height = len(lines) * line_h + self.px(3)
        if bottom - height < 0:
            return bottom - height
        box = Rect(inset, bottom - height, width, height)
        self.card(image, box, theme.card_raised, self.px(2), smooth=False)
        edge = Rect(box.left + self.px(2), box.top + self.px(1.5), max(3, self.px(0.6)),
                    box.height - self.px(3))
        shapes.rounded_rect(image, edge, colour, edge.width // 2)
        for index, line in enumerate(lines):
            self.text(image, line, Weight.SEMIBOLD, size, theme.text,
                      (box.left + self.px(4.5), box.top + self.px(1.5) + index * line_h), "topleft",
                      card=box, fit=room, content=True)
        return box.top


class HelpOverlay(Overlay[bool]):
    """Every key and what it does, over a dimmed screen (F1 toggles it).

    A row's description wraps to two lines when it must; the rows go in two columns when one
    column would not fit the screen's height.
    """

    def state(self, view: View) -> bool | None:
        return True if view.model.help_visible else None

    def render(self, image: pygame.Surface) -> None:
        theme, typography = self.theme, self.skin.type
        image.fill((*theme.background, 215))
        self.covering.append(self.rect)
        margin, pad = self.px(3), self.px(3)
        line_h = typography.font(Weight.REGULAR, 17).get_linesize()
        keys_w = max(typography.width(self.tr(b.label), Weight.BOLD, typography.px(17)) for b in BINDINGS)
        title_h = typography.font(Weight.BOLD, 24).get_linesize() + self.px(1.5)
        screen = image.get_rect()
        for columns in (1, 2):
            card_w = min(screen.width - 2 * margin, self.px(110) * columns)
            column_w = (card_w - 2 * pad - (columns - 1) * pad) // columns
            text_w = column_w - keys_w - self.px(2)
            rows = [self.lines(self.tr(b.help), Weight.REGULAR, 17, text_w, 2) for b in BINDINGS]
            heights = [len(lines) * line_h + self.px(0.8) for lines in rows]
            per_column = -(-len(rows) // columns)
            body_h = max(sum(heights[i:i + per_column]) for i in range(0, len(rows), per_column))
            if title_h + body_h + 2 * pad <= screen.height - 2 * margin or columns == 2:
                break
        card = Rect(0, 0, card_w, title_h + body_h + 2 * pad)
        card.center = screen.center
        self.card(image, card, theme.card_raised, self.px(2), smooth=False)
        self.text(image, self.tr("Keys"), Weight.BOLD, 24, theme.text, (card.left + pad, card.top + pad),
                  "topleft", card=card)
        for index, (binding, lines) in enumerate(zip(BINDINGS, rows, strict=True)):
            column = index // per_column
            left = card.left + pad + column * (column_w + pad)
            top = card.top + pad + title_h + sum(heights[column * per_column:index])
            self.text(image, self.tr(binding.label), Weight.BOLD, 17, theme.accent, (left, top), "topleft",
                      card=card)
            for number, line in enumerate(lines):
                self.text(image, line, Weight.REGULAR, 17, theme.text,
                          (left + keys_w + self.px(2), top + number * line_h), "topleft", card=card,
                          fit=text_w)
