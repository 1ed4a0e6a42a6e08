"""The dashboard, independent of any window or event loop.

`Dashboard(view, size)` renders a cockpit's read model (cockpit.view.CockpitView, e.g. a session's
`view`) onto `surface`; it needs nothing else, so a test can draw it from a read model alone. The
pygame app, the headless run, the scenario runner, the benchmark and the tests all drive it the
same way: `handle_key(name)`, `type_text(text)`, `click(pos)`, `frame()` (returns the dirty
rectangles), `visible_text()`, `screenshot(path)`, `request_quit()` (the window's close button), and
for the layout audits (cockpit.ui.audit) `text_boxes()` and `cards()`. A key goes first to the quit
question or the PIN keypad while one is open (they take every key), then to push-to-talk while
listening, then to the active panel (its list selection), then to the global key table. A click
goes to the topmost overlay that is open, then to the widget under it.

Each frame asks every widget whether what it shows changed and redraws only those, restoring their
rectangles from a background pre-rendered once per theme, size, units, language and cluster
layout. Overlays (the toast, the key help) are blitted again over every dirty rectangle they touch.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.core.errors import CockpitError
from cockpit.i18n import translator
from cockpit.ui import screen
from cockpit.ui.boxes import CardBox, TextBox
from cockpit.ui.chime import Chime
from cockpit.ui.fonts import Typography
from cockpit.ui.keys import KEY_ACTIONS, KEYPAD_KEYS, PANEL_KEYS, Controls
from cockpit.ui.layout import build_layout
from cockpit.ui.model import UiModel
from cockpit.ui.panels.base import TABS, PanelHost
from cockpit.ui.talk import Talk, speak_replies
from cockpit.ui.theme import theme_for
from cockpit.ui.widgets.base import Skin, View, Widget
from cockpit.ui.widgets.overlays import Overlay
from cockpit.view import CockpitView

logger = logging.getLogger(__name__)

FONT_FACTORS = {"STANDARD": 1.0, "LARGE": 1.12, "EXTRA_LARGE": 1.25}
B = TypeVar("B", TextBox, CardBox)
SKIN_SIGNALS = (sig.DAY_NIGHT, sig.HIGH_CONTRAST, sig.FONT_SIZE, sig.LANGUAGE, sig.DISTANCE_UNIT,
                sig.TEMPERATURE_UNIT, sig.CLUSTER_LAYOUT)


@functools.cache
def typography(scale: float) -> Typography:
    """One set of fonts and rendered text per scale, shared by every dashboard of the process."""
    return Typography(scale)


class Dashboard:
    """Renders one cockpit's read model; draws onto `surface` (a window's, or its own)."""

    def __init__(self, cockpit: CockpitView, size: tuple[int, int] = (1920, 720),
                 surface: pygame.Surface | None = None, speak: Callable[[str], object] | None = None,
                 chime: Chime | None = None) -> None:
        """`speak` says a reply aloud (espeak-ng by default); `chime` sounds the speed warning and
        the indicator's tick (silent unless given: a window passes a live one)."""
        if not pygame.font.get_init():
            pygame.font.init()
        self.cockpit = cockpit
        self.size = size
        self.surface = surface if surface is not None else pygame.Surface(size)
        self.layout = build_layout(size)
        self.model = UiModel(cockpit, tuple(tab for tab, _ in TABS))
        self.talk = Talk(cockpit, self.model)
        self.controls = Controls(cockpit, self.model, self.talk)
        self.view = View(cockpit, self.model, self.talk)
        self.chime = chime if chime is not None else Chime(enabled=False)
        self._stop_speaking = speak_replies(cockpit, speak)
        self.widgets: list[Widget[Any]] = []
        self.overlays: list[Overlay[Any]] = []
        self._skin_key: tuple[object, ...] | None = None
        self._held: set[str] = set()
        self._region_cards: list[CardBox] = []

    @property
    def quit_requested(self) -> bool:
        return self.controls.quit_requested

    # --- input ---------------------------------------------------------------------------
    def handle_key(self, name: str) -> None:
        """A key went down (pygame key name, e.g. "up", "d", "f1"); unknown keys are ignored."""
        name = name.lower()
        if self._modal_key(name) or self.talk.key(name) or self._panel_key(name):
            return
        action = KEY_ACTIONS.get(name)
        if action is None:
            return
        self._held.add(name)
        self.controls.press(action)

    def request_quit(self) -> None:
        """The window's close button: like Ctrl+Q, it asks first when the car is not parked."""
        self.controls.request_quit()

    def _modal_key(self, name: str) -> bool:
        """The quit question takes Enter and Esc, the PIN keypad its digits, Backspace, Enter and
        Esc; every other key (the pedals, the brake) still drives."""
        model = self.model
        if model.quit_asked and name in ("return", "enter", "escape"):
            model.close_top() if name == "escape" else self.controls.request_quit()
            return True
        if model.keypad_visible and (name in KEYPAD_KEYS or name == "escape"):
            model.close_top() if name == "escape" else self.controls.press(KEYPAD_KEYS[name])
            return True
        return False

    def type_text(self, text: str) -> None:
        """Text typed on the keyboard (pygame TEXTINPUT); it goes to the assistant's text box."""
        self.talk.type(text)

    def _panel_key(self, name: str) -> bool:
        """Offer an arrow or Enter to the active panel; True when it used the key."""
        move = PANEL_KEYS.get(name)
        host = next((w for w in self.widgets if isinstance(w, PanelHost)), None)
        if move is None or host is None:
            return False
        self.model.follow()
        panel = host.panel(self.model.screen)
        panel.update(self.view)  # the tab may have changed since the last frame
        action = panel.key(move, self.view)
        if action is None:
            return False
        self.controls.press(action)
        return True

    def release_key(self, name: str) -> None:
        """A key came up: held pedals go back to zero."""
        action = KEY_ACTIONS.get(name.lower())
        if action is not None and name.lower() in self._held:
            self._held.discard(name.lower())
            self.controls.release(action)

    def click(self, pos: tuple[int, int]) -> None:
        """A mouse click: the overlay or widget under `pos` names the action, as a key would. An
        open dialog (the keypad, the quit question) takes every click."""
        for overlay in reversed(self.overlays):
            if overlay.visible and (overlay.modal or overlay.rect.collidepoint(pos)):
                action = overlay.click(pos)
                if action is not None:
                    self.controls.press(action)
                if overlay.modal or action is not None:
                    return
        for widget in self.widgets:
            if widget.rect.collidepoint(pos):
                action = widget.click(pos)
                if action is not None:
                    self.controls.press(action)
                return

    def scroll(self, pos: tuple[int, int], steps: int) -> None:
        """The mouse wheel at `pos` (`steps` > 0: away from the user): the widget under it acts."""
        for widget in self.widgets:
            if widget.rect.collidepoint(pos):
                action = widget.scroll(pos, steps)
                if action is not None:
                    self.controls.press(action)
                return

    # --- drawing -------------------------------------------------------------------------
    def frame(self) -> list[Rect]:
        """Update every widget and redraw what changed; returns the dirty rectangles."""
        self.model.follow()
        self.chime.follow(bool(self.cockpit.value(sig.SPEED_WARNING)))
        self.chime.indicator(self.cockpit.lamp_lit("left") or self.cockpit.lamp_lit("right"))
        key = tuple(self.cockpit.value(path) for path in SKIN_SIGNALS)
        if key != self._skin_key:
            self._rebuild(key)
            return self.full_redraw()
        view, surface = self.view, self.surface
        dirty = [widget.draw(surface) for widget in self.widgets if widget.update(view)]
        for overlay in self.overlays:
            if overlay.update(view):
                dirty.append(self._repaint_under(overlay))
        if dirty:
            for overlay in self.overlays:
                if overlay.visible:
                    for area in dirty:
                        overlay.blit(surface, area)
        return dirty

    def full_redraw(self) -> list[Rect]:
        """Redraw everything from the background; returns the whole screen as dirty."""
        view, surface = self.view, self.surface
        surface.blit(self.skin.background, (0, 0))
        for widget in self.widgets:
            widget.update(view)
            widget.repaint(surface)
        screen_rect = surface.get_rect()
        for overlay in self.overlays:
            if overlay.update(view):
                overlay.repaint(surface)
            overlay.blit(surface, screen_rect)
        return [screen_rect]

    def visible_text(self) -> list[str]:
        """Every string on screen now: static labels, widgets, then visible overlays."""
        texts: list[str] = []
        for widget in self.widgets:
            texts.extend(widget.static_texts)
            texts.extend(widget.texts)
        for overlay in self.overlays:
            if overlay.visible:
                texts.extend(overlay.texts)
        return texts

    def text_boxes(self) -> list[TextBox]:
        """Every string on screen now with its measured rectangle, leaving out what an overlay hides."""
        return self._visible([[*w.static_boxes, *w.boxes] for w in self.widgets],
                             [overlay.boxes for overlay in self.overlays])

    def cards(self) -> list[CardBox]:
        """Every card on screen now (region cards, tiles, bubbles, toasts), leaving out hidden ones."""
        return self._visible([self._region_cards, *([*w.static_cards, *w.cards] for w in self.widgets)],
                             [overlay.cards for overlay in self.overlays])

    def _visible(self, below: list[list[B]], overlays: list[list[B]]) -> list[B]:
        layers = [[box for boxes in below for box in boxes]]
        layers += [boxes for boxes, overlay in zip(overlays, self.overlays, strict=True) if overlay.visible]
        shown = [overlay for overlay in self.overlays if overlay.visible]
        visible: list[B] = []
        for index, layer in enumerate(layers):
            hiding = [area for overlay in shown[index:] for area in overlay.covering]
            visible.extend(box for box in layer if not any(area.colliderect(box.rect) for area in hiding))
        return visible

    def screenshot(self, path: str | Path) -> None:
        """Save what is on screen as a PNG, atomically: a failed save leaves no half-written file.

        Raises CockpitError (exit 1) when the file cannot be written.
        """
        target = Path(path)
        # Same folder (so the rename is atomic), same suffix (pygame picks the format by it).
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp{target.suffix or '.png'}")
        try:
            pygame.image.save(self.surface, str(temporary))
            os.replace(temporary, target)
        except (pygame.error, OSError) as error:
            temporary.unlink(missing_ok=True)
            raise CockpitError(f"cannot save the screenshot {target}: {error}") from None

    def close(self) -> None:
        """Stop speaking replies and release the audio device; safe to call twice."""
        self._stop_speaking()
        self.chime.close()

    # --- internals -----------------------------------------------------------------------
    def _rebuild(self, key: tuple[object, ...]) -> None:
        day_night, high_contrast, font_size, language, distance_unit, temperature_unit, cluster = key
        self.layout = build_layout(self.size, str(cluster))
        scale = round(self.layout.scale * FONT_FACTORS.get(str(font_size), 1.0), 4)
        theme = theme_for(str(day_night), bool(high_contrast))
        self.skin = Skin(theme, typography(scale), self.layout, translator(str(language)),
                         str(distance_unit), str(temperature_unit), str(cluster))
        self.widgets = screen.build_widgets(self.skin)
        self.overlays = screen.build_overlays(self.skin)
        background = pygame.Surface(self.size, 0, self.surface)
        self._region_cards = screen.paint_background(self.skin, self.widgets, background)
        self.skin.background = background
        self._skin_key = key
        logger.debug("rebuilt the dashboard: %s theme, %s, %s, %s cluster", theme.name, language,
                     distance_unit, cluster)

    def _repaint_under(self, overlay: Overlay[Any]) -> Rect:
        """An overlay appeared, changed or went: repaint the widgets beneath its rectangle."""
        area = overlay.rect
        surface = self.surface
        surface.blit(self.skin.background, area, area)
        surface.set_clip(area)
        for widget in self.widgets:
            if widget.rect.colliderect(area):
                widget.repaint(surface)
        surface.set_clip(None)
        overlay.repaint(surface)
        return area
