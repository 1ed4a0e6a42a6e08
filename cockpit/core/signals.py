"""The signal catalogue: every piece of cockpit state, named by its COVESA VSS path.

Paths follow VSS 5.0. A few signals the cockpit needs have no VSS counterpart; they keep the
VSS naming style and carry `standard=False`, so an exporter can tell them apart.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from typing import Final

from cockpit.core.errors import InvalidValue, UnknownSignal, brief

Value = float | int | bool | str

MAX_TEXT: Final = 200  # characters of a free-text signal: a destination's name, a media search
HEX_COLOUR: Final = r"^[0-9A-Fa-f]{6}$"
LANGUAGE_TAG: Final = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$"
_NOT_IN_A_LINE: Final = frozenset({"Cc", "Cs", "Zl", "Zp"})  # controls, lone surrogates, line breaks


class DataType(Enum):
    """VSS datatypes, folded to the Python type that holds them."""

    FLOAT = "float"
    INT = "int"
    BOOL = "boolean"
    STRING = "string"


class Kind(Enum):
    """VSS signal kind: a sensor is measured, an actuator can be asked for a value."""

    SENSOR = "sensor"
    ACTUATOR = "actuator"


@dataclass(frozen=True, slots=True)
class SignalSpec:
    """What one signal is: its type, unit, range, and how and when it may change."""

    path: str
    datatype: DataType
    kind: Kind
    default: Value
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None  # a string signal's form (a regular expression); see `description`
    while_moving: bool = True
    motor_rate: float | None = None
    remote_allowed: bool = False
    reading: bool = False  # how the instruments read (units, language, theme): a profile waits for P
    standard: bool = True
    description: str = ""
    vss_datatype: str | None = None  # the exact VSS type where range and kind leave it open (cockpit.vss)

    def validate(self, value: object) -> Value:
        """Return `value` in this signal's type; raises InvalidValue naming the path and the rule."""
        checked = self._coerce(value)
        if isinstance(checked, (int, float)) and not isinstance(checked, bool):
            if self.minimum is not None and checked < self.minimum:
                raise InvalidValue(f"{self.path}: {brief(value)} is below the minimum "
                                   f"{self._bound(self.minimum)}")
            if self.maximum is not None and checked > self.maximum:
                raise InvalidValue(f"{self.path}: {brief(value)} is above the maximum "
                                   f"{self._bound(self.maximum)}")
        if self.allowed is not None and checked not in self.allowed:
            raise InvalidValue(f"{self.path}: {brief(value)} is not one of {', '.join(self.allowed)}")
        return checked

    def clamp(self, value: float) -> float:
        """Bound a number to this signal's range (for relative changes such as 'a bit warmer')."""
        if self.minimum is not None:
            value = max(self.minimum, value)
        if self.maximum is not None:
            value = min(self.maximum, value)
        return value

    def _coerce(self, value: object) -> Value:
        wrong = InvalidValue(f"{self.path}: expected {self.datatype.value}, got {brief(value)}")
        if self.datatype is DataType.BOOL:
            if isinstance(value, bool):
                return value
            raise wrong
        if self.datatype is DataType.STRING:
            if isinstance(value, str):
                return self._text(value)
            raise wrong
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise wrong
        if not math.isfinite(value):
            raise wrong
        if self.datatype is DataType.INT:
            if isinstance(value, float) and not value.is_integer():
                raise wrong
            return int(value)
        return float(value)

    def _text(self, value: str) -> str:
        """A string value that is short, printable and of this signal's form; raises InvalidValue."""
        if len(value) > MAX_TEXT:
            raise InvalidValue(f"{self.path}: {brief(value, 60)} is longer than {MAX_TEXT} characters")
        if any(unicodedata.category(char) in _NOT_IN_A_LINE for char in value):
            raise InvalidValue(f"{self.path}: {brief(value)} contains a control character or line break")
        if self.pattern is not None and re.fullmatch(self.pattern, value) is None:
            raise InvalidValue(f"{self.path}: expected {self.description.rstrip('.')}, got {brief(value)}")
        return value

    def _bound(self, number: float) -> str:
        return f"{number:g} {self.unit}" if self.unit else f"{number:g}"


