"""Colour names a person says ("orange", "deep blue") for the RRGGBB colours profiles hold.

The "What changed" list and the ambient light read "Ambient light orange", never "#FF8C42". A
colour is named by its hue, with "light" or "deep" for very pale or very dark shades and white or
grey when it has little colour; every name is a message id, shown in the driver's language.
"""

from __future__ import annotations

import colorsys

from cockpit.core.text import Text
from cockpit.i18n import N_

# The upper hue (degrees) of each named band, in order around the colour wheel.
HUES: tuple[tuple[float, str], ...] = (
    (15, N_("red")), (40, N_("orange")), (65, N_("yellow")), (160, N_("green")), (195, N_("turquoise")),
    (255, N_("blue")), (290, N_("purple")), (330, N_("magenta")), (350, N_("pink")), (360, N_("red")),
)


def colour_name(rrggbb: str) -> Text:
    """The name of a six-hex-digit colour, e.g. "FF8C42" -> "orange", "3A7BFF" -> "blue"."""
    red, green, blue = (int(rrggbb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    if saturation < 0.15 or lightness > 0.92 or lightness < 0.08:
        if lightness > 0.85:
            return Text("white")
        return Text("black") if lightness < 0.15 else Text("grey")
    degrees = hue * 360
    name = next(label for upper, label in HUES if degrees < upper or upper == 360)
    if lightness > 0.8:
        return Text("light {colour}", colour=Text(name))
    if lightness < 0.25:
        return Text("deep {colour}", colour=Text(name))
    return Text(name)
