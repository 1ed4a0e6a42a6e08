"""Colour themes: night (the default look), day, and a high-contrast variant of either.

A theme is plain data; the dashboard picks one from sig.DAY_NIGHT and sig.IS_HIGH_CONTRAST and
rebuilds its pre-rendered background when the choice changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

Colour = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Theme:
    """Every colour the dashboard draws with, by role rather than by hue."""

    name: str
    background: Colour
    card: Colour
    card_raised: Colour
    line: Colour
    text: Colour
    text_dim: Colour
    accent: Colour
    sport: Colour  # the warm accent of the SPORT cluster layout
    needle: Colour
    power: Colour
    regen: Colour
    ok: Colour
    warning: Colour
    danger: Colour
    heat: Colour
    cool: Colour


NIGHT = Theme(
    name="night",
    background=(8, 10, 13),
    card=(17, 20, 25),
    card_raised=(27, 31, 38),
    line=(44, 50, 60),
    text=(232, 236, 241),
    text_dim=(128, 138, 152),
    accent=(74, 144, 255),
    sport=(255, 140, 0),
    needle=(255, 92, 56),
    power=(74, 144, 255),
    regen=(52, 211, 153),
    ok=(52, 211, 153),
    warning=(255, 176, 32),
    danger=(255, 77, 79),
    heat=(255, 120, 64),
    cool=(80, 170, 255),
)

DAY = Theme(
    name="day",
    background=(226, 230, 236),
    card=(246, 247, 249),
    card_raised=(255, 255, 255),
    line=(200, 206, 214),
    text=(16, 22, 30),
    text_dim=(92, 101, 114),
    accent=(20, 102, 230),
    sport=(222, 104, 0),
    needle=(232, 64, 30),
    power=(20, 102, 230),
    regen=(14, 160, 104),
    ok=(14, 160, 104),
    warning=(206, 128, 0),
    danger=(214, 40, 48),
    heat=(226, 88, 30),
    cool=(30, 120, 220),
)


def theme_for(day_night: str, high_contrast: bool = False) -> Theme:
    """The theme for sig.DAY_NIGHT ("DAY"/"NIGHT"); high contrast pushes text to the extremes."""
    theme = DAY if day_night == "DAY" else NIGHT
    if not high_contrast:
        return theme
    if theme is NIGHT:
        return replace(theme, name="night-hc", background=(0, 0, 0), card=(0, 0, 0),
                       text=(255, 255, 255), text_dim=(210, 210, 210), line=(150, 150, 150))
    return replace(theme, name="day-hc", background=(255, 255, 255), card=(255, 255, 255),
                   text=(0, 0, 0), text_dim=(40, 40, 40), line=(60, 60, 60))


def hex_colour(rrggbb: str, fallback: Colour = NIGHT.accent) -> Colour:
    """"E4572E" (a profile's avatar colour) as an RGB tuple; `fallback` when it is not valid hex."""
    try:
        value = int(rrggbb.lstrip("#"), 16)
    except ValueError:
        return fallback
    if len(rrggbb.lstrip("#")) != 6:
        return fallback
    return (value >> 16) & 255, (value >> 8) & 255, value & 255