def _float(path: str, default: float, unit: str | None = None, lo: float | None = None,
           hi: float | None = None, *, kind: Kind = Kind.SENSOR, **extra: object) -> SignalSpec:
    return SignalSpec(path, DataType.FLOAT, kind, default, unit, lo, hi, **extra)  # type: ignore[arg-type]


def _int(path: str, default: int, unit: str | None = None, lo: float | None = None,
         hi: float | None = None, *, kind: Kind = Kind.ACTUATOR, **extra: object) -> SignalSpec:
    return SignalSpec(path, DataType.INT, kind, default, unit, lo, hi, **extra)  # type: ignore[arg-type]


def _bool(path: str, default: bool, *, kind: Kind = Kind.ACTUATOR, **extra: object) -> SignalSpec:
    return SignalSpec(path, DataType.BOOL, kind, default, **extra)  # type: ignore[arg-type]


def _str(path: str, default: str, allowed: tuple[str, ...] | None = None, *,
         kind: Kind = Kind.ACTUATOR, **extra: object) -> SignalSpec:
    return SignalSpec(path, DataType.STRING, kind, default, allowed=allowed, **extra)  # type: ignore[arg-type]


# VSS gear encoding: 0 neutral, positive forward, negative reverse, 126 park, 127 drive.
GEAR_PARK: Final = 126
GEAR_DRIVE: Final = 127
GEAR_NEUTRAL: Final = 0
GEAR_REVERSE: Final = -1
GEAR_LETTERS: Final = {GEAR_PARK: "P", GEAR_REVERSE: "R", GEAR_NEUTRAL: "N", GEAR_DRIVE: "D"}

SPEED: Final = "Vehicle.Speed"
SELECTED_GEAR: Final = "Vehicle.Powertrain.Transmission.SelectedGear"
CURRENT_GEAR: Final = "Vehicle.Powertrain.Transmission.CurrentGear"
ACCELERATOR: Final = "Vehicle.Chassis.Accelerator.PedalPosition"
BRAKE: Final = "Vehicle.Chassis.Brake.PedalPosition"
MOTOR_POWER: Final = "Vehicle.Powertrain.ElectricMotor.Power"
SOC: Final = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current"
SOC_DISPLAYED: Final = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed"
RANGE: Final = "Vehicle.Powertrain.Range"
IS_CHARGING: Final = "Vehicle.Powertrain.TractionBattery.Charging.IsCharging"
CABLE_CONNECTED: Final = "Vehicle.Powertrain.TractionBattery.Charging.IsChargingCableConnected"
CHARGE_POWER: Final = "Vehicle.Powertrain.TractionBattery.Charging.ChargeRate"
CHARGE_LIMIT: Final = "Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit"
TIME_TO_COMPLETE: Final = "Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete"
TRIP_METER: Final = "Vehicle.TripMeterReading"
TRIP_DURATION: Final = "Vehicle.TripDuration"
AVERAGE_SPEED: Final = "Vehicle.AverageSpeed"
TRIP_ENERGY: Final = "Vehicle.Powertrain.TractionBattery.TripEnergyUsed"
STEERING_ANGLE: Final = "Vehicle.Chassis.SteeringWheel.Angle"
ODOMETER: Final = "Vehicle.TraveledDistance"
OUTSIDE_TEMP: Final = "Vehicle.Exterior.AirTemperature"
CABIN_TEMP: Final = "Vehicle.Cabin.HVAC.AmbientAirTemperature"
TURN_LEFT: Final = "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling"
TURN_RIGHT: Final = "Vehicle.Body.Lights.DirectionIndicator.Right.IsSignaling"
LATITUDE: Final = "Vehicle.CurrentLocation.Latitude"
LONGITUDE: Final = "Vehicle.CurrentLocation.Longitude"
HEADING: Final = "Vehicle.CurrentLocation.Heading"
DOOR_LOCKED: Final = "Vehicle.Cabin.Door.Row1.DriverSide.IsLocked"

