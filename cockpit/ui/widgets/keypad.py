"""Dialogs over a dimmed screen: the PIN keypad and the quit question.

The keypad opens when leaving a restricted profile (teen, valet) waits for its PIN (the read
model's `pin`). Digits show as dots, never as numbers; a wrong PIN says how many tries are left,
and after the third the keypad counts down its one-minute lock. Keys 0-9, Backspace and Enter
work as well as clicks on its keys; Esc or the ✕ closes it. The quit question asks once, when
Ctrl+Q or the window's close button comes while the car is not parked.
"""

from __future__ import annotations

import math

import pygame
from pygame import Rect

from cockpit.ui.actions import PIN_DIGITS, Action, Close, PinKey, Quit
from cockpit.ui.fonts import Weight
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import S, View
from cockpit.ui.widgets.overlays import Overlay

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "enter")
DIM_ALPHA = 200


KeypadState = tuple[str, str, int, int, int, int]  # leaving, for whom, digits typed, tries, wrong, s locked


class Dialog(Overlay[S]):
    """A card in the middle of a dimmed screen; it takes every click while open."""

    modal = True

    def dialog_card(self, image: pygame.Surface, width: float, height: float) -> Rect:
        """The dimmed screen and the dialog's card (`width` x `height` design units) in its middle."""
        theme = self.theme
        image.fill((*theme.background, DIM_ALPHA))
        self.covering = [self.rect]  # the dimmed screen: what is beneath is not to be read
        card = Rect(0, 0, self.px(width), self.px(height))
        card.center = image.get_rect().center
        self.card(image, card, theme.card_raised, self.px(2))
        return card


class KeypadOverlay(Dialog[KeypadState]):
    """The PIN keypad: a title, the dots, a status line and a 3 x 4 grid of keys."""

    def state(self, view: View) -> KeypadState | None:
        pin, model = view.cockpit.pin, view.model
        if pin is None or not model.keypad_visible:
            return None
        locked = pin.locked_until is not None and view.cockpit.now < pin.locked_until
        remaining = math.ceil(pin.locked_until - view.cockpit.now) if locked and pin.locked_until else 0
        return (pin.leaving_name, pin.display_name, len(model.pin_digits), pin.tries_left, pin.wrong,
                remaining)

    def render(self, image: pygame.Surface) -> None:
        assert self.current is not None
        leaving, target, typed, tries, wrong, remaining = self.current
        theme, tr = self.theme, self.tr
        card = self.dialog_card(image, 74, 78)
        self._card = card.move(self.rect.topleft)
        pad, width = self.px(4), card.width - self.px(8)
        title = tr("Enter the PIN to leave {name}'s profile").format(name=leaving)
        self.text(image, title, Weight.BOLD, 20, theme.text,
                  (card.centerx, card.top + self.px(4.5)), fit=width)
        subtitle = tr("Then {name} drives").format(name=target)
        self.text(image, subtitle, Weight.REGULAR, 16, theme.text_dim,
                  (card.centerx, card.top + self.px(8.5)), fit=width)
        self._close = Rect(card.right - self.px(6), card.top + self.px(1), self.px(5), self.px(5))
        shapes.cross(image, self._close, theme.text_dim)
        self._dots(image, card, typed)
        if remaining:
            status, colour = tr("Locked: try again in {seconds} s").format(seconds=remaining), theme.danger
        elif wrong and tries:  # after a lock runs out the keypad starts afresh
            status, colour = tr("Wrong PIN: {tries} tries left").format(tries=tries), theme.warning
        else:
            status, colour = tr("{low} to {high} digits · Esc closes").format(low=PIN_DIGITS[0],
                                                                           high=PIN_DIGITS[1]), theme.text_dim
        self.text(image, status, Weight.SEMIBOLD, 16, colour,
                  (card.centerx, card.top + self.px(17.5)), fit=width)
        self._keys = self._grid(image, Rect(card.left + pad, card.top + self.px(21), width,
                                            card.height - self.px(24)), typed, bool(remaining))

    def _dots(self, image: pygame.Surface, card: Rect, typed: int) -> None:
        shown = max(PIN_DIGITS[0], typed)
        step, radius = self.px(3.2), self.px(0.9)
        left = card.centerx - step * (shown - 1) / 2
        y = card.top + self.px(13)
        for index in range(shown):
            centre = (left + index * step, y)
            if index < typed:
                shapes.disc(image, centre, radius, self.theme.text)
            else:
                pygame.draw.circle(image, self.theme.text_dim, (round(centre[0]), round(centre[1])), radius,
                                   max(1, self.px(0.25)))
        self.texts.append("●" * typed)

    def _grid(self, image: pygame.Surface, area: Rect, typed: int, locked: bool) -> dict[str, Rect]:
        theme, gap = self.theme, self.px(1.2)
        width, height = (area.width - 2 * gap) // 3, (area.height - 3 * gap) // 4
        keys: dict[str, Rect] = {}
        for index, key in enumerate(KEYS):
            row, column = divmod(index, 3)
            rect = Rect(area.left + column * (width + gap), area.top + row * (height + gap), width, height)
            usable = not locked and (key != "enter" or typed >= PIN_DIGITS[0])
            fill = theme.accent if key == "enter" and usable else theme.card
            pygame.draw.rect(image, fill, rect, border_radius=self.px(1.2))
            label = {"back": "⌫", "enter": self.tr("OK")}.get(key, key)
            colour = theme.text if usable else theme.text_dim
            if key == "enter" and usable:
                colour = (255, 255, 255)
            self.text(image, label, Weight.SEMIBOLD, 24, colour, rect.center)
            keys[key] = rect.move(self.rect.topleft)
        return keys

    def click(self, pos: tuple[int, int]) -> Action | None:
        if self._close.move(self.rect.topleft).collidepoint(pos):
            return Close()
        return next((PinKey(key) for key, rect in self._keys.items() if rect.collidepoint(pos)), None)


class QuitOverlay(Dialog[bool]):
    """Quit the cockpit? Asked once when the car is not parked: Enter quits, Esc stays."""

    def state(self, view: View) -> bool | None:
        return True if view.model.quit_asked else None

    def render(self, image: pygame.Surface) -> None:
        theme, tr = self.theme, self.tr
        card = self.dialog_card(image, 60, 22)
        width = card.width - self.px(8)
        question = tr("Quit the cockpit?")
        self.text(image, question, Weight.BOLD, 24, theme.text,
                  (card.centerx, card.top + self.px(5)), fit=width)
        note = tr("The car is not parked.")
        self.text(image, note, Weight.REGULAR, 16, theme.text_dim,
                  (card.centerx, card.top + self.px(9.5)), fit=width)
        half = (width - self.px(2)) // 2
        stay = Rect(card.left + self.px(4), card.bottom - self.px(9), half, self.px(6))
        leave = Rect(stay.right + self.px(2), stay.top, half, stay.height)
        for rect, label, edge, colour in ((stay, tr("Stay · Esc"), None, theme.text),
                                          (leave, tr("Quit · Enter"), theme.danger, theme.danger)):
            self.card(image, rect, theme.card, self.px(1.2), edge=edge)
            self.text(image, label, Weight.SEMIBOLD,
                      17, colour, rect.center, fit=rect.width - self.px(2))
        self._buttons: list[tuple[Action, Rect]] = [(Close(), stay.move(self.rect.topleft)),
                                                    (Quit(), leave.move(self.rect.topleft))]

    def click(self, pos: tuple[int, int]) -> Action | None:
        return next((action for action, rect in self._buttons if rect.collidepoint(pos)), None)
