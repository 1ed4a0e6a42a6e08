"""Fonts shipped with the package (Inter, SIL OFL 1.1) and a cache of rendered text.

Only the files under cockpit/ui/assets/fonts are used, never system fonts, so screenshots match on
every machine. Rendering text is the slowest thing a frame does, so every (text, style, colour)
surface is kept and reused, and so is where its ink lies (the text rectangle widgets report).

Sizes are design pixels at the reference screen, scaled to the screen; nothing is ever drawn below
MIN_TEXT_PX, however small the screen (a smaller screen scales the grid down, not the legibility).
When a string does not fit its room, `fit` tries the shorter wordings it was given, then each at
smaller sizes (down to SHRINK of the asked size, never below MIN_TEXT_PX), and only then cuts
with "…".
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import pygame

FONT_DIR = Path(__file__).resolve().parent / "assets" / "fonts"
MIN_TEXT_PX = 12  # the smallest text on any screen (issue 11: legible at 1280x480)
SHRINK = 0.8  # a string may be set this much smaller than asked before it is shortened


class Weight(Enum):
    REGULAR = "Inter-Regular.otf"
    SEMIBOLD = "Inter-SemiBold.otf"
    BOLD = "Inter-Bold.otf"


Colour = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Fitted:
    """What `Typography.fit` chose: the string to draw, at which pixel size, and whether it had to
    be cut with an ellipsis (`cut`)."""

    text: str
    px: int
    cut: bool


class Typography:
    """Fonts by (weight, pixel size) and a bounded cache of rendered text surfaces."""

    def __init__(self, scale: float, capacity: int = 2048) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self.scale = scale
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._cache: OrderedDict[tuple[str, str, int, Colour], tuple[pygame.Surface,
                                                                     pygame.Rect]] = OrderedDict()
        self._fitted: dict[tuple[tuple[str, ...], str, float, int], Fitted] = {}
        self._capacity = capacity

    def px(self, size: float) -> int:
        """The pixel size `size` design pixels are drawn at on this screen."""
        return max(MIN_TEXT_PX, round(size * self.scale))

    def smallest_px(self, size: float) -> int:
        """The smallest pixel size a string asked at `size` may shrink to."""
        return max(MIN_TEXT_PX, math.ceil(self.px(size) * SHRINK))

    def font(self, weight: Weight, size: float) -> pygame.font.Font:
        """The font of `weight` at `size` design pixels (scaled to the screen)."""
        return self.font_px(weight, self.px(size))

    def font_px(self, weight: Weight, px: int) -> pygame.font.Font:
        """The font of `weight` at `px` screen pixels."""
        key = (weight.value, px)
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(FONT_DIR / weight.value, px)
            self._fonts[key] = font
        return font

    def render(self, text: str, weight: Weight, size: float, colour: Colour) -> pygame.Surface:
        """An anti-aliased surface of `text` at `size` design pixels; cached, so do not draw on it."""
        return self.rendered(text, weight, self.px(size), colour)[0]

    def rendered(self, text: str, weight: Weight, px: int, colour: Colour) -> tuple[pygame.Surface,
                                                                                    pygame.Rect]:
        """`text` rendered, and where its glyphs actually are (its ink) relative to the corner."""
        key = (text, weight.value, px, colour)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        surface = self.font_px(weight, px).render(text, True, colour)
        found = surface, surface.get_bounding_rect()
        self._cache[key] = found
        if len(self._cache) > self._capacity:
            self._cache.popitem(last=False)
        return found

    def ink(self, text: str, weight: Weight, px: int) -> pygame.Rect:
        """Where the glyphs of `text` are, relative to the corner of its rendered line box."""
        return self.rendered(text, weight, px, (255, 255, 255))[1]

    def width(self, text: str, weight: Weight, px: int) -> int:
        return self.font_px(weight, px).size(text)[0]

    def fit(self, wordings: str | Sequence[str], weight: Weight, size: float, width: int) -> Fitted:
        """The first wording that fits `width` pixels at the asked size, else at the largest smaller
        size one fits; failing that, the last (shortest) cut with an ellipsis at the smallest size."""
        options = (wordings,) if isinstance(wordings, str) else tuple(wordings)
        key = (options, weight.value, size, width)
        fitted = self._fitted.get(key)
        if fitted is None:
            if len(self._fitted) >= self._capacity:
                self._fitted.clear()
            fitted = self._choose(options, weight, size, width)
            self._fitted[key] = fitted
        return fitted

    def _choose(self, options: tuple[str, ...], weight: Weight, size: float, width: int) -> Fitted:
        largest, smallest = self.px(size), self.smallest_px(size)
        for px in range(largest, smallest - 1, -1):  # a shorter wording before a smaller size
            for text in options:
                if self.width(text, weight, px) <= width:
                    return Fitted(text, px, False)
        text = options[-1]
        while text and self.width(text + "…", weight, smallest) > width:
            text = text[:-1]
        return Fitted(text.rstrip() + "…", smallest, True)