HVAC: Final = "Vehicle.Cabin.HVAC"
DRIVER_TEMP: Final = f"{HVAC}.Station.Row1.Driver.Temperature"
PASSENGER_TEMP: Final = f"{HVAC}.Station.Row1.Passenger.Temperature"
DRIVER_FAN: Final = f"{HVAC}.Station.Row1.Driver.FanSpeed"
PASSENGER_FAN: Final = f"{HVAC}.Station.Row1.Passenger.FanSpeed"
AIR_DISTRIBUTION: Final = f"{HVAC}.Station.Row1.Driver.AirDistribution"
AC: Final = f"{HVAC}.IsAirConditioningActive"
RECIRCULATION: Final = f"{HVAC}.IsRecirculationActive"
DEFROST: Final = f"{HVAC}.IsFrontDefrosterActive"
HVAC_AUTO: Final = f"{HVAC}.IsAutoActive"

SEAT: Final = "Vehicle.Cabin.Seat.Row1.DriverSide"
SEAT_POSITION: Final = f"{SEAT}.Position"
SEAT_HEIGHT: Final = f"{SEAT}.Height"
SEAT_RECLINE: Final = f"{SEAT}.Backrest.Recline"
SEAT_LUMBAR: Final = f"{SEAT}.Backrest.Lumbar.Support"
SEAT_HEAT: Final = f"{SEAT}.HeatingCooling"
PASSENGER_SEAT_HEAT: Final = "Vehicle.Cabin.Seat.Row1.PassengerSide.HeatingCooling"
STEERING_HEAT: Final = "Vehicle.Chassis.SteeringWheel.HeatingCooling"
STEERING_REACH: Final = "Vehicle.Chassis.SteeringWheel.Extension"
STEERING_HEIGHT: Final = "Vehicle.Chassis.SteeringWheel.Tilt"
MIRROR_LEFT_TILT: Final = "Vehicle.Body.Mirrors.DriverSide.Tilt"
MIRROR_LEFT_PAN: Final = "Vehicle.Body.Mirrors.DriverSide.Pan"
MIRROR_RIGHT_TILT: Final = "Vehicle.Body.Mirrors.PassengerSide.Tilt"
MIRROR_RIGHT_PAN: Final = "Vehicle.Body.Mirrors.PassengerSide.Pan"

AMBIENT: Final = "Vehicle.Cabin.Light.AmbientLight.Row1.DriverSide"
AMBIENT_ON: Final = f"{AMBIENT}.IsLightOn"
AMBIENT_COLOR: Final = f"{AMBIENT}.Color"
AMBIENT_INTENSITY: Final = f"{AMBIENT}.Intensity"

MEDIA: Final = "Vehicle.Cabin.Infotainment.Media"
MEDIA_ACTION: Final = f"{MEDIA}.Action"
MEDIA_SOURCE: Final = f"{MEDIA}.Played.Source"
MEDIA_ARTIST: Final = f"{MEDIA}.Played.Artist"
MEDIA_TRACK: Final = f"{MEDIA}.Played.Track"
MEDIA_URI: Final = f"{MEDIA}.Played.URI"
MEDIA_ALBUM: Final = f"{MEDIA}.Played.Album"
MEDIA_POSITION: Final = f"{MEDIA}.Played.Position"
MEDIA_DURATION: Final = f"{MEDIA}.Played.Duration"
MEDIA_SHUFFLE: Final = f"{MEDIA}.IsShuffleOn"
MEDIA_REPEAT: Final = f"{MEDIA}.RepeatMode"
VOLUME: Final = f"{MEDIA}.Volume"
MUTED: Final = f"{MEDIA}.IsMuted"

