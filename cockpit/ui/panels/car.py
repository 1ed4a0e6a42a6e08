"""The Car panel: seat, steering and mirror positions against the targets their motors move to."""

from __future__ import annotations

import pygame

from cockpit.core import signals as sig
from cockpit.i18n import N_
from cockpit.ui.panels.base import Panel
from cockpit.ui.widgets.base import View

ROWS: tuple[tuple[str, str], ...] = (
    (sig.SEAT_POSITION, N_("Seat position")),
    (sig.SEAT_HEIGHT, N_("Seat height")),
    (sig.SEAT_RECLINE, N_("Backrest")),
    (sig.STEERING_REACH, N_("Steering reach")),
    (sig.MIRROR_LEFT_TILT, N_("Left mirror tilt")),
    (sig.MIRROR_RIGHT_TILT, N_("Right mirror tilt")),
)

UNIT_SUFFIX = {"mm": " mm", "degrees": "°", "percent": " %"}


class CarPanel(Panel[tuple[tuple[str, int, int], ...]]):
    """Each motor's position, a bar, and a marker where it is heading (or will, once parked)."""

    title = N_("Car")

    def state(self, view: View) -> tuple[tuple[str, int, int], ...]:
        cockpit = view.cockpit
        waiting = cockpit.pending_moves()
        return tuple((path, round(float(cockpit.value(path))),
                      round(float(waiting.get(path, cockpit.target(path))))) for path, _ in ROWS)

    def paint_body(self, surface: pygame.Surface) -> None:
        for index, ((path, label), (_, value, target)) in enumerate(zip(ROWS, self.current, strict=True)):
            spec = sig.CATALOGUE[path]
            suffix = UNIT_SUFFIX.get(spec.unit or "", "")
            shown = f"{value}{suffix}" if value == target else f"{value}{suffix} → {target}{suffix}"
            line = self.row(surface, index, self.tr(label), shown)
            low, high = spec.minimum or 0.0, spec.maximum or 1.0
            self.bar(surface, line, (value - low) / (high - low),
                     None if value == target else (target - low) / (high - low))
