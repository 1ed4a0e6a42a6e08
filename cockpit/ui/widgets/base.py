"""The widget contract and the two objects every widget reads: `Skin` and `View`.

A widget reads the cockpit only through `View.cockpit`, the read model (cockpit.view.CockpitView):
never the session, the home bridge, the geofence or the profile store, so a widget can be built
and drawn in a test from a read model alone.

A widget's `update(view)` computes what it would show and returns whether that differs from what
it shows now; `draw(surface)` restores its rectangle from the pre-rendered background, paints the
dynamic part and returns the dirty rectangle. Static parts (labels, dial faces) are painted once
into the background by `paint_static`. Every string a widget puts on screen is kept in `texts`,
so tests and scenarios can ask what is visible, and its measured rectangle in `boxes` (with the
card it must stay inside, its size and colour), and every card it draws in `cards`: the layout
audits (cockpit.ui.audit) read those, never the pixels' guesswork.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

import pygame
from pygame import Rect

from cockpit.core.signals import Value
from cockpit.ui.boxes import CardBox, TextBox
from cockpit.ui.fonts import Typography, Weight
from cockpit.ui.layout import Layout
from cockpit.ui.model import UiModel
from cockpit.ui.theme import Colour, Theme
from cockpit.ui.widgets import shapes
from cockpit.view import CockpitView

if TYPE_CHECKING:
    from cockpit.ui.actions import Action
    from cockpit.ui.talk import Talk


@dataclass(slots=True)
class Skin:
    """What widgets draw with; fixed for one background (theme, size, units, language, cluster)."""

    theme: Theme
    type: Typography
    layout: Layout
    tr: Callable[[str], str]
    distance_unit: str
    temperature_unit: str
    cluster_layout: str = "CLASSIC"  # sig.CLUSTER_LAYOUT: CLASSIC, MINIMAL or SPORT
    background: pygame.Surface = field(default_factory=lambda: pygame.Surface((1, 1)))
    miles: bool = field(init=False)  # speeds and distances in mph and miles (cockpit.core.units)
    fahrenheit: bool = field(init=False)

    def __post_init__(self) -> None:
        self.miles = self.distance_unit == "MILES"
        self.fahrenheit = self.temperature_unit == "F"


@dataclass(slots=True)
class View:
    """What widgets read each frame: the cockpit's read model, the dashboard's own state and the
    push-to-talk text box."""

    cockpit: CockpitView
    model: UiModel
    talk: Talk | None = None

    def value(self, path: str) -> Value:
        return self.cockpit.value(path)

    def number(self, path: str) -> float:
        value = self.cockpit.value(path)
        return float(value) if isinstance(value, (int, float)) else 0.0


S = TypeVar("S", bound=Hashable)
SPRITES_KEPT = 64


@dataclass(frozen=True, slots=True)
class Sprite:
    """A piece of a widget drawn once and blitted again (a pill, a key cap, a bubble), with what
    it reported drawing in its own coordinates."""

    image: pygame.Surface
    texts: list[str]
    boxes: list[TextBox]
    cards: list[CardBox]


class Widget(Generic[S]):
    """Base of every widget. Subclasses implement `state` and `paint`, maybe `paint_static`.

    `S` is the type of what the widget shows (`current`), a hashable value compared each frame.
    """

    current: S

    def __init__(self, rect: Rect, skin: Skin) -> None:
        self.rect = rect
        self.skin = skin
        self.texts: list[str] = []
        self.static_texts: list[str] = []
        self.boxes: list[TextBox] = []
        self.static_boxes: list[TextBox] = []
        self.cards: list[CardBox] = []
        self.static_cards: list[CardBox] = []
        self.origin = (0, 0)  # where the surface being painted sits on screen (overlays, tiles)
        self._shown: Hashable = object()
        self._sprites: dict[Hashable, Sprite] = {}
        self._default_card = Rect(rect.topleft, rect.size)  # what a string stays in unless told

    # --- the contract --------------------------------------------------------------------
    def state(self, view: View) -> S:
        """Everything this widget shows, as a hashable value; a change means a redraw."""
        raise NotImplementedError

    def paint(self, surface: pygame.Surface) -> None:
        """Paint the dynamic part of `self.current`; the background is already in place."""
        raise NotImplementedError

    def paint_static(self, background: pygame.Surface) -> None:
        """Paint what never changes for this skin into the background (default: nothing)."""

    def click(self, pos: tuple[int, int]) -> Action | None:
        """The action a click at `pos` (inside `rect`) asks for, if any."""
        return None

    def scroll(self, pos: tuple[int, int], steps: int) -> Action | None:
        """The action the mouse wheel at `pos` asks for (`steps` > 0: away from the user), if any."""
        return None

    def update(self, view: View) -> bool:
        """Refresh `current` from the view; True when the widget must be redrawn."""
        self.current = self.state(view)
        changed = self.current != self._shown
        return changed

    def draw(self, surface: pygame.Surface) -> Rect:
        """Restore the rectangle from the background, paint, return the dirty rectangle."""
        surface.blit(self.skin.background, self.rect, self.rect)
        self.repaint(surface)
        return self.rect

    def repaint(self, surface: pygame.Surface) -> None:
        """Paint over an already restored background and remember what is shown."""
        self.texts, self.boxes, self.cards = [], [], []
        self.paint(surface)
        self._shown = self.current

    def invalidate(self) -> None:
        """Force a redraw on the next frame."""
        self._shown = object()

    # --- helpers for subclasses ------------------------------------------------------------
    def text(self, surface: pygame.Surface, text: str | Sequence[str], weight: Weight, size: float,
             colour: Colour, at: tuple[float, float], anchor: str = "center", *, static: bool = False,
             card: Rect | None = None, fit: int | None = None, content: bool = False) -> Rect:
        """Draw `text` with its `anchor` point ("center", "midleft", "topleft", ...) at `at`.

        `text` may be several wordings, longest first. With `fit` (a width in pixels) the string
        is set smaller or in a shorter wording until it fits, and cut with "…" only when none does.
        `card` is what the text must stay inside (default: this widget's rectangle); `content`
        marks data that is not our wording (a track title). Returns the line box drawn.
        """
        wordings = (text,) if isinstance(text, str) else tuple(text)
        typography = self.skin.type
        if fit is not None:
            fitted = typography.fit(wordings, weight, size, fit)
            shown, px, cut = fitted.text, fitted.px, fitted.cut
        else:
            shown, px, cut = wordings[0], typography.px(size), False
        if not shown:
            return Rect(round(at[0]), round(at[1]), 0, 0)
        image, ink = typography.rendered(shown, weight, px, colour)
        box = image.get_rect(**{anchor: (round(at[0]), round(at[1]))})
        surface.blit(image, box)
        ox, oy = self.origin
        ink = ink.move(box.left + ox, box.top + oy)
        within = (card if card is not None else self._default_card).move(ox, oy)
        record = TextBox(shown, ink, within, px, weight, colour, type(self).__name__,
                         wordings if cut else (), fit or 0, typography.smallest_px(size), content)
        (self.static_texts if static else self.texts).append(shown)
        (self.static_boxes if static else self.boxes).append(record)
        return box

    def card(self, surface: pygame.Surface, rect: Rect, fill: Colour, radius: int, *,
             edge: Colour | None = None, static: bool = False, smooth: bool = True) -> Rect:
        """A card: a rounded rectangle of `fill` with a hairline `edge` (the theme's by default), so
        its boundary stays visible whatever it sits on. Returns the area inside the edge."""
        edge = self.theme.edge if edge is None else edge
        inner = shapes.card(surface, rect, fill, edge, radius, self.theme.edge_px, smooth=smooth)
        ox, oy = self.origin
        (self.static_cards if static else self.cards).append(
            CardBox(rect.move(ox, oy), fill, edge, type(self).__name__))
        return inner

    def sprite(self, key: Hashable, size: tuple[int, int], fill: Colour,
               draw: Callable[[pygame.Surface], None]) -> Sprite:
        """The piece `draw` paints on a `size` surface of `fill` (the colour it will sit on), drawn
        the first time `key` is asked for and kept (a bounded number of them)."""
        found = self._sprites.get(key)
        if found is None:
            image = pygame.Surface(size)
            image.fill(fill)
            saved = self.texts, self.boxes, self.cards, self.origin, self._default_card
            self.texts, self.boxes, self.cards, self.origin = [], [], [], (0, 0)
            self._default_card = image.get_rect()
            draw(image)
            found = Sprite(image, self.texts, self.boxes, self.cards)
            self.texts, self.boxes, self.cards, self.origin, self._default_card = saved
            if len(self._sprites) >= SPRITES_KEPT:
                self._sprites.clear()
            self._sprites[key] = found
        return found

    def stamp(self, surface: pygame.Surface, sprite: Sprite, at: tuple[int, int]) -> Rect:
        """Blit `sprite` with its top left at `at` and report what it shows there."""
        surface.blit(sprite.image, at)
        dx, dy = at[0] + self.origin[0], at[1] + self.origin[1]
        self.texts.extend(sprite.texts)
        self.boxes.extend(box.moved(dx, dy) for box in sprite.boxes)
        self.cards.extend(card.moved(dx, dy) for card in sprite.cards)
        return Rect(at, sprite.image.get_size())

    def lines(self, text: str, weight: Weight, size: float, width: int, most: int | None = None) -> list[str]:
        """`text` broken into lines of at most `width` pixels; with `most`, the last line kept ends
        in "…" when the text goes on (draw it with `fit` and `content` so the cut is reported)."""
        font = self.skin.type.font(weight, size)
        out: list[str] = []
        words = text.split()
        while words and (most is None or len(out) < most):
            line = words.pop(0)
            while words and font.size(f"{line} {words[0]}")[0] <= width:
                line = f"{line} {words.pop(0)}"
            out.append(line)
        if words and out:
            out[-1] = f"{out[-1]} {' '.join(words)}"
        return out

    @property
    def tr(self) -> Callable[[str], str]:
        return self.skin.tr

    @property
    def theme(self) -> Theme:
        return self.skin.theme

    def px(self, units: float) -> int:
        return self.skin.layout.px(units)
