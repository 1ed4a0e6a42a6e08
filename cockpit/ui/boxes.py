"""What a widget reports about what it drew: each string's rectangle and each card it sits on.

Widgets record these as they paint (`Widget.text`, `Widget.card`), in screen coordinates, so the
layout audits (cockpit.ui.audit) judge measured rectangles instead of guessing from pixels.
They are named tuples: every frame makes dozens, and a tuple costs a fraction of a dataclass.
"""

from __future__ import annotations

from typing import NamedTuple

from pygame import Rect

from cockpit.ui.fonts import Weight
from cockpit.ui.theme import Colour


class TextBox(NamedTuple):
    """One string as drawn.

    `rect` is where its ink is (the glyphs' bounds, not the line box). `card` is the rectangle it
    must stay inside: the card or widget it belongs to. `px` is the font size in screen pixels.
    When the string was cut with an ellipsis, `full` holds the wordings asked for, `room` the
    width they had and `smallest` the smallest size they were tried at; `content` marks the
    driver's or the world's data (a track title, a device name) rather than our own wording.
    """

    text: str
    rect: Rect
    card: Rect
    px: int
    weight: Weight
    colour: Colour
    widget: str
    full: tuple[str, ...] = ()
    room: int = 0
    smallest: int = 0
    content: bool = False

    @property
    def cut(self) -> bool:
        return bool(self.full)

    @property
    def bold(self) -> bool:
        """A semibold or bold face, which WCAG's large-text rule counts as bold."""
        return self.weight is not Weight.REGULAR

    def moved(self, dx: int, dy: int) -> TextBox:
        """The same box on a surface blitted at (dx, dy)."""
        return self._replace(rect=self.rect.move(dx, dy), card=self.card.move(dx, dy))


class CardBox(NamedTuple):
    """A card as drawn: its rectangle, fill and the colour of its edge."""

    rect: Rect
    fill: Colour
    edge: Colour | None
    widget: str

    def moved(self, dx: int, dy: int) -> CardBox:
        return self._replace(rect=self.rect.move(dx, dy))
