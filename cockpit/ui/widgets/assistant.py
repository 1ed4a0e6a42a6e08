"""The assistant column: a header with the listening animation, transcript bubbles, the talk box.

The read model's conversation (cockpit.view.conversation) holds the bubbles and the listening state;
push-to-talk and the text box live in cockpit.ui.talk. The animation follows the simulated clock,
quantised so the header redraws a dozen times per pulse rather than every frame.
"""

from __future__ import annotations

import pygame
from pygame import Rect

from cockpit.i18n import N_
from cockpit.ui.fonts import Weight
from cockpit.ui.theme import Colour
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import View, Widget
from cockpit.view.conversation import DRIVER, Bubble

PULSE_STEPS = 12
BUBBLES_KEPT = 8
BUBBLE_LINES = 4
BLINK_SECONDS = 0.5


def blend(a: Colour, b: Colour, share: float) -> Colour:
    """`share` of the way from colour `a` to colour `b`."""
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def waiting_for(view: View) -> str:
    """What the assistant waits for, as the header says it: a yes, the voice PIN, or nothing more
    while too many wrong PINs keep voice unlocking locked ("" when it waits for nothing)."""
    conversation, now = view.cockpit.conversation, view.cockpit.now
    if conversation.pin_locked(now):
        return N_("Voice unlock locked")
    awaiting = conversation.awaiting
    if awaiting is None or now >= awaiting.expires:
        return ""
    return N_("Say your voice PIN") if awaiting.method == "pin" else N_("Waiting for your yes")


class AssistantHeader(Widget[tuple[bool, int, str]]):
    """The column's title and a microphone dot; while listening a ring pulses around it. On the
    right: "Listening…", or what a question before unlocking waits for."""

    def state(self, view: View) -> tuple[bool, int, str]:
        conversation = view.cockpit.conversation
        if not conversation.listening:
            return False, 0, waiting_for(view)
        return True, round(conversation.pulse(view.cockpit.now) * PULSE_STEPS), ""

    def paint(self, surface: pygame.Surface) -> None:
        listening, step, waiting = self.current
        theme = self.theme
        centre = (self.rect.left + self.px(2), self.rect.centery)
        if listening:
            share = step / PULSE_STEPS
            ring = blend(theme.card, theme.accent, 1 - share)
            shapes.disc(surface, centre, self.px(1.2 + 1.0 * share), ring)
            shapes.disc(surface, centre, self.px(1.1), theme.card)
        shapes.disc(surface, centre, self.px(0.8), theme.accent if listening else theme.text_dim)
        self.text(surface, self.tr("Assistant"), Weight.BOLD, 22, theme.text,
                  (self.rect.left + self.px(4.5), self.rect.centery), "midleft")
        status = self.tr("Listening…") if listening else (self.tr(waiting) if waiting else "")
        if status:
            self.text(surface, status, Weight.SEMIBOLD, 15, theme.accent if listening else theme.warning,
                      (self.rect.right, self.rect.centery), "midright")


class Transcript(Widget[tuple[Bubble, ...]]):
    """Bubbles, newest at the bottom: the driver's on the right, the assistant's on the left."""

    def state(self, view: View) -> tuple[Bubble, ...]:
        return view.cockpit.conversation.bubbles[-BUBBLES_KEPT:]

    def paint(self, surface: pygame.Surface) -> None:
        theme, inner = self.theme, self.rect
        if not self.current:
            intro = self.fit(self.tr("Try saying:"), Weight.REGULAR, 16, inner.width)
            self.text(surface, intro, Weight.REGULAR, 16, theme.text_dim, inner.topleft, "topleft")
            hint = self.fit(self.tr("“Set the temperature to 21”"), Weight.SEMIBOLD, 16, inner.width)
            self.text(surface, hint, Weight.SEMIBOLD, 16, theme.text, (inner.left, inner.top + self.px(3)),
                      "topleft")
            return
        bottom = inner.bottom
        surface.set_clip(inner)
        for bubble in reversed(self.current):
            bottom = self._bubble(surface, bubble, bottom)
            if bottom < inner.top:
                break
        surface.set_clip(None)

    def _bubble(self, surface: pygame.Surface, bubble: Bubble, bottom: int) -> int:
        theme, inner = self.theme, self.rect
        driver = bubble.speaker == DRIVER
        max_w = round(inner.width * 0.86)
        lines = self.wrap(bubble.text, Weight.REGULAR, 15, max_w - self.px(3), BUBBLE_LINES)
        font = self.skin.type.font(Weight.REGULAR, 15)
        width = max(font.size(line)[0] for line in lines) + self.px(3)
        line_h = self.px(2.4)
        box = Rect(0, 0, width, len(lines) * line_h + self.px(1.6))
        box.bottom = bottom
        if driver:
            box.right = inner.right
        else:
            box.left = inner.left
        fill, colour = (theme.accent, (255, 255, 255)) if driver else (theme.card_raised, theme.text)
        shapes.rounded_rect(surface, box, fill, self.px(1.5))
        for index, line in enumerate(lines):
            self.text(surface, line, Weight.REGULAR, 15, colour,
                      (box.left + self.px(1.5), box.top + self.px(0.8) + index * line_h), "topleft")
        return box.top - self.px(1)


