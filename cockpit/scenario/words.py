"""Scenario steps and expectations in words a person reads: "Gear is P", "Speed stays at most 63 mph
from 2.5 s", not `SelectedGear == 126`.

A `Wording` holds the report's language (a gettext function) and the driver's units at the moment a
step runs; the step models and expectations use it to describe themselves (cockpit.scenario.steps,
cockpit.scenario.fields). Signals are named by a label when the catalogue has one, else by their
VSS path's last words ("DistanceToDestination" -> "Distance to destination"); values are shown as a
person reads them: gears as letters, choices by name, on/off, numbers in the driver's units.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.signals import DataType, Value
from cockpit.i18n import N_, translator

Translate = Callable[[str], str]

LABELS: dict[str, str] = {
    sig.SPEED: N_("Speed"),
    sig.SELECTED_GEAR: N_("Gear"),
    sig.CURRENT_GEAR: N_("Gear engaged"),
    sig.ACCELERATOR: N_("Accelerator pedal"),
    sig.BRAKE: N_("Brake pedal"),
    sig.MOTOR_POWER: N_("Motor power"),
    sig.SOC: N_("Battery"),
    sig.SOC_DISPLAYED: N_("Battery shown"),
    sig.RANGE: N_("Range"),
    sig.IS_CHARGING: N_("Charging"),
    sig.CABLE_CONNECTED: N_("Charging cable"),
    sig.ODOMETER: N_("Odometer"),
    sig.OUTSIDE_TEMP: N_("Outside temperature"),
    sig.CABIN_TEMP: N_("Cabin temperature"),
    sig.DOOR_LOCKED: N_("Driver's door locked"),
    sig.DRIVER_TEMP: N_("Driver temperature"),
    sig.PASSENGER_TEMP: N_("Passenger temperature"),
    sig.DRIVER_FAN: N_("Fan"),
    sig.PASSENGER_FAN: N_("Passenger fan"),
    sig.AC: N_("Air conditioning"),
    sig.RECIRCULATION: N_("Recirculation"),
    sig.DEFROST: N_("Windscreen defroster"),
    sig.HVAC_AUTO: N_("Auto climate"),
    sig.SEAT_POSITION: N_("Seat position"),
    sig.SEAT_HEIGHT: N_("Seat height"),
    sig.SEAT_RECLINE: N_("Backrest"),
    sig.SEAT_HEAT: N_("Seat heating"),
    sig.STEERING_HEAT: N_("Steering wheel heating"),
    sig.AMBIENT_COLOR: N_("Ambient light colour"),
    sig.MEDIA_ACTION: N_("Media"),
    sig.MEDIA_SOURCE: N_("Media source"),
    sig.MEDIA_TRACK: N_("Track"),
    sig.MEDIA_ARTIST: N_("Artist"),
    sig.VOLUME: N_("Volume"),
    sig.MUTED: N_("Muted"),
    sig.DISTANCE_UNIT: N_("Distance unit"),
    sig.TEMPERATURE_UNIT: N_("Temperature unit"),
    sig.DAY_NIGHT: N_("Theme"),
    sig.LANGUAGE: N_("Language"),
    sig.DEST_NAME: N_("Destination"),
    sig.DRIVER_ID: N_("Driver"),
    sig.KEY_FOB: N_("Key fob"),
    sig.SPEED_WARNING: N_("Speed warning"),
    sig.PRECONDITIONING: N_("Preconditioning"),
    sig.MEDIA_URI: N_("Now playing"),
}
# Choices by the name a person knows them by (the rest: "FAST_FORWARD" -> "Fast forward").
CHOICES: dict[str, str] = {
    "FM": "FM",
    "AM": "AM",
    "DAB": "DAB",
    "TV": N_("TV"),
    "CD": "CD",
    "DVD": "DVD",
    "AUX": "AUX",
    "USB": "USB",
    "SIRIUS_XM": "SiriusXM",
    "INTERNET": N_("Internet"),
    "DAY": N_("Day"),
    "NIGHT": N_("Night"),
    "MILES": N_("miles"),
    "KILOMETERS": N_("kilometres"),
    "C": "°C",
    "F": "°F",
    "HR_12": N_("12-hour clock"),
    "HR_24": N_("24-hour clock"),
    "PLAY": N_("playing"),
    "PAUSE": N_("paused"),
    "STOP": N_("stopped"),
    "OFF": N_("off"),
    "ALL": N_("all"),
    "ONE": N_("one"),
}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_GENERIC = {"Position", "Temperature", "Tilt", "Pan", "Current", "IsActive", "Pressure", "IsOn"}


def english(message: str) -> str:
    return message


@dataclass(frozen=True, slots=True)
class Wording:
    """How to word things: the report's language and the driver's units; `drivers` maps key fobs
    (and profile ids) to the drivers' names."""

    tr: Translate = english
    miles: bool = False
    fahrenheit: bool = False
    drivers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def for_language(cls, language: str, **settings: object) -> Wording:
        return cls(translator(language), **settings)  # type: ignore[arg-type]

    def __call__(self, message: str, **args: object) -> str:
        """`message` in the report's language, with its arguments filled in."""
        text = self.tr(message)
        return text.format(**args) if args else text

    def signal(self, path: str) -> str:
        """A signal's name: its label, else the last words of its path."""
        if path in LABELS:
            return self.tr(LABELS[path])
        parts = path.split(".")
        words = parts[-2:] if parts[-1] in _GENERIC or parts[-1].startswith("Is") else parts[-1:]
        text = " ".join(_CAMEL.sub(" ", part.removeprefix("Is")) for part in words)
        return text[:1].upper() + text[1:].lower()

    def value(self, path: str, value: Value) -> str:
        """A value of the signal as a person reads it, in the driver's units."""
        spec = sig.CATALOGUE.get(path)
        if isinstance(value, bool):
            return self.tr(N_("on")) if value else self.tr(N_("off"))
        if path in (sig.SELECTED_GEAR, sig.CURRENT_GEAR) and value in sig.GEAR_LETTERS:
            return sig.GEAR_LETTERS[int(value)]
        if path == sig.DRIVER_ID and isinstance(value, str):
            return self.drivers.get(value, value)
        if isinstance(value, str):
            if spec is not None and spec.allowed is not None:
                return self.choice(value)
            return f"“{value}”" if value else self.tr(N_("none"))
        if spec is None or spec.datatype is DataType.STRING:
            return f"{value:g}"
        return self.quantity(float(value), spec.unit)

    def choice(self, value: str) -> str:
        if value in CHOICES:
            return self.tr(CHOICES[value])
        return value.replace("_", " ").capitalize()

    def convert(self, number: float, unit: str | None) -> tuple[float, str]:
        """A number of the catalogue's unit in the driver's units, and how that unit is written."""
        if unit == "km/h":
            return (number / units.KM_PER_MILE if self.miles else number), units.speed_unit(self.miles)
        if unit == "celsius":
            return (units.to_fahrenheit(number) if self.fahrenheit else number), (
                "°F" if self.fahrenheit else "°C"
            )
        if unit in ("m", "km"):
            km = number / 1000 if unit == "m" else number
            return (km / units.KM_PER_MILE if self.miles else km), ("mi" if self.miles else "km")
        return number, {"percent": "%", "degrees": "°"}.get(unit or "", unit or "")

    def quantity(self, number: float, unit: str | None) -> str:
        """A number with its unit, converted to the driver's units; one decimal at most."""
        shown, written = self.convert(number, unit)
        if written == "°":
            return f"{_num(shown)}°"
        return f"{_num(shown)} {written}" if written else _num(shown)

    def seconds(self, seconds: float) -> str:
        return f"{_num(seconds)} s"


def _num(number: float) -> str:
    """At most one decimal, none when whole: 101, 62.8, 0.5."""
    rounded = round(number, 1)
    return f"{rounded:g}" if abs(rounded) < 1e6 else f"{rounded:.0f}"
