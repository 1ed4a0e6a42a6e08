"""The assistant column: a header with the listening animation, transcript bubbles, the talk box.

The read model's conversation (cockpit.view.conversation) holds the bubbles and the listening state;
push-to-talk and the text box live in cockpit.ui.talk. The animation follows the simulated clock,
quantised so the header redraws a dozen times per pulse rather than every frame; with speech input
it follows the microphone level instead, and the text box shows the words heard so far. A bubble
of spoken words carries three bars for how sure the recogniser was.
"""

from __future__ import annotations

from functools import partial

import pygame
from pygame import Rect

from cockpit.core.text import localise
from cockpit.i18n import N_
from cockpit.ui.fonts import Weight
from cockpit.ui.theme import Colour
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import View, Widget
from cockpit.view.conversation import DRIVER, Bubble

PULSE_STEPS = 12
BUBBLES_KEPT = 8
BUBBLE_TEXT = 16  # design px
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


class AssistantHeader(Widget[tuple[bool, int, str, bool]]):
    """The column's title and a microphone dot; while listening a ring pulses around it (with speech
    input it swells with the driver's voice instead). On the right: "Listening…", or what a
    question before unlocking waits for."""

    def state(self, view: View) -> tuple[bool, int, str, bool]:
        conversation = view.cockpit.conversation
        if not conversation.listening:
            return False, 0, waiting_for(view), False
        level = conversation.level
        if level is None:
            return True, round(conversation.pulse(view.cockpit.now) * PULSE_STEPS), "", False
        return True, round(level * PULSE_STEPS), "", True

    def paint(self, surface: pygame.Surface) -> None:
        listening, step, waiting, voiced = self.current
        theme = self.theme
        centre = (self.rect.left + self.px(2), self.rect.centery)
        if listening:
            share = step / PULSE_STEPS
            # the pulse fades as it grows; the voice's ring is the stronger the louder
            ring = blend(theme.card, theme.accent, 0.35 + 0.65 * share if voiced else 1 - share)
            shapes.disc(surface, centre, self.px(1.2 + 1.0 * share), ring)
            shapes.disc(surface, centre, self.px(1.1), theme.card)
        shapes.disc(surface, centre, self.px(0.8), theme.accent if listening else theme.text_dim)
        title = self.text(surface, self.tr("Assistant"), Weight.BOLD, 22, theme.text,
                          (self.rect.left + self.px(4.5), self.rect.centery), "midleft",
                          fit=self.rect.width - self.px(4.5))
        room = self.rect.right - title.right - self.px(1.5)
        status = self.tr("Listening…") if listening else (self.tr(waiting) if waiting else "")
        if status and self.skin.type.width(status, Weight.SEMIBOLD, self.skin.type.px(15)) <= room:
            self.text(surface, status, Weight.SEMIBOLD, 15, theme.accent if listening else theme.warning,
                      (self.rect.right, self.rect.centery), "midright")


