"""Colour themes: night (the default look), day, and a high-contrast variant of each.

A theme is plain data; the dashboard picks one from sig.DAY_NIGHT and sig.HIGH_CONTRAST and
rebuilds its pre-rendered background when the choice changes.

Every colour is chosen for its contrast, measured by tests/ui/test_contrast.py: each role in
TEXT_ROLES reads at WCAG AA (4.5:1) on every surface in SURFACES, each role in COMPONENT_ROLES
(a gauge track, a card edge, a focus ring, a needle) stands out at 3:1; the high-contrast themes
ask 7:1 of text and 4.5:1 of components, and draw every card as an outline on black or white.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

Colour = tuple[int, int, int]

SURFACES: Final = ("background", "card", "card_raised")
TEXT_ROLES: Final = ("text", "text_dim", "accent", "sport", "regen", "ok", "warning", "danger")
COMPONENT_ROLES: Final = ("edge", "track", "accent", "accent_fill", "sport", "needle", "power", "regen",
                          "ok", "warning", "danger")


@dataclass(frozen=True, slots=True)
class Theme:
    """Every colour the dashboard draws with, by role rather than by hue."""

    name: str
    background: Colour
    card: Colour
    card_raised: Colour
    edge: Colour  # the hairline round every card
    track: Colour  # the empty part of a gauge, a bar or a scale
    text: Colour
    text_dim: Colour
    accent: Colour  # selection, focus and accented text
    accent_fill: Colour  # a filled accent surface (the driver's bubble) ...
    on_accent: Colour  # ... and the text on it
    sport: Colour  # the warm accent of the SPORT cluster layout
    needle: Colour
    power: Colour
    regen: Colour
    ok: Colour
    warning: Colour
    danger: Colour
    heat: Colour
    cool: Colour
    high_contrast: bool = False
    edge_px: int = 1


NIGHT = Theme(
    name="night",
    background=(8, 10, 13),
    card=(18, 21, 27),
    card_raised=(30, 35, 43),
    edge=(104, 113, 128),
    track=(104, 113, 128),
    text=(236, 239, 243),
    text_dim=(150, 159, 172),
    accent=(92, 156, 255),
    accent_fill=(37, 99, 235),
    on_accent=(255, 255, 255),
    sport=(255, 140, 0),
    needle=(255, 92, 56),
    power=(92, 156, 255),
    regen=(52, 211, 153),
    ok=(52, 211, 153),
    warning=(255, 176, 32),
    danger=(255, 95, 95),
    heat=(255, 120, 64),
    cool=(80, 170, 255),
)

DAY = Theme(
    name="day",
    background=(226, 230, 236),
    card=(248, 249, 251),
    card_raised=(255, 255, 255),
    edge=(108, 116, 128),
    track=(108, 116, 128),
    text=(16, 22, 30),
    text_dim=(80, 89, 102),
    accent=(20, 94, 214),
    accent_fill=(20, 94, 214),
    on_accent=(255, 255, 255),
    sport=(168, 66, 0),
    needle=(214, 52, 20),
    power=(20, 94, 214),
    regen=(0, 116, 72),
    ok=(0, 116, 72),
    warning=(150, 84, 0),
    danger=(196, 30, 40),
    heat=(200, 70, 20),
    cool=(20, 100, 200),
)

NIGHT_HIGH_CONTRAST = Theme(
    name="night-hc",
    background=(0, 0, 0),
    card=(0, 0, 0),
    card_raised=(0, 0, 0),
    edge=(200, 200, 200),
    track=(125, 125, 125),
    text=(255, 255, 255),
    text_dim=(220, 220, 220),
    accent=(120, 180, 255),
    accent_fill=(120, 180, 255),
    on_accent=(0, 0, 0),
    sport=(255, 165, 40),
    needle=(255, 125, 95),
    power=(120, 180, 255),
    regen=(60, 225, 165),
    ok=(60, 225, 165),
    warning=(255, 190, 50),
    danger=(255, 125, 125),
    heat=(255, 140, 90),
    cool=(120, 190, 255),
    high_contrast=True,
    edge_px=2,
)

DAY_HIGH_CONTRAST = Theme(
    name="day-hc",
    background=(255, 255, 255),
    card=(255, 255, 255),
    card_raised=(255, 255, 255),
    edge=(40, 40, 40),
    track=(110, 110, 110),
    text=(0, 0, 0),
    text_dim=(30, 30, 30),
    accent=(0, 64, 170),
    accent_fill=(0, 64, 170),
    on_accent=(255, 255, 255),
    sport=(150, 60, 0),
    needle=(176, 30, 0),
    power=(0, 64, 170),
    regen=(0, 98, 55),
    ok=(0, 98, 55),
    warning=(128, 66, 0),
    danger=(168, 0, 20),
    heat=(150, 50, 0),
    cool=(0, 70, 170),
    high_contrast=True,
    edge_px=2,
)

THEMES: Final = (NIGHT, DAY, NIGHT_HIGH_CONTRAST, DAY_HIGH_CONTRAST)


def theme_for(day_night: str, high_contrast: bool = False) -> Theme:
    """The theme for sig.DAY_NIGHT ("DAY"/"NIGHT") and sig.HIGH_CONTRAST."""
    if day_night == "DAY":
        return DAY_HIGH_CONTRAST if high_contrast else DAY
    return NIGHT_HIGH_CONTRAST if high_contrast else NIGHT


def hex_colour(rrggbb: str, fallback: Colour = NIGHT.accent) -> Colour:
    """"E4572E" (a profile's avatar colour) as an RGB tuple; `fallback` when it is not valid hex."""
    try:
        value = int(rrggbb.lstrip("#"), 16)
    except ValueError:
        return fallback
    if len(rrggbb.lstrip("#")) != 6:
        return fallback
    return (value >> 16) & 255, (value >> 8) & 255, value & 255
