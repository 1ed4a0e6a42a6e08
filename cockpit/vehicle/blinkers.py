"""Turn signals: one side at a time, and a lamp phase the dashboard can sample every frame.

Switching one side on switches the other off, like a stalk. The lamp's on/off phase is computed
from the simulated time instead of being published, so blinking costs no events.
"""

from __future__ import annotations

from cockpit.core import indicators
from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.events import SignalChanged


class Blinkers:
    """Follows the turn-signal commands and answers whether the lamp is lit at a given moment."""

    __slots__ = ("_cockpit", "_since", "active")

    def __init__(self, cockpit: Cockpit) -> None:
        self._cockpit = cockpit
        self.active: str | None = None  # "left", "right" or None
        self._since = 0.0

    def install(self) -> None:
        self._cockpit.bus.subscribe(self._on_change, SignalChanged)

    def lamp_lit(self, now: float) -> bool:
        """Whether the active indicator's lamp is lit at simulated time `now` (lit first)."""
        if self.active is None:
            return False
        return indicators.lamp_lit(self._since, now)

    def _on_change(self, event: SignalChanged) -> None:
        if event.path not in (sig.TURN_LEFT, sig.TURN_RIGHT):
            return
        side, other = ("left", sig.TURN_RIGHT) if event.path == sig.TURN_LEFT else ("right", sig.TURN_LEFT)
        if event.new:
            if self.active != side:
                self._since = event.time
            self.active = side
            self._cockpit.update(other, False)
        elif self.active == side:
            self.active = None
