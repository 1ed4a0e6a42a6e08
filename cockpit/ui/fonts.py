"""Fonts shipped with the package (Inter, SIL OFL 1.1) and a cache of rendered text.

Only the files under cockpit/ui/assets/fonts are used, never system fonts, so screenshots match on
every machine. Rendering text is the slowest thing a frame does, so every (text, style, colour)
surface is kept and reused.
"""

from __future__ import annotations

from collections import OrderedDict
from enum import Enum
from pathlib import Path

import pygame

FONT_DIR = Path(__file__).resolve().parent / "assets" / "fonts"


class Weight(Enum):
    REGULAR = "Inter-Regular.otf"
    SEMIBOLD = "Inter-SemiBold.otf"
    BOLD = "Inter-Bold.otf"


Style = tuple[Weight, int]
Colour = tuple[int, int, int]


class Typography:
    """Fonts by (weight, pixel size) and a bounded cache of rendered text surfaces."""

    def __init__(self, scale: float, capacity: int = 2048) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self.scale = scale
        self._fonts: dict[Style, pygame.font.Font] = {}
        self._cache: OrderedDict[tuple[str, Style, Colour], pygame.Surface] = OrderedDict()
        self._fitted: dict[tuple[str, Weight, float, int], str] = {}
        self._capacity = capacity

    def font(self, weight: Weight, size: float) -> pygame.font.Font:
        """The font of `weight` at `size` design pixels (scaled to the screen)."""
        key = (weight, max(6, round(size * self.scale)))
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(FONT_DIR / weight.value, key[1])
            self._fonts[key] = font
        return font

    def render(self, text: str, weight: Weight, size: float, colour: Colour) -> pygame.Surface:
        """An anti-aliased surface of `text`; cached, so callers must not draw on it."""
        key = (text, (weight, max(6, round(size * self.scale))), colour)
        surface = self._cache.get(key)
        if surface is not None:
            self._cache.move_to_end(key)
            return surface
        surface = self.font(weight, size).render(text, True, colour)
        self._cache[key] = surface
        if len(self._cache) > self._capacity:
            self._cache.popitem(last=False)
        return surface

    def fit(self, text: str, weight: Weight, size: float, width: int) -> str:
        """`text`, shortened with an ellipsis until it fits `width` pixels; cached like renders."""
        key = (text, weight, size, width)
        fitted = self._fitted.get(key)
        if fitted is None:
            if len(self._fitted) >= self._capacity:
                self._fitted.clear()
            font = self.font(weight, size)
            fitted = text
            if font.size(text)[0] > width:
                while fitted and font.size(fitted + "…")[0] > width:
                    fitted = fitted[:-1]
                fitted = fitted.rstrip() + "…"
            self._fitted[key] = fitted
        return fitted