class Transcript(Widget[tuple[Bubble, ...]]):
    """Bubbles, newest at the bottom: the driver's on the right, the assistant's on the left.

    Every bubble is wrapped in full; the oldest that no longer fits whole scrolls away (a fade at
    the top says there is more above) instead of being cut in half.
    """

    def state(self, view: View) -> tuple[Bubble, ...]:
        return view.cockpit.conversation.bubbles[-BUBBLES_KEPT:]

    def paint(self, surface: pygame.Surface) -> None:
        theme, inner = self.theme, self.rect
        if not self.current:
            self.text(surface, self.tr("Try saying:"), Weight.REGULAR, 16, theme.text_dim, inner.topleft,
                      "topleft", fit=inner.width)
            line = self.skin.type.font(Weight.REGULAR, 16).get_height()
            self.text(surface, self.tr("“Set the temperature to 21”"), Weight.SEMIBOLD, 16, theme.text,
                      (inner.left, inner.top + line), "topleft", fit=inner.width)
            return
        bottom = inner.bottom
        for index, bubble in enumerate(reversed(self.current)):
            lines = self._lines(bubble)
            height = self._height(lines)
            if bottom - height < inner.top and index:
                self._fade(surface)
                break
            bottom = self._bubble(surface, bubble, lines, bottom) - self.px(1)

    def _lines(self, bubble: Bubble) -> list[str]:
        # the driver's own words as said (a suggested phrase in their language), the reply localised
        said = self.tr(bubble.text) if bubble.speaker == DRIVER else localise(bubble.text, self.tr)
        return self.lines(said, Weight.REGULAR, BUBBLE_TEXT,
                          round(self.rect.width * 0.86) - self.px(3))

    def _height(self, lines: list[str]) -> int:
        return len(lines) * self.skin.type.font(Weight.REGULAR, BUBBLE_TEXT).get_linesize() + self.px(1.6)

    def _fade(self, surface: pygame.Surface) -> None:
        """A strip at the top that fades into the card: older bubbles are above, out of sight."""
        strip = pygame.Surface((self.rect.width, self.px(3)), pygame.SRCALPHA)
        for row in range(strip.get_height()):
            alpha = round(255 * (1 - row / strip.get_height()))
            strip.fill((*self.theme.card, alpha), Rect(0, row, strip.get_width(), 1))
        surface.blit(strip, self.rect.topleft)

    def _bubble(self, surface: pygame.Surface, bubble: Bubble, lines: list[str], bottom: int) -> int:
        driver = bubble.speaker == DRIVER
        typography = self.skin.type
        px = typography.px(BUBBLE_TEXT)
        width = max(typography.width(line, Weight.REGULAR, px) for line in lines) + self.px(3)
        size = (width, self._height(lines))
        drawn = self.sprite((bubble, size), size, self.theme.card, partial(self._draw_bubble, driver, lines))
        left = self.rect.right - width if driver else self.rect.left
        top = self.stamp(surface, drawn, (left, bottom - size[1])).top
        if bubble.certainty:
            self._certainty(surface, bubble.certainty, (left - self.px(0.8), bottom - self.px(0.6)))
        return top

    def _certainty(self, surface: pygame.Surface, certainty: int, bottom_right: tuple[int, int]) -> None:
        """Three rising bars left of a spoken bubble, as many filled as the recogniser was sure (like
        a signal meter); a guess is one bar in the warning colour."""
        theme = self.theme
        colour = theme.warning if certainty == 1 else theme.accent
        right, bottom = bottom_right
        width, gap = max(2, self.px(0.5)), max(1, self.px(0.3))
        for index in range(3):
            height = self.px(0.8 + 0.6 * index)
            left = right - (3 - index) * (width + gap)
            bar = Rect(left, bottom - height, width, height)
            surface.fill(colour if index < certainty else theme.text_dim, bar)

    def _draw_bubble(self, driver: bool, lines: list[str], image: pygame.Surface) -> None:
        theme, box = self.theme, image.get_rect()
        line_h = self.skin.type.font(Weight.REGULAR, BUBBLE_TEXT).get_linesize()
        fill, colour = (theme.accent_fill, theme.on_accent) if driver else (theme.card_raised, theme.text)
        self.card(image, box, fill, self.px(1.5), edge=theme.accent_fill if driver else None)
        for index, line in enumerate(lines):
            self.text(image, line, Weight.REGULAR, BUBBLE_TEXT, colour,
                      (box.left + self.px(1.5), box.top + self.px(0.8) + index * line_h), "topleft",
                      card=box, content=True)


