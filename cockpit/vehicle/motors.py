"""Seat, mirror and steering-column motors: each moves its signal toward its target at its rate.

The core decides when a move may start (it defers moves while driving); this only moves. Integer
signals keep a fractional position here so slow motors still advance at small time steps.
"""

from __future__ import annotations

from cockpit.core.cockpit import Cockpit
from cockpit.core.signals import DataType


class Motors:
    """Steps every signal whose spec has a `motor_rate` (a plugin's extension signals too)."""

    __slots__ = ("_cockpit", "_known", "_motors", "_position")

    def __init__(self, cockpit: Cockpit) -> None:
        self._cockpit = cockpit
        self._known = 0
        self._motors: tuple[tuple[str, float, bool], ...] = ()
        self._position: dict[str, float] = {}

    def _find_motors(self) -> None:
        catalogue = self._cockpit.catalogue
        self._known = len(catalogue)
        self._motors = tuple((s.path, s.motor_rate, s.datatype is DataType.INT)
                             for s in catalogue.values() if s.motor_rate is not None)

    def step(self, dt: float) -> None:
        """Move each motor by at most rate × dt toward its target."""
        cockpit = self._cockpit
        if len(cockpit.catalogue) != self._known:  # signals were added
            self._find_motors()
        for path, rate, integer in self._motors:
            target = float(cockpit.target(path))
            value = float(cockpit.value(path))
            here = self._position.get(path, value)
            if round(here) != value if integer else here != value:
                here = value  # someone else moved it (a test, a scenario)
            if here == target:
                self._position.pop(path, None)
                continue
            reach = rate * dt
            here = min(target, here + reach) if target > here else max(target, here - reach)
            self._position[path] = here
            cockpit.update(path, round(here) if integer else here)
