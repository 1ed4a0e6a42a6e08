"""Direction-indicator timing, one rule for the car's lamps and the screen's arrows.

UN R48 asks for 90 ± 30 flashes a minute; we flash at 1.5 Hz (90 a minute), half on, half off,
and the first flash comes at once: the lamp is lit from the moment the stalk is moved.
"""

from __future__ import annotations

from typing import Final

BLINK_HZ: Final = 1.5


def lamp_lit(since: float, now: float) -> bool:
    """Whether an indicator switched on at simulated time `since` is lit at `now`."""
    return ((now - since) * BLINK_HZ) % 1.0 < 0.5
