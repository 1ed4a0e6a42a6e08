"""The geofence around home and the routines it runs: arrive and leave, once per crossing.

Watches the car's position (SignalChanged on latitude/longitude). The car is inside once within
`radius_m` of home and outside again only beyond `radius_m + hysteresis_m`, so GPS jitter at the
edge cannot fire a routine twice. The first position only sets the side (starting at home is not
an arrival). The lead wires `configure()` from the active profile; the home file gives defaults.
Every configuration and every crossing is announced as GeofenceChanged, which the screen shows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import HomeCommand
from cockpit.core.events import GeofenceChanged, NoticeRaised, SignalChanged
from cockpit.core.geo import distance_m
from cockpit.core.outcome import Outcome
from cockpit.core.text import Text
from cockpit.i18n import N_

logger = logging.getLogger(__name__)

MIN_HYSTERESIS_M = 20.0


class Geofence:
    """Runs the arrive routine on entering the home zone and the leave routine on leaving it."""

    def __init__(self, cockpit: Cockpit) -> None:
        self.cockpit = cockpit
        self.home: tuple[float, float] | None = None
        self.radius_m = 0.0
        self.hysteresis_m = 0.0
        self.arrive: tuple[HomeCommand, ...] = ()
        self.leave: tuple[HomeCommand, ...] = ()
        self.inside: bool | None = None
        self.last_outcomes: list[Outcome] = []
        self._listeners: list[Callable[[bool], None]] = []
        cockpit.bus.subscribe(self._on_signal, SignalChanged)

    def configure(self, home_lat: float, home_lon: float, radius_m: float, arrive: Sequence[HomeCommand],
                  leave: Sequence[HomeCommand], hysteresis_m: float | None = None) -> None:
        """Set home, zone and routines (e.g. from the active profile); re-reads the side without firing.

        Raises ValueError for a radius that is not positive.
        """
        if radius_m <= 0:
            raise ValueError(f"geofence radius must be positive, not {radius_m}")
        self.home = (home_lat, home_lon)
        self.radius_m = radius_m
        if hysteresis_m is None:
            hysteresis_m = max(MIN_HYSTERESIS_M, radius_m * 0.2)
        self.hysteresis_m = hysteresis_m
        self.arrive, self.leave = tuple(arrive), tuple(leave)
        distance = self.distance()
        self.inside = distance is not None and distance <= radius_m
        self._announce()

    def on_crossing(self, listener: Callable[[bool], None]) -> None:
        """Call `listener(inside)` after each crossing (True: arrived, False: left)."""
        self._listeners.append(listener)

    def distance(self) -> float | None:
        """Metres from the car to home (None until configured)."""
        if self.home is None:
            return None
        return distance_m(float(self.cockpit.value(sig.LATITUDE)), float(self.cockpit.value(sig.LONGITUDE)),
                          *self.home)

    def _on_signal(self, event: SignalChanged) -> None:
        if event.path not in (sig.LATITUDE, sig.LONGITUDE) or self.home is None:
            return
        distance = self.distance()
        assert distance is not None
        if not self.inside and distance <= self.radius_m:
            self._cross(True)
        elif self.inside and distance > self.radius_m + self.hysteresis_m:
            self._cross(False)

    def _announce(self) -> None:
        assert self.home is not None
        self.cockpit.bus.publish(GeofenceChanged(time=self.cockpit.now, latitude=self.home[0],
                                                 longitude=self.home[1], radius_m=self.radius_m,
                                                 inside=bool(self.inside)))

    def _cross(self, inside: bool) -> None:
        self.inside = inside
        self._announce()
        routine = self.arrive if inside else self.leave
        self.last_outcomes = [self.cockpit.submit(command) for command in routine]
        done = sum(1 for outcome in self.last_outcomes if not outcome.rejected)
        logger.info("%s home: %d of %d routine steps accepted", "arrived" if inside else "left", done,
                    len(routine))
        words = (N_("Arrived home: {done} of {count} home actions started") if inside
                 else N_("Left home: {done} of {count} home actions started"))
        text = Text(words, done=done, count=len(routine))
        self.cockpit.bus.publish(NoticeRaised(time=self.cockpit.now, text=text))
        for listener in list(self._listeners):
            listener(inside)
