"""The driver-change moment: a short wash over the cluster and centre display, and one welcome line.

When the driver changes (the read model's `welcome_at`), the cluster and the centre display take a
tint of the new driver's avatar colour that fades out within TRANSITION_SECONDS, and one line
greets them - "Welcome back, Alice", in their language, with their avatar - for WELCOME_SECONDS.
The line's "What changed" opens the list of everything the switch changed (I does too); nothing
else about the switch is written over the screen.
"""

from __future__ import annotations

import pygame
from pygame import Rect

from cockpit.core.facts import GUEST_ID
from cockpit.i18n import N_, translator
from cockpit.ui.actions import Action, WhatChanged
from cockpit.ui.fonts import Weight
from cockpit.ui.theme import Colour, hex_colour
from cockpit.ui.widgets.base import View
from cockpit.ui.widgets.overlays import Overlay
from cockpit.ui.widgets.status import avatar

TRANSITION_SECONDS = 0.8  # at most 1 s: long enough to notice, short enough not to distract
TRANSITION_STEPS = 8
TRANSITION_ALPHA = 220  # of 255, at the edge, at the start of the fade
WELCOME_SECONDS = 6.0
WELCOME = N_("Welcome back, {name}")
WELCOME_GUEST = N_("Welcome")
WHAT_CHANGED = N_("What changed")


def since_welcome(view: View) -> float | None:
    """Seconds since the driver changed, None when they never did."""
    at = view.cockpit.welcome_at
    return None if at is None else view.cockpit.now - at


class TransitionOverlay(Overlay[tuple[Colour, int]]):
    """The new driver's colour glowing round the cluster and the centre display, fading out in
    steps: in the gap round their cards, never over what the driver reads."""

    def state(self, view: View) -> tuple[Colour, int] | None:
        elapsed, driver = since_welcome(view), view.cockpit.driver
        if elapsed is None or driver is None or not 0 <= elapsed < TRANSITION_SECONDS:
            return None
        step = int(elapsed / TRANSITION_SECONDS * TRANSITION_STEPS)
        return hex_colour(driver.avatar_colour, self.theme.accent), step

    def render(self, image: pygame.Surface) -> None:
        assert self.current is not None
        colour, step = self.current
        alpha = TRANSITION_ALPHA * (1 - step / TRANSITION_STEPS)
        band = max(2, self.px(1))  # in the gap round the card
        for area in self.areas:
            edge = area.move(-self.rect.left, -self.rect.top)
            for out in range(2, band + 2):  # strongest by the card's edge (a pixel apart), fading outwards
                pygame.draw.rect(image, (*colour, round(alpha * (1 - (out - 2) / band))),
                                 edge.inflate(2 * out, 2 * out), width=1, border_radius=self.px(2) + out)

    @property
    def areas(self) -> list[Rect]:
        regions = self.skin.layout.regions
        return [regions["cluster"], regions["centre"]]


class WelcomeOverlay(Overlay[tuple[str, str, Colour, str]]):
    """One line at the top of the centre display: the avatar, the greeting and "What changed"."""

    def state(self, view: View) -> tuple[str, str, Colour, str] | None:
        elapsed, driver = since_welcome(view), view.cockpit.driver
        if elapsed is None or driver is None or not 0 <= elapsed < WELCOME_SECONDS:
            return None
        if view.model.changes_visible:
            return None
        tr = translator(driver.language)
        name = driver.display_name
        greeting = tr(WELCOME_GUEST) if driver.id == GUEST_ID else tr(WELCOME).format(name=name)
        colour = hex_colour(driver.avatar_colour, self.theme.accent)
        return greeting, name[:1].upper(), colour, tr(WHAT_CHANGED)

    def render(self, image: pygame.Surface) -> None:
        assert self.current is not None
        greeting, initial, colour, link = self.current
        theme, height = self.theme, image.get_height()
        box = image.get_rect()
        self.card(image, box, theme.card_raised, height // 2, edge=theme.accent)
        self.covering = [self.rect]  # it sits on the panel's title
        radius = height * 0.36
        centre = (box.left + height // 2, box.centery)
        avatar(self, image, centre, radius, initial, colour, 17)
        link_w = self.skin.type.font(Weight.SEMIBOLD, 16).size(f"{link} ›")[0]
        self._link = Rect(box.right - link_w - self.px(3), 0, link_w + self.px(3), height)
        self.text(image, f"{link} ›", Weight.SEMIBOLD, 16, theme.accent,
                  (box.right - self.px(2.5), box.centery), "midright")
        room = self._link.left - (box.left + height) - self.px(2)
        self.text(image, greeting, Weight.BOLD, 20, theme.text,
                  (box.left + height, box.centery), "midleft", fit=room)

    def click(self, pos: tuple[int, int]) -> Action | None:
        return WhatChanged()
