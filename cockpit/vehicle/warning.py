"""The speed warning: one notice when the car passes the driver's warning speed, and a telltale.

It re-arms only once the car has slowed a few km/h below the threshold, so hovering around it
does not raise a stream of notices.
"""

from __future__ import annotations

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.cockpit import Cockpit
from cockpit.core.events import NoticeRaised
from cockpit.core.text import Text

HYSTERESIS_KMH = 3.0


class SpeedWarning:
    """Watches the speed against `restrictions.speed_warning_kmh`; `active` drives the telltale."""

    __slots__ = ("_cockpit", "active")

    def __init__(self, cockpit: Cockpit) -> None:
        self._cockpit = cockpit
        self.active = False

    def check(self, speed_kmh: float) -> None:
        limit = self._cockpit.policy.restrictions.speed_warning_kmh
        speed = abs(speed_kmh)
        if limit is None:
            self._set(False)
        elif not self.active and speed > limit:
            self._set(True)
            shown = units.speed_text(limit, self._cockpit.value(sig.DISTANCE_UNIT) == "MILES")
            self._cockpit.bus.publish(NoticeRaised(time=self._cockpit.now, text=Text("Speed above {speed}",
                                                                                      speed=shown),
                                                   level="warning"))
        elif self.active and speed < limit - HYSTERESIS_KMH:
            self._set(False)

    def _set(self, active: bool) -> None:
        if active != self.active:
            self.active = active
            self._cockpit.update(sig.SPEED_WARNING, active)
