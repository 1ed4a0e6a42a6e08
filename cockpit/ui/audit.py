"""Layout audits over what the widgets reported drawing (cockpit.ui.boxes): each returns a list of
problems a person can read, empty when the screen is right.

- `collisions`: two strings whose ink overlaps.
- `escapes`: a string whose ink leaves the card it belongs to (or the screen).
- `needless_cuts`: a string cut with "…" that is our own wording (a shorter one must exist), or
  the driver's data that would have fit at the smallest size allowed.
- `small_text`: a string set below the smallest allowed pixel size.
- `text_contrast`: a string whose colour, against the pixels around its ink on the finished
  frame, is below the WCAG ratio its size needs (AAA in high contrast).
- `edge_contrast`: a card whose edge, against the pixels just outside it, is below the ratio a
  UI component needs, so its boundary would vanish.

The dashboard gathers the boxes of everything visible (`Dashboard.text_boxes`, `Dashboard.cards`),
leaving out what an overlay hides.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence

import pygame
from pygame import Rect

from cockpit.ui import contrast
from cockpit.ui.boxes import CardBox, TextBox
from cockpit.ui.fonts import MIN_TEXT_PX, Typography

Colour = tuple[int, int, int]
RING_SHARE = 0.1  # a colour must make up this share of a text's surroundings to count as its background


def _name(box: TextBox) -> str:
    return f"{box.widget} {box.text!r} at {tuple(box.rect)}"


def collisions(boxes: Sequence[TextBox]) -> list[str]:
    """Pairs of strings whose ink rectangles overlap."""
    ordered = sorted(boxes, key=lambda box: box.rect.left)
    found = []
    for index, first in enumerate(ordered):
        for second in itertools.islice(ordered, index + 1, None):
            if second.rect.left >= first.rect.right:
                break
            if first.rect.colliderect(second.rect):
                found.append(f"{_name(first)} overlaps {_name(second)}")
    return found


def escapes(boxes: Iterable[TextBox], screen: Rect) -> list[str]:
    """Strings whose ink is not inside their card, or not on the screen."""
    found = []
    for box in boxes:
        if not screen.contains(box.rect):
            found.append(f"{_name(box)} leaves the screen {tuple(screen)}")
        elif not box.card.contains(box.rect):
            found.append(f"{_name(box)} leaves its card {tuple(box.card)}")
    return found


def needless_cuts(boxes: Iterable[TextBox], typography: Typography) -> list[str]:
    """Strings cut with "…" where a wording of ours was too long, or the whole would have fitted."""
    found = []
    for box in boxes:
        if not box.cut:
            continue
        if not box.content:
            found.append(f"{_name(box)}: our wording {box.full[-1]!r} is cut to fit {box.room} px; "
                         "give it a shorter wording")
            continue
        smallest = max(MIN_TEXT_PX, box.smallest)
        fits = [text for text in box.full if typography.width(text, box.weight, smallest) <= box.room]
        if fits:
            found.append(f"{_name(box)}: {fits[0]!r} fits {box.room} px at {smallest} px, yet was cut")
    return found


def small_text(boxes: Iterable[TextBox], smallest: int = MIN_TEXT_PX) -> list[str]:
    """Strings set below `smallest` pixels."""
    return [f"{_name(box)} is {box.px} px, below {smallest} px" for box in boxes if box.px < smallest]


def surroundings(surface: pygame.Surface, rect: Rect, pad: int = 2) -> list[Colour]:
    """The colours that make up the ring of pixels just outside `rect` (most common first), each
    taking at least RING_SHARE of the ring: what something drawn in `rect` is seen against."""
    ring = rect.inflate(2 * pad, 2 * pad).clip(surface.get_rect())
    if ring.width < 2 or ring.height < 2:
        return []
    inside = ring.height - 2
    strips = (Rect(ring.left, ring.top, ring.width, 1), Rect(ring.left, ring.bottom - 1, ring.width, 1),
              Rect(ring.left, ring.top + 1, 1, inside), Rect(ring.right - 1, ring.top + 1, 1, inside))
    counts: Counter[tuple[int, ...]] = Counter()
    for strip in strips:
        if strip.width and strip.height:
            data = pygame.image.tobytes(surface.subsurface(strip), "RGB")
            counts.update(zip(data[0::3], data[1::3], data[2::3], strict=True))
    least = RING_SHARE * sum(counts.values())
    return [colour for colour, count in counts.most_common() if count >= least]  # type: ignore[misc]


def text_contrast(boxes: Iterable[TextBox], surface: pygame.Surface, high_contrast: bool) -> list[str]:
    """Strings whose colour is too close to what the finished frame shows around them."""
    found = []
    for box in boxes:
        needed = contrast.text_minimum(box.px, box.bold, high_contrast)
        for background in surroundings(surface, box.rect):
            measured = contrast.ratio(box.colour, background)
            if measured < needed:
                found.append(f"{_name(box)}: {box.colour} on {background} is {measured:.2f}:1, "
                             f"needs {needed}:1")
                break
    return found


def edge_contrast(cards: Iterable[CardBox], surface: pygame.Surface, high_contrast: bool) -> list[str]:
    """Cards whose edge is too close to what lies just outside them."""
    needed = contrast.component_minimum(high_contrast)
    found = []
    for card in cards:
        if card.edge is None:
            continue
        for outside in surroundings(surface, card.rect, pad=1):
            measured = contrast.ratio(card.edge, outside)
            if measured < needed:
                found.append(f"{card.widget} card {tuple(card.rect)}: edge {card.edge} on {outside} is "
                             f"{measured:.2f}:1, needs {needed}:1")
                break
    return found
