"""The status bar: simulated clock, outside temperature, profile badge, broker and assistant state."""

from __future__ import annotations

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.i18n import N_
from cockpit.ui.contrast import readable_on
from cockpit.ui.fonts import Weight
from cockpit.ui.theme import Colour, hex_colour
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import S, View, Widget
from cockpit.view import Broker

HINT_SECONDS = 60.0


class Clock(Widget[str]):
    """The simulated time of day, in 24 or 12 hours following sig.TIME_FORMAT."""

    def state(self, view: View) -> str:
        hours, minutes = view.cockpit.hours_minutes()
        if view.value(sig.TIME_FORMAT) == "HR_12":
            suffix = "am" if hours < 12 else "pm"
            return f"{(hours - 1) % 12 + 1}:{minutes:02d} {suffix}"
        return f"{hours:02d}:{minutes:02d}"

    def paint(self, surface: pygame.Surface) -> None:
        self.text(surface, str(self.current), Weight.SEMIBOLD, 20, self.theme.text,
                  (self.rect.left, self.rect.centery), "midleft")


class OutsideTemperature(Widget[str]):
    """The outside air temperature in the driver's unit."""

    def state(self, view: View) -> str:
        return units.air_temperature_text(view.number(sig.OUTSIDE_TEMP), self.skin.fahrenheit)

    def paint(self, surface: pygame.Surface) -> None:
        self.text(surface, str(self.current), Weight.SEMIBOLD, 20, self.theme.text_dim,
                  (self.rect.left, self.rect.centery), "midleft")


class HelpHint(Widget[bool]):
    """A key cap saying F1 opens the help, for the first minute after start (it may be the first
    time the driver sees the cockpit)."""

    def state(self, view: View) -> bool:
        return view.cockpit.now < HINT_SECONDS and not view.model.help_visible

    def paint(self, surface: pygame.Surface) -> None:
        if self.current:
            self.stamp(surface, self.sprite("hint", self.rect.size, self.theme.background, self._hint),
                       self.rect.topleft)

    def _hint(self, image: pygame.Surface) -> None:
        theme, rect, typography = self.theme, image.get_rect(), self.skin.type
        key_w = typography.width("F1", Weight.BOLD, typography.px(15)) + self.px(2)
        cap = Rect(0, rect.centery - self.px(1.75), key_w, self.px(3.5))
        self.card(image, cap, theme.card_raised, self.px(0.8))
        self.text(image, "F1", Weight.BOLD, 15, theme.text, cap.center, card=cap)
        self.text(image, self.tr("Help"), Weight.SEMIBOLD, 16, theme.text_dim, (cap.right + self.px(1),
                                                                                rect.centery),
                  "midleft", card=rect, fit=rect.right - cap.right - self.px(1))


class ProfileBadge(Widget[tuple[str, Colour]]):
    """The active driver: an initial in a circle of the driver's avatar colour, and the name."""

    def state(self, view: View) -> tuple[str, Colour]:
        driver = view.cockpit.driver
        if driver is None:
            return self.tr("Guest"), self.theme.accent
        return driver.display_name, hex_colour(driver.avatar_colour, self.theme.accent)

    def paint(self, surface: pygame.Surface) -> None:
        self.stamp(surface, self.sprite(self.current, self.rect.size, self.theme.background, self._badge),
                   self.rect.topleft)

    def _badge(self, image: pygame.Surface) -> None:
        (name, colour), theme, rect = self.current, self.theme, image.get_rect()
        radius = self.px(1.8)
        room = rect.width - 2 * radius - self.px(2)
        fitted = self.skin.type.fit(name, Weight.SEMIBOLD, 18, room)
        total = 2 * radius + self.px(1) + self.skin.type.width(fitted.text, Weight.SEMIBOLD, fitted.px)
        left = rect.centerx - total // 2
        avatar(self, image, (left + radius, rect.centery), radius, name, colour, 15)
        self.text(image, name, Weight.SEMIBOLD, 18, theme.text, (left + 2 * radius + self.px(1),
                                                                 rect.centery),
                  "midleft", card=rect, fit=room, content=True)


def avatar(widget: Widget[S], surface: pygame.Surface, centre: tuple[float, float], radius: float, name: str,
           colour: Colour, size: float) -> None:
    """A driver's initial on a disc of their avatar colour, in black or white, whichever reads; in
    high contrast a ring of that colour round the initial in the theme's text colour."""
    theme = widget.theme
    if theme.high_contrast:
        shapes.disc(surface, centre, radius, colour)
        shapes.disc(surface, centre, radius - max(2, widget.px(0.4)), theme.card)
        initial_colour = theme.text
    else:
        shapes.disc(surface, centre, radius, colour)
        initial_colour = readable_on(colour)
    box = Rect(0, 0, round(2 * radius), round(2 * radius))
    box.center = (round(centre[0]), round(centre[1]))
    widget.text(surface, name[:1].upper(), Weight.BOLD, size, initial_colour, centre, card=box)


class Indicator(Widget[tuple[str, str | tuple[str, ...]]]):
    """A coloured dot and a word, right-aligned in its slot (broker state, assistant listening).
    The word may come in several wordings, longest first: the longest that fits is shown."""

    def paint(self, surface: pygame.Surface) -> None:
        colour_role, label = self.current
        if not label:
            return
        colour = getattr(self.theme, colour_role)
        wordings = [self.tr(wording) for wording in ((label,) if isinstance(label, str) else label)]
        box = self.text(surface, wordings, Weight.SEMIBOLD, 16, self.theme.text_dim,
                        (self.rect.right, self.rect.centery), "midright", fit=self.rect.width - self.px(3))
        shapes.disc(surface, (box.left - self.px(1.5), self.rect.centery), self.px(0.6), colour)


class BrokerStatus(Indicator):
    """The home's MQTT broker: online, offline (reconnecting), or offline because there is none."""

    def state(self, view: View) -> tuple[str, str]:
        broker = view.cockpit.broker
        if broker is Broker.ONLINE:
            return "ok", N_("Broker online")
        if broker is Broker.OFFLINE:
            return "danger", N_("Broker offline")
        return "track", N_("Broker offline")  # started without a broker (--no-broker)


class HomeDistance(Indicator):
    """Where the car is relative to the home's geofence: at home, or how far away."""

    def state(self, view: View) -> tuple[str, str | tuple[str, ...]]:
        zone, metres = view.cockpit.zone, view.cockpit.distance_home_m()
        if zone is None or metres is None:
            return "track", ""
        if zone.inside:
            return "ok", N_("At home")
        distance = units.short_distance_text(metres, self.skin.miles)
        return "track", (self.tr("{} from home").format(distance), distance)  # the distance alone if narrow


class ThemeMode(Indicator):
    """Shown while the driver keeps a theme they chose by hand (V) over their profile's automatic
    one; applying the profile again brings "auto" back."""

    def state(self, view: View) -> tuple[str, str]:
        return ("accent", N_("Manual theme")) if view.cockpit.theme_by_hand else ("track", "")


class Listening(Indicator):
    def state(self, view: View) -> tuple[str, str]:
        if view.cockpit.conversation.listening:
            return "accent", N_("Listening")
        return "track", N_("Assistant idle")
