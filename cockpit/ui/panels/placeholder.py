"""Panels for tabs whose part is not running: they say what will appear and show what is known."""

from __future__ import annotations

import pygame

from cockpit.core import signals as sig
from cockpit.ui.fonts import Weight
from cockpit.ui.i18n import N_
from cockpit.ui.panels.base import Panel
from cockpit.ui.widgets.base import View


class NoticePanel(Panel[tuple[tuple[str, str], ...]]):
    """A title and a short explanation, plus any facts the subclass knows."""

    message = ""

    def facts(self, view: View) -> tuple[tuple[str, str], ...]:
        return ()

    def state(self, view: View) -> tuple[tuple[str, str], ...]:
        return self.facts(view)

    def paint_body(self, surface: pygame.Surface) -> None:
        for index, (label, value) in enumerate(self.current):
            self.row(surface, index, self.tr(label), value)
        top = self.body.top + len(self.current) * self.px(6) + self.px(1)
        self.text(surface, self.fit(self.tr(self.message), Weight.REGULAR, 18, self.body.width),
                  Weight.REGULAR, 18, self.theme.text_dim, (self.body.left, top), "topleft")


class HomePanel(NoticePanel):
    title = N_("Home")
    message = N_("No home devices connected.")


class NavigationPanel(NoticePanel):
    title = N_("Navigation")
    message = N_("Set a destination by voice or from your phone.")

    def facts(self, view: View) -> tuple[tuple[str, str], ...]:
        name = str(view.value(sig.DEST_NAME))
        position = f"{view.number(sig.LATITUDE):.4f}, {view.number(sig.LONGITUDE):.4f}"
        return ((N_("Position"), position),) + (((N_("Destination"), name),) if name else ())


class ProfilesPanel(NoticePanel):
    title = N_("Profiles")
    message = N_("Driver profiles appear here when the profile engine runs.")

    def facts(self, view: View) -> tuple[tuple[str, str], ...]:
        return ((N_("Driver"), view.model.profile_name or str(view.value(sig.DRIVER_ID))),)
