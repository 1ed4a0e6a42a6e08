"""The status bar: simulated clock, outside temperature, profile badge, broker and assistant state."""

from __future__ import annotations

import pygame

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.i18n import N_
from cockpit.ui.fonts import Weight
from cockpit.ui.theme import Colour, hex_colour
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import View, Widget
from cockpit.view import Broker


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


class ProfileBadge(Widget[tuple[str, Colour]]):
    """The active driver: an initial in a circle of the driver's avatar colour, and the name."""

    def state(self, view: View) -> tuple[str, Colour]:
        driver = view.cockpit.driver
        if driver is None:
            return self.tr("Guest"), self.theme.accent
        return driver.display_name, hex_colour(driver.avatar_colour, self.theme.accent)

    def paint(self, surface: pygame.Surface) -> None:
        (name, colour), theme = self.current, self.theme
        name = self.fit(name, Weight.SEMIBOLD, 18, self.rect.width - self.px(6))
        label = self.skin.type.render(name, Weight.SEMIBOLD, 18, theme.text)
        radius = self.px(1.8)
        total = 2 * radius + self.px(1) + label.get_width()
        left = self.rect.centerx - total // 2
        shapes.disc(surface, (left + radius, self.rect.centery), radius, colour)
        self.text(surface, name[:1].upper(), Weight.BOLD, 15, (255, 255, 255),
                  (left + radius, self.rect.centery))
        self.text(surface, name, Weight.SEMIBOLD, 18, theme.text,
                  (left + 2 * radius + self.px(1), self.rect.centery), "midleft")


class Indicator(Widget[tuple[str, str]]):
    """A coloured dot and a word, right-aligned in its slot (broker state, assistant listening)."""

    def paint(self, surface: pygame.Surface) -> None:
        colour_role, label = self.current
        if not label:
            return
        colour = getattr(self.theme, colour_role)
        shown = self.fit(self.tr(label), Weight.SEMIBOLD, 16, self.rect.width - self.px(3))
        box = self.text(surface, shown, Weight.SEMIBOLD, 16, self.theme.text_dim,
                        (self.rect.right, self.rect.centery), "midright")
        shapes.disc(surface, (box.left - self.px(1.5), self.rect.centery), self.px(0.6), colour)


class BrokerStatus(Indicator):
    """The home's MQTT broker: online, offline (reconnecting), or offline because there is none."""

    def state(self, view: View) -> tuple[str, str]:
        broker = view.cockpit.broker
        if broker is Broker.ONLINE:
            return "ok", N_("Broker online")
        if broker is Broker.OFFLINE:
            return "danger", N_("Broker offline")
        return "line", N_("Broker offline")  # started without a broker (--no-broker)


class HomeDistance(Indicator):
    """Where the car is relative to the home's geofence: at home, or how far away."""

    def state(self, view: View) -> tuple[str, str]:
        zone, metres = view.cockpit.zone, view.cockpit.distance_home_m()
        if zone is None or metres is None:
            return "line", ""
        if zone.inside:
            return "ok", N_("At home")
        return "line", self.tr("{} from home").format(units.short_distance_text(metres, self.skin.miles))


class Listening(Indicator):
    def state(self, view: View) -> tuple[str, str]:
        if view.cockpit.conversation.listening:
            return "accent", N_("Listening")
        return "line", N_("Assistant idle")
