"""The simulated EV as one cockpit system: reads pedals, gear and climate, writes measured signals.

Physics runs in fixed steps of `STEP_S` (the cabin in steps of `CLIMATE_STEP_S`) whatever the
frame rate: a tick's time is cut into whole steps and the remainder waits for the next tick, so
60 fps and 10 fps give the same trajectory.

Inputs (read each tick): ACCELERATOR, BRAKE (0-100 %), SELECTED_GEAR, DRIVER_TEMP, DRIVER_FAN,
AC, RECIRCULATION, OUTSIDE_TEMP, CABLE_CONNECTED, CHARGE_POWER, CHARGE_LIMIT, STEERING_ANGLE, the
live restrictions.
Outputs (written when changed visibly): SPEED, MOTOR_POWER, SOC, SOC_DISPLAYED, RANGE, ODOMETER,
CURRENT_GEAR, CABIN_TEMP, IS_CHARGING, LATITUDE, LONGITUDE, HEADING, SPEED_WARNING, TIME_TO_COMPLETE
(whole minutes) and trip A: TRIP_METER, TRIP_DURATION, AVERAGE_SPEED, TRIP_ENERGY.
MOTOR_POWER is mechanical power at the wheels (negative while regenerating); SOC_DISPLAYED is
the SOC in whole percent; RANGE is in metres, rounded to 100 m. A value someone else writes to an
output (a scenario setting the SOC or the position) is taken over.
"""

from __future__ import annotations

import logging
import math

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import SetSignal, Source
from cockpit.core.outcome import Outcome
from cockpit.vehicle.battery import Battery, RangeEstimator
from cockpit.vehicle.blinkers import Blinkers
from cockpit.vehicle.charging import Cable, Trip
from cockpit.vehicle.climate import Cabin, CabinParams
from cockpit.vehicle.cycles import DriveCycle, load
from cockpit.vehicle.driver import CycleDriver
from cockpit.vehicle.dynamics import Longitudinal
from cockpit.vehicle.gears import gear_interlocks
from cockpit.vehicle.motors import Motors
from cockpit.vehicle.outputs import Outputs
from cockpit.vehicle.params import EVParams
from cockpit.vehicle.route import Position, Route
from cockpit.vehicle.warning import SpeedWarning

logger = logging.getLogger(__name__)

STEP_S = 0.02
CLIMATE_STEP_S = 0.5  # the cabin changes over minutes: a coarser fixed step keeps ticks cheap
PRECONDITIONING_FAN = 0.7  # fan share while the car pre-conditions itself on a remote request
OUTPUTS = (sig.SPEED, sig.MOTOR_POWER, sig.SOC, sig.SOC_DISPLAYED, sig.RANGE, sig.ODOMETER,
           sig.CURRENT_GEAR, sig.CABIN_TEMP, sig.IS_CHARGING, sig.LATITUDE, sig.LONGITUDE, sig.HEADING,
           sig.TIME_TO_COMPLETE, sig.TRIP_METER, sig.TRIP_DURATION, sig.AVERAGE_SPEED, sig.TRIP_ENERGY)
WHEELBASE_M = 2.77
STEERING_RATIO = 15.0  # steering wheel degrees per road wheel degree
GEARS_BY_LETTER = {letter: number for number, letter in sig.GEAR_LETTERS.items()}


