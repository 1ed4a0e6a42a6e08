"""The Media panel: source, what is playing, and the volume."""

from __future__ import annotations

import pygame

from cockpit.core import signals as sig
from cockpit.i18n import N_
from cockpit.ui.fonts import Weight
from cockpit.ui.panels.base import ROW, Panel
from cockpit.ui.widgets.base import View

ACTIONS = {"PLAY": N_("Playing"), "PAUSE": N_("Paused"), "STOP": N_("Stopped")}


class MediaPanel(Panel[tuple[str, str, str, str, int, bool]]):
    """Source and track in large type, the playback state and a volume bar."""

    title = N_("Media")

    def state(self, view: View) -> tuple[str, str, str, str, int, bool]:
        return (str(view.value(sig.MEDIA_SOURCE)), str(view.value(sig.MEDIA_TRACK)),
                str(view.value(sig.MEDIA_ARTIST)), str(view.value(sig.MEDIA_ACTION)),
                int(view.number(sig.VOLUME)), bool(view.value(sig.MUTED)))

    def paint_body(self, surface: pygame.Surface) -> None:
        source, track, artist, action, volume, muted = self.current
        theme, body, font = self.theme, self.body, self.skin.type.font
        y = body.top
        self.text(surface, source.replace("_", " "), Weight.SEMIBOLD, 16, theme.accent, (body.left, y),
                  "topleft",
                  fit=body.width, content=True)
        y += font(Weight.SEMIBOLD, 16).get_linesize() + self.px(1)
        self.text(surface, track or self.tr("Nothing playing"), Weight.BOLD, 34, theme.text, (body.left, y),
                  "topleft", fit=body.width, content=bool(track))
        y += font(Weight.BOLD, 34).get_linesize()
        if artist:
            self.text(surface, artist, Weight.REGULAR, 20, theme.text_dim, (body.left, y), "topleft",
                      fit=body.width, content=True)
        y += font(Weight.REGULAR, 20).get_linesize() + self.px(2)
        state = self.tr(ACTIONS.get(action, action.replace("_", " ").title()))
        row = max(3, -(-(y - body.top) // self.px(ROW)))
        line = self.row(surface, row, state, self.tr("Muted") if muted else f"{volume} %")
        self.bar(surface, line, 0.0 if muted else volume / 100, None)