class TalkBox(Widget[tuple[bool, bool, str, int, bool, tuple[str, ...]]]):
    """Push-to-talk hint; while listening the text box (parked) or the suggested phrases (driving)."""

    def state(self, view: View) -> tuple[bool, bool, str, int, bool, tuple[str, ...]]:
        talk = view.talk
        if talk is None:
            return False, False, "", 0, False, ()
        caret = int(view.cockpit.now / BLINK_SECONDS) % 2 == 0
        return (talk.listening, talk.typing_blocked, talk.draft, talk.choice, caret and talk.listening,
                talk.suggestions)

    def paint(self, surface: pygame.Surface) -> None:
        listening, blocked, draft, choice, caret, _ = self.current
        theme, rect = self.theme, self.rect
        hint_y = rect.bottom - self.px(1.5)
        if blocked:
            self.text(surface, self.tr("Voice only while driving"), Weight.SEMIBOLD, 16, theme.warning,
                      (rect.left, rect.top + self.px(1)), "topleft")
        if not listening:
            self.text(surface, self.fit(self.tr("Press Space to talk"), Weight.REGULAR, 15, rect.width),
                      Weight.REGULAR, 15, theme.text_dim, (rect.left, hint_y), "midleft")
            return
        if blocked:
            self._suggestions(surface, choice)
            hint = self.tr("↑ ↓ choose · Enter says it · Esc cancels")
        else:
            box = Rect(rect.left, rect.bottom - self.px(9), rect.width, self.px(5))
            shapes.rounded_rect(surface, box, theme.accent, self.px(1.5))
            shapes.rounded_rect(surface, box.inflate(-4, -4), theme.card_raised, self.px(1.3))
            width = box.width - self.px(3)
            shown = self.fit(draft, Weight.REGULAR, 16, width) if draft else ""
            if not draft:
                prompt = self.fit(self.tr("Type what you would say…"), Weight.REGULAR, 16, width)
                self.text(surface, prompt, Weight.REGULAR, 16, theme.text_dim,
                          (box.left + self.px(1.5), box.centery), "midleft")
            at = self.text(surface, shown, Weight.REGULAR, 16, theme.text,
                           (box.left + self.px(1.5), box.centery), "midleft")
            if caret:
                x = at.right + 2 if shown else box.left + self.px(1.5)
                surface.fill(theme.accent, Rect(x, box.centery - self.px(1.2), 2, self.px(2.4)))
            hint = self.tr("Enter sends · Esc cancels")
        self.text(surface, self.fit(hint, Weight.REGULAR, 15, rect.width), Weight.REGULAR, 15,
                  theme.text_dim, (rect.left, hint_y), "midleft")

    def _suggestions(self, surface: pygame.Surface, choice: int) -> None:
        theme, rect = self.theme, self.rect
        suggestions = self.current[5]
        line_h = self.px(2.7)
        top = rect.top + self.px(4)
        fits = max(1, (rect.bottom - self.px(3.5) - top) // line_h)
        first = min(max(0, choice - fits + 1), max(0, len(suggestions) - fits))
        for row, index in enumerate(range(first, min(len(suggestions), first + fits))):
            line = Rect(rect.left, top + row * line_h, rect.width, line_h - 2)
            selected = index == choice
            if selected:
                shapes.rounded_rect(surface, line, theme.card_raised, self.px(1))
            text = self.fit(f"“{suggestions[index]}”", Weight.REGULAR, 15, rect.width - self.px(2))
            self.text(surface, text, Weight.SEMIBOLD if selected else Weight.REGULAR, 15,
                      theme.text if selected else theme.text_dim, (line.left + self.px(1), line.centery),
                      "midleft")
