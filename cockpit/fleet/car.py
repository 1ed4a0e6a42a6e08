"""One headless fleet car: a cockpit on its own simulated clock, its vehicle driving a cycle, its
profile engine on the worker's (shared) store, VSS telemetry and remote commands.

Telemetry goes to `fleet/<car_id>/<VSS path>` (QoS 0, a plain JSON value), at most once per
publish interval and only for values that changed. A remote command arrives on
`fleet/<car_id>/cmd/<VSS path>` with a JSON value and becomes SetSignal(source=REMOTE), so the
cockpit's policy decides (parked only, remote-safe signals only, values in range); its outcome is
answered on `fleet/<car_id>/cmd_result`. Payloads are read by the shared MQTT command parser
(cockpit.home.payloads): `true`/`false`, a plain decimal number or ASCII text; NaN, infinities,
1e308 and values outside the signal's range are refused.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import SetSignal, Source
from cockpit.core.errors import InvalidInput
from cockpit.core.outcome import Outcome, Status
from cockpit.home import payloads
from cockpit.personalisation.engine import ProfileEngine
from cockpit.personalisation.identity import KeyFobReader
from cockpit.personalisation.store import ProfileStore
from cockpit.vehicle.cycles import DriveCycle
from cockpit.vehicle.driver import CycleDriver
from cockpit.vehicle.model import VehicleModel

logger = logging.getLogger(__name__)

BASE = "fleet"
TELEMETRY = (sig.SPEED, sig.SOC, sig.RANGE, sig.ODOMETER, sig.LATITUDE, sig.LONGITUDE, sig.CABIN_TEMP,
             sig.CURRENT_GEAR, sig.DRIVER_ID, sig.DOOR_LOCKED, sig.DRIVER_TEMP)
Publish = Callable[[str, str], bool]


def car_id(number: int) -> str:
    """The id of car `number` (1-based): car-0001."""
    return f"car-{number:04d}"


def telemetry_topic(car: str, path: str) -> str:
    return f"{BASE}/{car}/{path}"


def parse_value(spec: sig.SignalSpec, payload: bytes) -> sig.Value:
    """A command payload for `spec`, through the shared MQTT command parser: true/false, a plain
    decimal number or ASCII text; raises InvalidValue (NaN, inf and 1e308 are not numbers there)."""
    if spec.datatype is sig.DataType.BOOL:
        return payloads.choice(payload, {"TRUE": True, "FALSE": False})
    if spec.datatype in (sig.DataType.INT, sig.DataType.FLOAT):
        value = payloads.number(payload)
        return int(value) if spec.datatype is sig.DataType.INT and value.is_integer() else value
    return payloads.text(payload)


class FleetCar:
    """A headless car of the fleet; `tick(dt)` advances it and publishes what is due."""

    def __init__(self, number: int, store: ProfileStore, publish: Publish, cycle: DriveCycle, *,
                 publish_every_s: float = 1.0) -> None:
        self.id = car_id(number)
        self.cockpit = cockpit = Cockpit()
        self.vehicle = VehicleModel(cockpit)
        self.vehicle.install()
        self.profiles = ProfileEngine.install(cockpit, store)
        self.fobs = KeyFobReader(self.profiles)
        self.messages = 0
        self.refused = 0
        self.parking = False
        self._publish = publish
        self._cycle = cycle
        self._every = publish_every_s
        self._next_publish = (number % 10) / 10 * publish_every_s  # spread the cars over the interval
        self._sent: dict[str, sig.Value] = {}
        # Each car starts at another point of the cycle, so the fleet does not move in lockstep.
        self._driver = self._drive(float((number * 97) % int(self._cycle.duration_s * 0.8)))

    def _drive(self, start_s: float) -> CycleDriver:
        return self.vehicle.drive_cycle(self._cycle, start_s=start_s)

    def start(self) -> None:
        """Apply the guest profile (until a driver presents a fob)."""
        self.profiles.start(None)

    def park(self) -> None:
        """Stop driving: brake to a standstill and select P (then remote commands may act)."""
        self._driver.abandon()
        self.parking = True
        self.vehicle.press_brake(100, Source.SCENARIO)

    def drive(self) -> None:
        """Drive the cycle again from where it was."""
        self.parking = False
        self.vehicle.press_brake(0, Source.SCENARIO)
        self._driver = self._drive(0.0)

    def tick(self, dt: float) -> None:
        """Advance the car by `dt` simulated seconds; drive the cycle again when it ends."""
        self.cockpit.tick(dt)
        if self.parking:
            if abs(self.vehicle.speed_kmh) < 0.5 and self.cockpit.value(sig.SELECTED_GEAR) != sig.GEAR_PARK:
                self.vehicle.select_gear("P", Source.SCENARIO)
        elif self._driver.done:
            self._driver = self._drive(0.0)
        if self.cockpit.now >= self._next_publish:
            self._next_publish += self._every
            self.publish_telemetry()

    def publish_telemetry(self) -> int:
        """Publish the telemetry values that changed since the last time; returns how many."""
        value, sent, count = self.cockpit.value, self._sent, 0
        for path in TELEMETRY:
            current = value(path)
            if sent.get(path) == current:
                continue
            if self._publish(telemetry_topic(self.id, path), json.dumps(current)):
                sent[path] = current
                count += 1
        self.messages += count
        return count

    def command(self, path: str, payload: bytes) -> Outcome:
        """A remote command for this car, through the policy; answered on `cmd_result`."""
        try:
            outcome = self.cockpit.submit(SetSignal(path, parse_value(self.cockpit.spec(path), payload),
                                                    source=Source.REMOTE))
        except InvalidInput as error:  # an unknown signal, or a payload that is not a value
            outcome = Outcome(Status.REJECTED, SetSignal(path, "", source=Source.REMOTE), str(error))
        if outcome.rejected:
            self.refused += 1
            logger.info("%s: remote %s refused: %s", self.id, path, outcome.reason)
        answer = {"signal": path, "status": outcome.status.value, "reason": outcome.reason}
        self._publish(f"{BASE}/{self.id}/cmd_result", json.dumps(answer))
        return outcome
