"""The widget contract and the two objects every widget reads: `Skin` and `View`.

A widget reads the cockpit only through `View.cockpit`, the read model (cockpit.view.CockpitView):
never the session, the home bridge, the geofence or the profile store, so a widget can be built
and drawn in a test from a read model alone.

A widget's `update(view)` computes what it would show and returns whether that differs from what
it shows now; `draw(surface)` restores its rectangle from the pre-rendered background, paints the
dynamic part and returns the dirty rectangle. Static parts (labels, dial faces) are painted once
into the background by `paint_static`. Every string a widget puts on screen is kept in `texts`,
so tests and scenarios can ask what is visible.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

import pygame
from pygame import Rect

from cockpit.core.signals import Value
from cockpit.ui.fonts import Typography, Weight
from cockpit.ui.layout import Layout
from cockpit.ui.model import UiModel
from cockpit.ui.theme import Colour, Theme
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
        self._shown: Hashable = object()

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
        self.texts = []
        self.paint(surface)
        self._shown = self.current

    def invalidate(self) -> None:
        """Force a redraw on the next frame."""
        self._shown = object()

    # --- helpers for subclasses ------------------------------------------------------------
    def text(self, surface: pygame.Surface, text: str, weight: Weight, size: float, colour: Colour,
             at: tuple[float, float], anchor: str = "center", *, static: bool = False) -> Rect:
        """Draw `text` with its `anchor` point ("center", "midleft", "topleft", ...) at `at`."""
        if not text:
            return Rect(round(at[0]), round(at[1]), 0, 0)
        image = self.skin.type.render(text, weight, size, colour)
        box = image.get_rect(**{anchor: (round(at[0]), round(at[1]))})
        surface.blit(image, box)
        (self.static_texts if static else self.texts).append(text)
        return box

    def fit(self, text: str, weight: Weight, size: float, width: int) -> str:
        """`text`, shortened with an ellipsis until it fits `width` pixels."""
        return self.skin.type.fit(text, weight, size, width)

    def wrap(self, text: str, weight: Weight, size: float, width: int, lines: int) -> list[str]:
        """`text` broken into at most `lines` lines of at most `width` pixels (the last one shortened)."""
        font = self.skin.type.font(weight, size)
        out: list[str] = []
        words = text.split()
        while words and len(out) < lines:
            line = words.pop(0)
            while words and font.size(f"{line} {words[0]}")[0] <= width:
                line = f"{line} {words.pop(0)}"
            out.append(line)
        if words and out:
            out[-1] = self.fit(f"{out[-1]} {' '.join(words)}", weight, size, width)
        return [self.fit(line, weight, size, width) for line in out]

    @property
    def tr(self) -> Callable[[str], str]:
        return self.skin.tr

    @property
    def theme(self) -> Theme:
        return self.skin.theme

    def px(self, units: float) -> int:
        return self.skin.layout.px(units)
