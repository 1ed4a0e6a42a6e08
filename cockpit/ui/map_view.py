"""What the map's controls do: zoom, pan and follow the car. These change only the screen (the
dashboard's UiModel), never the cockpit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cockpit.core.text import Text
from cockpit.ui.actions import Action

if TYPE_CHECKING:
    from cockpit.ui.keys import Controls
    from cockpit.view import CockpitView

ZOOMS = (0.5, 0.8, 1.2, 2.0, 3.2)  # metres per pixel, nearest first
PAN_PX = 120  # one Shift+arrow moves the map this far on screen


@dataclass(frozen=True, slots=True)
class Zoom(Action):
    """Closer (`step` -1) or further out (+1)."""

    step: int

    def do(self, ui: Controls) -> None:
        ui.model.map_zoom = max(0, min(len(ZOOMS) - 1, ui.model.map_zoom + self.step))

    def words(self, view: CockpitView) -> Text:
        return Text("Map: {what}", what=Text("Zoom in") if self.step < 0 else Text("Zoom out"))


@dataclass(frozen=True, slots=True)
class Pan(Action):
    """Move the map a step east (+1) or west, north (+1) or south; it stops following the car."""

    east: int
    north: int

    def do(self, ui: Controls) -> None:
        step = PAN_PX * ZOOMS[ui.model.map_zoom]
        x, y = ui.model.map_pan or (0.0, 0.0)
        ui.model.map_pan = (x + self.east * step, y + self.north * step)


@dataclass(frozen=True, slots=True)
class Follow(Action):
    """The map follows the car again."""

    def do(self, ui: Controls) -> None:
        ui.model.map_pan = None

    def words(self, view: CockpitView) -> Text:
        return Text("Map: {what}", what=Text("Follow the car"))


ZOOM_IN, ZOOM_OUT, FOLLOW = Zoom(-1), Zoom(1), Follow()
