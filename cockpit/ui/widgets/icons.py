"""Control icons drawn with shapes (the shipped font has no media glyphs): play, pause, skip,
shuffle, repeat, speaker and a note. Each fills the square `rect` it is given."""

from __future__ import annotations

import math

import pygame
from pygame import Rect

from cockpit.ui.widgets import shapes

Colour = tuple[int, int, int]


def play(surface: pygame.Surface, rect: Rect, colour: Colour) -> None:
    w = rect.width
    shapes.polygon(
        surface,
        [
            (rect.left + w * 0.28, rect.top + w * 0.18),
            (rect.left + w * 0.84, rect.centery),
            (rect.left + w * 0.28, rect.bottom - w * 0.18),
        ],
        colour,
    )


def pause(surface: pygame.Surface, rect: Rect, colour: Colour) -> None:
    w = rect.width
    for left in (0.24, 0.58):
        bar = Rect(round(rect.left + w * left), round(rect.top + w * 0.2), round(w * 0.18), round(w * 0.6))
        shapes.rounded_rect(surface, bar, colour, max(1, bar.width // 4))


def skip(surface: pygame.Surface, rect: Rect, colour: Colour, forward: bool) -> None:
    w = rect.width
    points = [(0.18, 0.22), (0.66, 0.5), (0.18, 0.78)]
    bar = (0.68, 0.22, 0.13, 0.56)
    if not forward:
        points = [(1 - x, y) for x, y in points]
        bar = (1 - bar[0] - bar[2], *bar[1:])
    shapes.polygon(surface, [(rect.left + x * w, rect.top + y * w) for x, y in points], colour)
    shapes.rounded_rect(
        surface,
        Rect(
            round(rect.left + bar[0] * w),
            round(rect.top + bar[1] * w),
            max(2, round(bar[2] * w)),
            round(bar[3] * w),
        ),
        colour,
        1,
    )


def _arrow_head(
    surface: pygame.Surface, tip: tuple[float, float], angle: float, size: float, colour: Colour
) -> None:
    """A filled head pointing along `angle` (radians, 0 = right, screen y down)."""
    back = angle + math.pi
    left = (tip[0] + size * math.cos(back + 0.55), tip[1] + size * math.sin(back + 0.55))
    right = (tip[0] + size * math.cos(back - 0.55), tip[1] + size * math.sin(back - 0.55))
    shapes.polygon(surface, [tip, left, right], colour)


def shuffle(surface: pygame.Surface, rect: Rect, colour: Colour) -> None:
    w = rect.width
    thick = max(2, round(w * 0.08))
    x0, x1 = rect.left + w * 0.14, rect.left + w * 0.74
    top, bottom = rect.top + w * 0.3, rect.top + w * 0.7
    pygame.draw.line(surface, colour, (x0, top), (x1, bottom), thick)
    pygame.draw.line(surface, colour, (x0, bottom), (x1, top), thick)
    head = w * 0.2
    _arrow_head(surface, (rect.left + w * 0.88, top), -0.0, head, colour)
    _arrow_head(surface, (rect.left + w * 0.88, bottom), 0.0, head, colour)


def repeat(surface: pygame.Surface, rect: Rect, colour: Colour) -> None:
    w = rect.width
    thick = max(2, round(w * 0.08))
    loop = Rect(round(rect.left + w * 0.14), round(rect.top + w * 0.28), round(w * 0.72), round(w * 0.44))
    pygame.draw.rect(surface, colour, loop, thick, border_radius=round(w * 0.16))
    _arrow_head(surface, (loop.left + loop.width * 0.62, loop.top + thick / 2), 0.0, w * 0.2, colour)


def speaker(surface: pygame.Surface, rect: Rect, colour: Colour, muted: bool = False) -> None:
    w = rect.width
    shapes.polygon(
        surface,
        [
            (rect.left + w * 0.12, rect.top + w * 0.38),
            (rect.left + w * 0.3, rect.top + w * 0.38),
            (rect.left + w * 0.52, rect.top + w * 0.18),
            (rect.left + w * 0.52, rect.top + w * 0.82),
            (rect.left + w * 0.3, rect.top + w * 0.62),
            (rect.left + w * 0.12, rect.top + w * 0.62),
        ],
        colour,
    )
    thick = max(2, round(w * 0.07))
    if muted:
        pygame.draw.line(
            surface,
            colour,
            (rect.left + w * 0.64, rect.top + w * 0.36),
            (rect.left + w * 0.9, rect.top + w * 0.64),
            thick,
        )
        pygame.draw.line(
            surface,
            colour,
            (rect.left + w * 0.64, rect.top + w * 0.64),
            (rect.left + w * 0.9, rect.top + w * 0.36),
            thick,
        )
        return
    for radius in (0.2, 0.34):
        arc = Rect(0, 0, round(w * radius * 2), round(w * radius * 2))
        arc.center = (round(rect.left + w * 0.52), rect.centery)
        pygame.draw.arc(surface, colour, arc, -0.8, 0.8, thick)


def note(surface: pygame.Surface, rect: Rect, colour: Colour) -> None:
    w = rect.width
    shapes.disc(surface, (rect.left + w * 0.36, rect.top + w * 0.72), w * 0.16, colour)
    stem = Rect(
        round(rect.left + w * 0.46), round(rect.top + w * 0.16), max(2, round(w * 0.09)), round(w * 0.58)
    )
    surface.fill(colour, stem)
    shapes.polygon(
        surface,
        [
            (stem.right, stem.top),
            (rect.left + w * 0.84, rect.top + w * 0.3),
            (rect.left + w * 0.84, rect.top + w * 0.44),
            (stem.right, stem.top + w * 0.16),
        ],
        colour,
    )