class TalkBox(Widget[tuple[bool, bool, str, int, bool, tuple[str, ...], str, str]]):
    """Push-to-talk hint (and the wake word, when a microphone listens for it); while listening the
    text box (parked) or the suggested phrases (driving), and the words heard so far while the
    driver speaks."""

    def state(self, view: View) -> tuple[bool, bool, str, int, bool, tuple[str, ...], str, str]:
        talk = view.talk
        if talk is None:
            return False, False, "", 0, False, (), "", ""
        caret = int(view.cockpit.now / BLINK_SECONDS) % 2 == 0
        conversation = view.cockpit.conversation
        return (talk.listening, talk.typing_blocked, talk.draft, talk.choice, caret and talk.listening,
                talk.suggestions, conversation.partial, conversation.wake_word)

    def paint(self, surface: pygame.Surface) -> None:
        listening, blocked, draft, choice, caret, _, partial, wake_word = self.current
        theme, rect = self.theme, self.rect
        hint_y = rect.bottom - self.px(1.5)
        if blocked:
            self.text(surface, self.tr("Voice only while driving"), Weight.SEMIBOLD, 16, theme.warning,
                      (rect.left, rect.top + self.px(1)), "topleft", fit=rect.width)
        if not listening:
            idle = self.tr("Say “{wake_word}” or press Space").format(wake_word=wake_word) if wake_word \
                else self.tr("Press Space to talk")
            self.text(surface, idle, Weight.REGULAR, 15, theme.text_dim, (rect.left, hint_y), "midleft",
                      fit=rect.width)
            return
        if partial and not draft:  # speech: what the recogniser has heard so far
            box = Rect(rect.left, rect.bottom - self.px(9), rect.width, self.px(5))
            self.card(surface, box, theme.card_raised, self.px(1.5), edge=theme.accent)
            self.text(surface, self._tail(f"{partial}…", box.width - self.px(4)), Weight.REGULAR, 16,
                      theme.text, (box.left + self.px(1.5), box.centery), "midleft", card=box, content=True)
            hint = (self.tr("Esc cancels"), "Esc")
        elif blocked:
            self._suggestions(surface, choice)
            hint = (self.tr("↑ ↓ choose · Enter says it · Esc cancels"), f"↑ ↓ · {self.tr('Enter')} · Esc")
        else:
            box = Rect(rect.left, rect.bottom - self.px(9), rect.width, self.px(5))
            self.card(surface, box, theme.card_raised, self.px(1.5), edge=theme.accent)
            width = box.width - self.px(4)
            at = (box.left + self.px(1.5), box.centery)
            if draft:  # the end of what is typed stays in sight
                end = self.text(surface, self._tail(draft, width), Weight.REGULAR, 16, theme.text, at,
                                "midleft",
                                card=box, content=True)
            else:
                self.text(surface, self.tr("Type what you would say…"), Weight.REGULAR, 16,
                          theme.text_dim, at,
                          "midleft", card=box, fit=width)
            if caret:
                x = end.right + 2 if draft else box.left + self.px(1.5)
                surface.fill(theme.accent, Rect(x, box.centery - self.px(1.2), 2, self.px(2.4)))
            hint = (self.tr("Enter sends · Esc cancels"), f"{self.tr('Enter')} · Esc")
        self.text(surface, hint, Weight.REGULAR, 15, theme.text_dim, (rect.left, hint_y), "midleft",
                  fit=rect.width)

    def _tail(self, draft: str, width: int) -> str:
        """As much of the end of `draft` as fits `width`, like a text field scrolled to its caret."""
        typography = self.skin.type
        px = typography.px(16)
        shown = draft
        while len(shown) > 1 and typography.width(shown, Weight.REGULAR, px) > width:
            shown = shown[1:]
        return shown

    def _suggestions(self, surface: pygame.Surface, choice: int) -> None:
        theme, rect = self.theme, self.rect
        suggestions = self.current[5]
        line_h = self.skin.type.font(Weight.SEMIBOLD, 15).get_linesize() + self.px(0.8)
        top = rect.top + self.px(4)
        fits = max(1, (rect.bottom - self.px(3.5) - top) // line_h)
        first = min(max(0, choice - fits + 1), max(0, len(suggestions) - fits))
        for row, index in enumerate(range(first, min(len(suggestions), first + fits))):
            line = Rect(rect.left, top + row * line_h, rect.width, line_h - 2)
            selected = index == choice
            if selected:
                self.card(surface, line, theme.card_raised, self.px(1), edge=theme.accent)
            weight = Weight.SEMIBOLD if selected else Weight.REGULAR
            shown = self.tr(suggestions[index])  # an example utterance, in the driver's language
            self.text(surface, f"“{shown}”", weight, 15,
                      theme.text if selected else theme.text_dim, (line.left + self.px(1), line.centery),
                      "midleft", card=line, fit=rect.width - self.px(2), content=True)