class VehicleModel:
    """Longitudinal dynamics, battery, cabin, position and lamps of one car, on the cockpit's clock."""

    def __init__(self, cockpit: Cockpit, params: EVParams | None = None,
                 cabin: CabinParams | None = None) -> None:
        self.cockpit = cockpit
        self.params = params or EVParams()
        self.dynamics = Longitudinal(self.params)
        self.battery = Battery(self.params, float(cockpit.value(sig.SOC)))
        self.consumption = RangeEstimator(self.params.default_consumption_wh_per_km)
        self.cabin = Cabin(float(cockpit.value(sig.CABIN_TEMP)), cabin)
        self.position = Position(float(cockpit.value(sig.LATITUDE)), float(cockpit.value(sig.LONGITUDE)),
                                 float(cockpit.value(sig.HEADING)))
        self.motors = Motors(cockpit)
        self.blinkers = Blinkers(cockpit)
        self.speed_warning = SpeedWarning(cockpit)
        self.odometer_km = float(cockpit.value(sig.ODOMETER))
        self.charging = False
        self.charge_seconds_left = 0.0
        self.trip = Trip()
        self.cable = Cable(cockpit)
        self._outputs = Outputs(cockpit, OUTPUTS)
        self._pending_s = 0.0
        self._climate_pending_s = 0.0
        self._driver: CycleDriver | None = None

    def install(self) -> None:
        """Add the gear interlocks to the policy and the model's systems to the cockpit's tick."""
        self.cockpit.policy.add_rule(gear_interlocks)
        self.cable.install()
        self.cockpit.add_system(self.step)
        self.cockpit.add_system(self.motors.step)
        self.blinkers.install()
        self._outputs.write(sig.RANGE, self._range_m())  # the first frame shows this battery's range

    def _range_m(self) -> int:
        return 100 * round(self.consumption.range_m(self.battery.energy_wh) / 100.0)

    # --- what the keyboard, the UI and scenarios call -----------------------------------------
    @property
    def speed_kmh(self) -> float:
        return self.dynamics.speed * 3.6

    @property
    def speed_warning_active(self) -> bool:
        """The speed-warning telltale (also published as SPEED_WARNING)."""
        return self.speed_warning.active

    def press_accelerator(self, percent: int, source: Source = Source.USER) -> Outcome:
        return self.cockpit.submit(SetSignal(sig.ACCELERATOR, percent, source=source))

    def press_brake(self, percent: int, source: Source = Source.USER) -> Outcome:
        return self.cockpit.submit(SetSignal(sig.BRAKE, percent, source=source))

    def select_gear(self, gear: int | str, source: Source = Source.USER) -> Outcome:
        """Ask for P, R, N or D (a letter or the VSS number); the outcome says why if refused."""
        value = GEARS_BY_LETTER.get(gear.upper(), gear) if isinstance(gear, str) else gear
        return self.cockpit.submit(SetSignal(sig.SELECTED_GEAR, value, source=source))

    def signal_turn(self, side: str | None, source: Source = Source.USER) -> None:
        """Switch the indicator to "left", "right" or off (None)."""
        self.cockpit.submit(SetSignal(sig.TURN_LEFT, side == "left", source=source))
        self.cockpit.submit(SetSignal(sig.TURN_RIGHT, side == "right", source=source))

    def lamp_lit(self, now: float) -> bool:
        """Whether the active indicator lamp is lit at simulated time `now`; see `blinkers.active`."""
        return self.blinkers.lamp_lit(now)

    def follow_route(self, route: Route | None) -> None:
        """Drive along `route` from its first point; the car stops advancing at its last point."""
        self.position.follow(route)

    def drive_cycle(self, cycle: str | DriveCycle, start_s: float = 0.0, end_s: float | None = None,
                    source: Source = Source.SCENARIO) -> CycleDriver:
        """Let a driver model follow a shipped cycle (by name) or a given one, replacing any earlier.

        Raises InvalidInput for an unknown cycle name, ValueError for a segment outside the cycle.
        """
        driver = CycleDriver(self.cockpit, self.params, load(cycle) if isinstance(cycle, str) else cycle,
                             start_s, end_s, source)
        if self._driver is not None:
            self._driver.abandon()
        self._driver = driver
        driver.install()
        return driver

    def step(self, dt: float) -> None:
        """Advance the car by `dt` seconds in whole fixed steps and publish what changed."""
        c = self.cockpit
        self._take_over_outside_writes()
        gear = int(c.value(sig.SELECTED_GEAR))
        if gear != sig.GEAR_PARK and c.value(sig.PRECONDITIONING):
            c.update(sig.PRECONDITIONING, False)  # pre-conditioning is for a parked car: driving ends it
        self._step_cabin(dt)
        self._pending_s += dt
        steps = int(self._pending_s / STEP_S + 1e-9)
        self._pending_s -= steps * STEP_S
        base_w = 1000.0 * self.params.aux_power_kw + self.cabin.hvac_power_w
        if gear == sig.GEAR_PARK and self.dynamics.speed == 0.0:
            self._stand(steps * STEP_S, base_w)
        else:
            self._drive(steps, gear, base_w)
        self._publish(gear)

    def _step_cabin(self, dt: float) -> None:
        c = self.cockpit
        self._climate_pending_s += dt
        steps = int(self._climate_pending_s / CLIMATE_STEP_S + 1e-9)
        self._climate_pending_s -= steps * CLIMATE_STEP_S
        if steps:
            setpoint, fan = float(c.value(sig.DRIVER_TEMP)), int(c.value(sig.DRIVER_FAN)) / 100.0
            ac, recirculation = bool(c.value(sig.AC)), bool(c.value(sig.RECIRCULATION))
            if c.value(sig.PRECONDITIONING):  # remote climate: the HVAC works hard, cooling included
                fan, ac = max(fan, PRECONDITIONING_FAN), True
            outside = float(c.value(sig.OUTSIDE_TEMP))
            for _ in range(steps):
                self.cabin.step(CLIMATE_STEP_S, setpoint, fan, ac, recirculation, outside)

    def _stand(self, seconds: float, base_w: float) -> None:
        """Parked: nothing moves, so one step covers the whole tick; a charger may add energy.

        A plugged-in car that is full stops charging and runs its loads from the charger.
        """
        if seconds <= 0.0:
            return
        c = self.cockpit
        charger_w = 1000.0 * float(c.value(sig.CHARGE_POWER)) if c.value(sig.CABLE_CONNECTED) else 0.0
        limit = float(c.value(sig.CHARGE_LIMIT))
        net_w = base_w - charger_w * self.params.charge_efficiency
        self.charging = charger_w > 0.0 and net_w < 0.0 and self.battery.soc < limit and not self.battery.full
        self.charge_seconds_left = 0.0
        if self.charging:
            self.battery.draw(net_w, seconds)
            if self.battery.soc > limit:  # stop exactly at the limit
                self.battery.soc = limit
            wanted_wh = (limit - self.battery.soc) / 100.0 * self.battery.capacity_wh
            self.charge_seconds_left = wanted_wh / -net_w * 3600.0
        elif charger_w <= 0.0 and net_w > 0.0:
            self.battery.draw(net_w, seconds)  # a charger covers the car's own loads

    def _drive(self, steps: int, gear: int, base_w: float) -> None:
        c = self.cockpit
        accelerator = int(c.value(sig.ACCELERATOR)) / 100.0
        brake = int(c.value(sig.BRAKE)) / 100.0
        if self.battery.energy_wh <= 0.0:
            accelerator = min(accelerator, self.params.pedal_regen_zone)  # empty: no traction
        limit = self._speed_limit_mps(gear)
        efficiency = self.params.drivetrain_efficiency
        dynamics, battery, consumption = self.dynamics, self.battery, self.consumption
        moved = used_wh = 0.0
        half_mass_wh = self.params.effective_mass_kg / 2 / 3600.0  # kinetic energy per (m/s)², in Wh
        for _ in range(steps):
            before = dynamics.speed
            metres = dynamics.step(STEP_S, accelerator, brake, gear, limit)
            mechanical = dynamics.motor_power_w
            electric = mechanical / efficiency if mechanical > 0 else mechanical * efficiency
            wh = battery.draw(electric + base_w, STEP_S)
            used_wh += wh
            # What went into the car's motion is not spent: braking gives most of it back. Leaving it
            # out keeps a pull-away from looking like a 1 kWh/km habit to the range estimate.
            consumption.record(wh - half_mass_wh * (dynamics.speed ** 2 - before ** 2), metres)
            moved += metres if dynamics.speed >= 0 else -metres
        self.charging = False
        self.charge_seconds_left = 0.0
        self.odometer_km += abs(moved) / 1000.0
        self.trip.record(abs(moved), steps * STEP_S, used_wh)
        self._steer(moved)
        self.position.advance(moved)

    def _steer(self, moved: float) -> None:
        """Off the road geometry (reversing into a space), the front wheels turn the car: a bicycle
        model, heading changing by distance x tan(wheel angle) / wheelbase."""
        angle = float(self.cockpit.value(sig.STEERING_ANGLE))
        if self.position.route is not None or angle == 0.0 or moved == 0.0:
            return
        wheels = math.radians(angle / STEERING_RATIO)
        turned = math.degrees(moved * math.tan(wheels) / WHEELBASE_M)
        self.position.heading = (self.position.heading + turned) % 360

    def _speed_limit_mps(self, gear: int) -> float:
        top = self.params.reverse_speed_kmh if gear == sig.GEAR_REVERSE else self.params.top_speed_kmh
        cap = self.cockpit.policy.restrictions.speed_cap_kmh
        return (top if cap is None else min(top, cap)) / 3.6

    def _take_over_outside_writes(self) -> None:
        out = self._outputs
        if (soc := out.overridden(sig.SOC)) is not None:
            self.battery.soc = soc
        if (speed := out.overridden(sig.SPEED)) is not None:
            self.dynamics.speed = speed / 3.6
        if (cabin := out.overridden(sig.CABIN_TEMP)) is not None:
            self.cabin.temperature = cabin
        if (odometer := out.overridden(sig.ODOMETER)) is not None:
            self.odometer_km = odometer
        if out.overridden(sig.TRIP_METER) is not None:
            self.trip.reset()  # the driver reset trip A
        position = self.position
        if (lat := out.overridden(sig.LATITUDE)) is not None:
            position.latitude = lat
        if (lon := out.overridden(sig.LONGITUDE)) is not None:
            position.longitude = lon
        if (heading := out.overridden(sig.HEADING)) is not None:
            position.heading = heading

    def _publish(self, gear: int) -> None:
        write = self._outputs.write
        speed = self.dynamics.speed * 3.6
        soc = self.battery.soc
        write(sig.SPEED, round(speed, 2))
        write(sig.MOTOR_POWER, round(self.dynamics.motor_power_w / 1000.0, 1))
        write(sig.SOC, round(soc, 3))
        write(sig.SOC_DISPLAYED, float(round(soc)))
        write(sig.RANGE, self._range_m())
        write(sig.ODOMETER, round(self.odometer_km, 2))
        write(sig.CURRENT_GEAR, gear)
        write(sig.CABIN_TEMP, round(self.cabin.temperature, 2))
        write(sig.IS_CHARGING, self.charging)
        write(sig.LATITUDE, round(self.position.latitude, 6))
        write(sig.LONGITUDE, round(self.position.longitude, 6))
        write(sig.HEADING, round(self.position.heading, 1) % 360.0)
        write(sig.TIME_TO_COMPLETE, 60 * round(self.charge_seconds_left / 60.0))
        trip = self.trip
        write(sig.TRIP_METER, round(trip.metres / 1000.0, 2))
        write(sig.TRIP_DURATION, float(round(trip.driving_s)))
        write(sig.AVERAGE_SPEED, round(trip.average_kmh, 1))
        write(sig.TRIP_ENERGY, round(trip.energy_wh / 1000.0, 2))
        self.speed_warning.check(speed)