HMI: Final = "Vehicle.Cabin.Infotainment.HMI"
DISTANCE_UNIT: Final = f"{HMI}.DistanceUnit"
TEMPERATURE_UNIT: Final = f"{HMI}.TemperatureUnit"
DAY_NIGHT: Final = f"{HMI}.DayNightMode"
BRIGHTNESS: Final = f"{HMI}.Brightness"
LANGUAGE: Final = f"{HMI}.CurrentLanguage"
TIME_FORMAT: Final = f"{HMI}.TimeFormat"
FONT_SIZE: Final = f"{HMI}.FontSize"
CLUSTER_LAYOUT: Final = f"{HMI}.ClusterLayout"
HIGH_CONTRAST: Final = f"{HMI}.IsHighContrast"

NAV: Final = "Vehicle.Cabin.Infotainment.Navigation"
DEST_LATITUDE: Final = f"{NAV}.DestinationSet.Latitude"
DEST_LONGITUDE: Final = f"{NAV}.DestinationSet.Longitude"
DEST_NAME: Final = f"{NAV}.DestinationSet.Name"
NAV_DISTANCE: Final = f"{NAV}.DistanceToDestination"
NAV_TIME: Final = f"{NAV}.TimeToDestination"
NAV_ARRIVAL_SOC: Final = f"{NAV}.StateOfChargeAtArrival"
DRIVER_ID: Final = "Vehicle.Driver.Identifier.Subject"
KEY_FOB: Final = "Vehicle.Driver.Identifier.Issuer"
SPEED_WARNING: Final = "Vehicle.ADAS.SpeedWarning.IsWarning"

TIRE_PRESSURES: Final = tuple(f"Vehicle.Chassis.Axle.Row{row}.Wheel.{side}.Tire.Pressure"
                              for row in (1, 2) for side in ("Left", "Right"))
PRECONDITIONING: Final = f"{HVAC}.IsPreconditioningActive"

_A = Kind.ACTUATOR

