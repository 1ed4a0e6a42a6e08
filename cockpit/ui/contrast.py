"""WCAG 2.x contrast: relative luminance of an sRGB colour and the ratio between two colours.

Thresholds (WCAG 2.2, 1.4.3, 1.4.6 and 1.4.11): body text 4.5:1, large text (at least 24 px, or
18.66 px bold) and the parts of UI components and graphics a person needs (gauge tracks, card
edges, focus rings) 3:1. The high-contrast themes meet AAA's 7:1 with every string, large ones
too, and 4.5:1 with those UI parts.
"""

from __future__ import annotations

from typing import Final

Colour = tuple[int, int, int]

BODY: Final = 4.5
LARGE: Final = 3.0
COMPONENT: Final = 3.0
ENHANCED: Final = 7.0  # AAA text, asked of the high-contrast themes
ENHANCED_COMPONENT: Final = 4.5
LARGE_PX: Final = 24.0
LARGE_BOLD_PX: Final = 18.66


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: Colour) -> float:
    """Relative luminance, 0 (black) to 1 (white)."""
    red, green, blue = colour[:3]
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def ratio(a: Colour, b: Colour) -> float:
    """The contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_large(px: float, bold: bool) -> bool:
    """WCAG's large text: 24 px and up, or 18.66 px and up in a bold face."""
    return px >= LARGE_PX or (bold and px >= LARGE_BOLD_PX)


def text_minimum(px: float, bold: bool, high_contrast: bool) -> float:
    """The contrast text of this size needs: AA (4.5, or 3 when large), 7 in high contrast."""
    if high_contrast:
        return ENHANCED
    return LARGE if is_large(px, bold) else BODY


def component_minimum(high_contrast: bool) -> float:
    """The contrast a gauge track, a card edge or a focus ring needs against what it sits on."""
    return ENHANCED_COMPONENT if high_contrast else COMPONENT


def readable_on(fill: Colour) -> Colour:
    """Black or white, whichever reads better on `fill` (an avatar's colour, a driver's bubble)."""
    return (0, 0, 0) if ratio((0, 0, 0), fill) >= ratio((255, 255, 255), fill) else (255, 255, 255)
