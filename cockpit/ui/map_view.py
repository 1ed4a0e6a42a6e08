"""What the map's controls do: zoom, pan and follow the car. These change only the screen (the
dashboard's UiModel), never the cockpit."""

from __future__ import annotations

from cockpit.ui.model import UiModel

ZOOMS = (0.5, 0.8, 1.2, 2.0, 3.2)  # metres per pixel, nearest first
PAN_PX = 120  # one Shift+arrow moves the map this far on screen


def press_map(model: UiModel, argument: str) -> None:
    """Carry out `map:<argument>`; raises ValueError for an unknown one."""
    name, _, rest = argument.partition(":")
    if name == "zoom_in":
        model.map_zoom = max(0, model.map_zoom - 1)
    elif name == "zoom_out":
        model.map_zoom = min(len(ZOOMS) - 1, model.map_zoom + 1)
    elif name == "follow":
        model.map_pan = None
    elif name == "pan":
        east, north = (int(part) for part in rest.split(":"))
        step = PAN_PX * ZOOMS[model.map_zoom]
        x, y = model.map_pan or (0.0, 0.0)
        model.map_pan = (x + east * step, y + north * step)
    else:
        raise ValueError(f"unknown map action {argument!r}")
