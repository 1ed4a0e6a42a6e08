"""The turn arrow of a manoeuvre (cockpit.core.navigation.Manoeuvre.kind), drawn in a square: a
thick path from the bottom with a head where it ends, or a pin for the arrival."""

from __future__ import annotations

import math

import pygame
from pygame import Rect

from cockpit.ui.widgets import shapes

Colour = tuple[int, int, int]
# Each path runs from the bottom centre (0.5, 1.0) in unit coordinates; the head points along its end.
PATHS: dict[str, tuple[tuple[float, float], ...]] = {
    "straight": ((0.5, 0.95), (0.5, 0.15)),
    "slight_left": ((0.55, 0.95), (0.55, 0.55), (0.25, 0.2)),
    "slight_right": ((0.45, 0.95), (0.45, 0.55), (0.75, 0.2)),
    "left": ((0.62, 0.95), (0.62, 0.42), (0.18, 0.42)),
    "right": ((0.38, 0.95), (0.38, 0.42), (0.82, 0.42)),
    "sharp_left": ((0.65, 0.95), (0.65, 0.3), (0.25, 0.75)),
    "sharp_right": ((0.35, 0.95), (0.35, 0.3), (0.75, 0.75)),
    "uturn": ((0.7, 0.95), (0.7, 0.3), (0.3, 0.3), (0.3, 0.7)),
}


def manoeuvre_arrow(surface: pygame.Surface, rect: Rect, kind: str, colour: Colour) -> None:
    """Draw the arrow for `kind` filling `rect` (a pin for "arrive", straight for anything unknown)."""
    side = min(rect.width, rect.height)
    if kind == "arrive":
        centre = (rect.centerx, rect.top + side * 0.4)
        shapes.polygon(
            surface,
            [
                (rect.centerx - side * 0.22, centre[1] + side * 0.1),
                (rect.centerx, rect.top + side * 0.92),
                (rect.centerx + side * 0.22, centre[1] + side * 0.1),
            ],
            colour,
        )
        shapes.disc(surface, centre, side * 0.28, colour)
        shapes.disc(surface, centre, side * 0.11, (0, 0, 0) if sum(colour) > 380 else (255, 255, 255))
        return
    path = [(rect.left + x * side, rect.top + y * side) for x, y in PATHS.get(kind, PATHS["straight"])]
    width = max(3, round(side * 0.16))
    (ax, ay), (bx, by) = path[-2], path[-1]
    angle = math.atan2(by - ay, bx - ax)
    head = side * 0.26
    shaft_end = (bx - math.cos(angle) * head * 0.7, by - math.sin(angle) * head * 0.7)
    pygame.draw.lines(surface, colour, False, [*path[:-1], shaft_end], width)
    for x, y in path[1:-1]:
        pygame.draw.circle(surface, colour, (round(x), round(y)), width / 2)
    tip = (bx, by)
    back = angle + math.pi
    left = (bx + head * math.cos(back + 0.6), by + head * math.sin(back + 0.6))
    right = (bx + head * math.cos(back - 0.6), by + head * math.sin(back - 0.6))
    shapes.polygon(surface, [tip, left, right], colour)
