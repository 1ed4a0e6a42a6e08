"""The charging cable and the trip computer: the two things the car counts beside its battery.

The cable is plugged in and out by a command (PlugCable) — only while parked; the gear interlock
keeps the car in P while it is in. The home wallbox gives up to HOME_KW (the home, when there is
one, writes what its wallbox actually delivers), a public charger PUBLIC_KW. Charging stops at
sig.CHARGE_LIMIT (the driver's, from the profile).

Trip A counts distance, time on the move and energy from the battery; an outside write of 0 to
sig.TRIP_METER (the Car tab's reset) starts it again.
"""

from __future__ import annotations

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import PlugCable
from cockpit.core.outcome import Outcome, Status
from cockpit.core.text import Text

HOME_KW = 11.0
PUBLIC_KW = 50.0


class Cable:
    """Handles PlugCable for one car."""

    def __init__(self, cockpit: Cockpit) -> None:
        self.cockpit = cockpit

    def install(self) -> None:
        self.cockpit.add_handler(PlugCable, self.handle)

    def handle(self, command: PlugCable) -> Outcome:
        c = self.cockpit
        if command.connected:
            if not c.parked:
                reason = Text("park (P, standing) before plugging in the cable")
                return Outcome(Status.REJECTED, command, reason)
            if command.charger not in ("home", "public"):
                reason = Text("there is no “{charger}” charger here", charger=command.charger)
                return Outcome(Status.REJECTED, command, reason)
            c.update(sig.CABLE_CONNECTED, True)
            c.update(sig.CHARGE_POWER, HOME_KW if command.charger == "home" else PUBLIC_KW)
            reply = Text("Plugged in: charging to {limit} %.", limit=c.value(sig.CHARGE_LIMIT))
            return Outcome(Status.APPLIED, command, reply=reply)
        c.update(sig.CABLE_CONNECTED, False)
        c.update(sig.CHARGE_POWER, 0.0)
        return Outcome(Status.APPLIED, command, reply=Text("Unplugged."))


class Trip:
    """Trip A: metres driven, seconds on the move and watt-hours from the battery."""

    __slots__ = ("driving_s", "energy_wh", "metres")

    def __init__(self) -> None:
        self.metres = self.driving_s = self.energy_wh = 0.0

    def reset(self) -> None:
        self.metres = self.driving_s = self.energy_wh = 0.0

    def record(self, metres: float, seconds: float, wh: float) -> None:
        self.metres += metres
        if metres > 0.0:
            self.driving_s += seconds
        self.energy_wh += wh

    @property
    def average_kmh(self) -> float:
        return self.metres / self.driving_s * 3.6 if self.driving_s > 0 else 0.0
