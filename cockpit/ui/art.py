"""Cover art, drawn rather than shipped: a gradient in the entry's two colours, a few soft rings
placed by its uri, and its initials. No image files, so nothing copyrighted; each cover is drawn
once per size and kept.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

import pygame

from cockpit.core.media import MediaEntry
from cockpit.ui.fonts import Typography, Weight
from cockpit.ui.theme import hex_colour

CACHED = 64  # covers kept (a long station list at two sizes)
_covers: OrderedDict[tuple[str, int, float], pygame.Surface] = OrderedDict()


def cover(entry: MediaEntry | None, side: int, typography: Typography) -> pygame.Surface:
    """The cover of `entry` as a `side`-pixel square with rounded corners (cached)."""
    uri = entry.uri if entry is not None else ""
    key = (uri, side, typography.scale)
    image = _covers.get(key)
    if image is not None:
        _covers.move_to_end(key)
        return image
    image = _draw(entry, side, typography)
    _covers[key] = image
    if len(_covers) > CACHED:
        _covers.popitem(last=False)
    return image


def _draw(entry: MediaEntry | None, side: int, typography: Typography) -> pygame.Surface:
    light, dark = (
        (hex_colour(entry.colours[0]), hex_colour(entry.colours[1]))
        if entry is not None
        else ((70, 78, 92), (28, 31, 38))
    )
    corners = pygame.Surface((2, 2))
    for (x, y), colour in (
        ((0, 0), light),
        ((1, 0), _mix(light, dark, 0.5)),
        ((0, 1), _mix(light, dark, 0.6)),
        ((1, 1), dark),
    ):
        corners.set_at((x, y), colour)
    art = pygame.Surface((side, side), pygame.SRCALPHA)
    art.blit(pygame.transform.smoothscale(corners, (side, side)), (0, 0))
    seed = hashlib.sha256((entry.uri if entry else "none").encode()).digest()
    rings = pygame.Surface((side, side), pygame.SRCALPHA)
    for index in range(3):
        cx, cy = seed[index * 3] / 255 * side, seed[index * 3 + 1] / 255 * side
        radius = side * (0.25 + seed[index * 3 + 2] / 255 * 0.45)
        pygame.draw.circle(
            rings, (255, 255, 255, 22), (round(cx), round(cy)), round(radius), max(2, side // 40)
        )
    art.blit(rings, (0, 0))
    if entry is not None and entry.initials:
        px = typography.px(side * 0.4 / typography.scale)
        text, _ = typography.rendered(entry.initials, Weight.BOLD, px, (255, 255, 255))
        art.blit(text, text.get_rect(center=(side // 2, side // 2)))
    mask = pygame.Surface((side, side), pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=max(4, side // 12))
    art.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return art


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    return (
        round(a[0] + (b[0] - a[0]) * share),
        round(a[1] + (b[1] - a[1]) * share),
        round(a[2] + (b[2] - a[2]) * share),
    )