_SPECS: tuple[SignalSpec, ...] = (
    _float(SPEED, 0.0, "km/h", -60, 250, description="Vehicle speed; negative while reversing."),
    _int(SELECTED_GEAR, GEAR_PARK, None, -1, 127, description="Gear lever: 126 P, -1 R, 0 N, 127 D."),
    _int(CURRENT_GEAR, GEAR_PARK, None, -1, 127, kind=Kind.SENSOR),
    _int(ACCELERATOR, 0, "percent", 0, 100, description="A sensor in VSS; an input here: the driver's foot."),
    _int(BRAKE, 0, "percent", 0, 100, description="A sensor in VSS; an input here: the driver's foot."),
    _float(MOTOR_POWER, 0.0, "kW", -300, 300, description="Motor power; negative is regeneration."),
    _float(SOC, 80.0, "percent", 0, 100),
    _float(SOC_DISPLAYED, 80.0, "percent", 0, 100),
    _int(RANGE, 320_000, "m", 0, 2_000_000, kind=Kind.SENSOR),
    _bool(IS_CHARGING, False, kind=Kind.SENSOR),
    _bool(CABLE_CONNECTED, False, kind=Kind.SENSOR),
    _float(CHARGE_POWER, 0.0, "kW", 0, 400),
    _int(CHARGE_LIMIT, 80, "percent", 50, 100, description="Charging stops at this state of charge."),
    _int(TIME_TO_COMPLETE, 0, "s", 0, 360_000, kind=Kind.SENSOR,
         description="Until the charge limit at the present power; 0 while not charging."),
    _float(TRIP_METER, 0.0, "km", 0, 1_000_000, kind=_A,
           description="Trip A; setting it to 0 resets the trip."),
    _float(TRIP_DURATION, 0.0, "s", 0, 100_000_000, description="Time spent driving on trip A."),
    _float(AVERAGE_SPEED, 0.0, "km/h", 0, 250, description="Average speed on trip A, while moving."),
    _float(TRIP_ENERGY, 0.0, "kWh", -1000, 100_000, standard=False,
           description="Energy taken from the battery on trip A (regeneration counted back)."),
    _int(STEERING_ANGLE, 0, "degrees", -540, 540,
         description="A sensor in VSS; an input here: the driver's hands (negative is left)."),
    _float(ODOMETER, 0.0, "km", 0, 10_000_000),
    _float(OUTSIDE_TEMP, 12.0, "celsius", -50, 60),
    _float(CABIN_TEMP, 18.0, "celsius", -50, 90),
    _bool(TURN_LEFT, False),
    _bool(TURN_RIGHT, False),
    # Parked in Eerikinkatu by Annankatu 25, Helsinki: on the shipped map (cockpit.navigation).
    _float(LATITUDE, 60.16758, "degrees", -90, 90, vss_datatype="double"),
    _float(LONGITUDE, 24.93639, "degrees", -180, 180, vss_datatype="double"),
    _float(HEADING, 0.0, "degrees", 0, 360, vss_datatype="double"),
    _bool(DOOR_LOCKED, False, remote_allowed=True),
    _float(DRIVER_TEMP, 21.0, "celsius", 16, 28, kind=_A, remote_allowed=True),
    _float(PASSENGER_TEMP, 21.0, "celsius", 16, 28, kind=_A, remote_allowed=True),
    _int(DRIVER_FAN, 30, "percent", 0, 100, remote_allowed=True),
    _int(PASSENGER_FAN, 30, "percent", 0, 100, remote_allowed=True),
    _str(AIR_DISTRIBUTION, "MIDDLE", ("UP", "MIDDLE", "DOWN")),
    _bool(AC, True, remote_allowed=True),
    _bool(RECIRCULATION, False),
    _bool(DEFROST, False, remote_allowed=True),
    _bool(HVAC_AUTO, True, standard=False),
    _int(SEAT_POSITION, 150, "mm", 0, 300, motor_rate=25.0, while_moving=False),
    _int(SEAT_HEIGHT, 40, "mm", 0, 80, motor_rate=10.0, while_moving=False, vss_datatype="uint16"),
    _float(SEAT_RECLINE, 25.0, "degrees", 0, 45, kind=_A, motor_rate=4.0, while_moving=False),
    _float(SEAT_LUMBAR, 50.0, "percent", 0, 100, kind=_A, motor_rate=20.0, while_moving=False),
    _int(SEAT_HEAT, 0, "percent", -100, 100, remote_allowed=True),
    _int(PASSENGER_SEAT_HEAT, 0, "percent", -100, 100, remote_allowed=True),
    _int(STEERING_HEAT, 0, "percent", -100, 100, remote_allowed=True),
    _int(STEERING_REACH, 50, "percent", 0, 100, motor_rate=15.0, while_moving=False),
    _int(STEERING_HEIGHT, 50, "percent", 0, 100, motor_rate=15.0, while_moving=False),
    _int(MIRROR_LEFT_TILT, 0, "percent", -100, 100, motor_rate=30.0, while_moving=False),
    _int(MIRROR_LEFT_PAN, 0, "percent", -100, 100, motor_rate=30.0, while_moving=False),
    _int(MIRROR_RIGHT_TILT, 0, "percent", -100, 100, motor_rate=30.0, while_moving=False),
    _int(MIRROR_RIGHT_PAN, 0, "percent", -100, 100, motor_rate=30.0, while_moving=False),
    _bool(AMBIENT_ON, True),
    _str(AMBIENT_COLOR, "3A7BFF", pattern=HEX_COLOUR, description="RGB colour as six hex digits."),
    _int(AMBIENT_INTENSITY, 60, "percent", 1, 100),
    _str(MEDIA_ACTION, "STOP", ("UNKNOWN", "STOP", "PLAY", "PAUSE", "FAST_FORWARD", "FAST_BACKWARD",
                                "SKIP_FORWARD", "SKIP_BACKWARD")),
    _str(MEDIA_SOURCE, "FM", ("UNKNOWN", "SIRIUS_XM", "AM", "FM", "DAB", "TV", "CD", "DVD", "AUX",
                              "USB", "DISK", "BLUETOOTH", "INTERNET", "VOICE", "BEEP")),
    _str(MEDIA_ARTIST, "", kind=Kind.SENSOR),
    _str(MEDIA_TRACK, "", kind=Kind.SENSOR),
    _str(MEDIA_URI, "", description="What plays: station:ID, playlist:ID/N, album:ID/N; setting "
                                     "radio:NAME, playlist:NAME or search:WORDS finds it in the catalogue."),
    _str(MEDIA_ALBUM, "", kind=Kind.SENSOR, description="The album or playlist, or the radio station."),
    _int(MEDIA_POSITION, 0, "s", 0, 86_400, standard=False,
         description="Seconds into the track; setting it seeks (not on live radio)."),
    _int(MEDIA_DURATION, 0, "s", 0, 86_400, kind=Kind.SENSOR, standard=False,
         description="Length of the track; 0 for live radio."),
    _bool(MEDIA_SHUFFLE, False, standard=False),
    _str(MEDIA_REPEAT, "OFF", ("OFF", "ALL", "ONE"), standard=False),
    _int(VOLUME, 30, "percent", 0, 100),
    _bool(MUTED, False, standard=False),
    _str(DISTANCE_UNIT, "KILOMETERS", ("MILES", "KILOMETERS"), reading=True),
    _str(TEMPERATURE_UNIT, "C", ("C", "F"), reading=True),
    _str(DAY_NIGHT, "DAY", ("DAY", "NIGHT"), reading=True),
    _float(BRIGHTNESS, 80.0, "percent", 0, 100, kind=_A),
    _str(LANGUAGE, "en-GB", pattern=LANGUAGE_TAG, description="BCP 47 language tag.", reading=True),
    _str(TIME_FORMAT, "HR_24", ("HR_12", "HR_24"), reading=True),
    _str(FONT_SIZE, "STANDARD", ("STANDARD", "LARGE", "EXTRA_LARGE"), reading=True),
    _str(CLUSTER_LAYOUT, "CLASSIC", ("CLASSIC", "MINIMAL", "SPORT"), standard=False, reading=True),
    _bool(HIGH_CONTRAST, False, standard=False, reading=True),
    _float(DEST_LATITUDE, 0.0, "degrees", -90, 90, kind=_A, vss_datatype="double"),
    _float(DEST_LONGITUDE, 0.0, "degrees", -180, 180, kind=_A, vss_datatype="double"),
    _str(DEST_NAME, "", standard=False),
    _int(NAV_DISTANCE, 0, "m", 0, 10_000_000, kind=Kind.SENSOR, standard=False,
         description="Along the route to the destination; 0 without a route."),
    _int(NAV_TIME, 0, "s", 0, 1_000_000, kind=Kind.SENSOR, standard=False,
         description="Estimated driving time to the destination; 0 without a route."),
    _float(NAV_ARRIVAL_SOC, 0.0, "percent", 0, 100, standard=False,
           description="Battery state of charge expected at the destination (from the range)."),
    _str(DRIVER_ID, "guest", kind=Kind.SENSOR),
    _str(KEY_FOB, "", kind=Kind.SENSOR),
    _bool(SPEED_WARNING, False, kind=Kind.SENSOR, standard=False,
          description="The driver's speed warning threshold is exceeded (a telltale)."),
    *(_float(path, 250.0, "kPa", 0, 1000) for path in TIRE_PRESSURES),
    _bool(PRECONDITIONING, False, remote_allowed=True, standard=False,
          description="Remote climate: warm or cool the parked car to the driver's setpoint."),
)

CATALOGUE: Final[dict[str, SignalSpec]] = {spec.path: spec for spec in _SPECS}


def spec_for(path: str) -> SignalSpec:
    """Return the spec of `path`; raises UnknownSignal with the closest known paths."""
    try:
        return CATALOGUE[path]
    except KeyError:
        leaf = path.rsplit(".", 1)[-1].lower()
        near = [p for p in CATALOGUE if p.rsplit(".", 1)[-1].lower() == leaf][:3]
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise UnknownSignal(f"unknown signal {brief(path)}{hint}") from None
