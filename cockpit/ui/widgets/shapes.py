"""Anti-aliased shapes built from pygame.gfxdraw: rounded cards, arc bands, pointers, arrows.

pygame's own thick lines and arcs are jagged and leave gaps, so everything round is drawn as a
filled polygon with an anti-aliased outline.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame
import pygame.gfxdraw as gfx
from pygame import Rect

Colour = tuple[int, int, int]
Point = tuple[float, float]

SMALL_RADIUS = 4  # px; rounder corners than this are anti-aliased


def polygon(surface: pygame.Surface, points: Sequence[Point], colour: Colour) -> None:
    """A filled polygon with anti-aliased edges."""
    pts = [(round(x), round(y)) for x, y in points]
    gfx.aapolygon(surface, pts, colour)
    gfx.filled_polygon(surface, pts, colour)


def disc(surface: pygame.Surface, centre: Point, radius: float, colour: Colour) -> None:
    """A filled anti-aliased circle."""
    x, y, r = round(centre[0]), round(centre[1]), max(1, round(radius))
    gfx.aacircle(surface, x, y, r, colour)
    gfx.filled_circle(surface, x, y, r, colour)


def rounded_rect(surface: pygame.Surface, rect: Rect, colour: Colour, radius: int, *,
                 smooth: bool = True) -> None:
    """A filled rectangle with anti-aliased round corners (pygame.draw's jagged ones unless `smooth`:
    gfxdraw would blend the corners with a transparent surface's black)."""
    radius = max(0, min(radius, rect.width // 2, rect.height // 2))
    if radius <= SMALL_RADIUS or not smooth:
        # Anti-aliasing a bar a few pixels high shows no difference and costs ten times more.
        pygame.draw.rect(surface, colour, rect, border_radius=radius)
        return
    surface.fill(colour, rect.inflate(-2 * radius, 0))
    surface.fill(colour, rect.inflate(0, -2 * radius))
    for cx, cy in ((rect.left + radius, rect.top + radius), (rect.right - radius - 1, rect.top + radius),
                   (rect.left + radius, rect.bottom - radius - 1),
                   (rect.right - radius - 1, rect.bottom - radius - 1)):
        gfx.aacircle(surface, cx, cy, radius, colour)
        gfx.filled_circle(surface, cx, cy, radius, colour)


def card(surface: pygame.Surface, rect: Rect, fill: Colour, edge: Colour, radius: int, edge_px: int,
         *, smooth: bool = True) -> Rect:
    """A rounded card of `fill` inside an `edge_px` hairline of `edge`; returns the area inside it."""
    rounded_rect(surface, rect, edge, radius, smooth=smooth)
    inner = rect.inflate(-2 * edge_px, -2 * edge_px)
    rounded_rect(surface, inner, fill, max(0, radius - edge_px), smooth=smooth)
    return inner


def point_at(centre: Point, radius: float, angle: float) -> Point:
    """The point at `angle` degrees (0 = up, clockwise) and `radius` from `centre`."""
    rad = math.radians(angle)
    return centre[0] + radius * math.sin(rad), centre[1] - radius * math.cos(rad)


def arc_band(surface: pygame.Surface, centre: Point, inner: float, outer: float, start: float,
             end: float, colour: Colour) -> None:
    """A thick arc from `start` to `end` degrees (0 = up, clockwise) between two radii."""
    if end < start:
        start, end = end, start
    if end - start < 0.2:
        return
    steps = max(2, int((end - start) / 3) + 1)
    angles = [start + (end - start) * i / steps for i in range(steps + 1)]
    outer_pts = [point_at(centre, outer, a) for a in angles]
    inner_pts = [point_at(centre, inner, a) for a in reversed(angles)]
    polygon(surface, outer_pts + inner_pts, colour)


def pointer(surface: pygame.Surface, centre: Point, inner: float, outer: float, angle: float,
            width: float, colour: Colour) -> Rect:
    """A tapered needle along `angle` from radius `inner` to `outer`; returns its bounding box."""
    side = angle + 90
    base, tip = point_at(centre, inner, angle), point_at(centre, outer, angle)
    half_base, half_tip = width / 2, width / 5
    points = [point_at(base, half_base, side), point_at(tip, half_tip, side),
              point_at(tip, half_tip, side + 180), point_at(base, half_base, side + 180)]
    polygon(surface, points, colour)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Rect(int(min(xs)) - 2, int(min(ys)) - 2, int(max(xs) - min(xs)) + 5, int(max(ys) - min(ys)) + 5)


def chevron(surface: pygame.Surface, rect: Rect, colour: Colour, pointing_left: bool) -> None:
    """A turn-signal arrow filling `rect`."""
    w, h = rect.width, rect.height
    shaft_top, shaft_bottom = rect.top + h * 0.36, rect.top + h * 0.64
    head = rect.left + w * 0.45
    points: list[Point] = [(rect.left, rect.centery), (head, rect.top), (head, shaft_top),
                           (rect.right, shaft_top), (rect.right, shaft_bottom), (head, shaft_bottom),
                           (head, rect.bottom)]
    if not pointing_left:
        points = [(rect.left + rect.right - x, y) for x, y in points]
    polygon(surface, points, colour)


def cross(surface: pygame.Surface, rect: Rect, colour: Colour) -> None:
    """A close mark (two strokes) in the middle of `rect`: the fonts have no ✕."""
    half = min(rect.width, rect.height) // 5
    width = max(2, half // 3)
    cx, cy = rect.center
    pygame.draw.line(surface, colour, (cx - half, cy - half), (cx + half, cy + half), width)
    pygame.draw.line(surface, colour, (cx - half, cy + half), (cx + half, cy - half), width)
