"""Zones, switch words, stated units and levels: small helpers every domain module shares.

The conversions and roundings themselves are cockpit.core.units, shared with the dashboard.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from cockpit.assistants.grammar.intent import Context
from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.outcome import Outcome
from cockpit.core.text import Text
from cockpit.i18n import N_

DRIVER: Final = "driver"
PASSENGER: Final = "passenger"
BOTH: Final = "both"

_BOTH = re.compile(r"\b(?:both|everywhere|all zones|whole car|everyone|front row|all seats|sync|all)\b")
_PASSENGER = re.compile(r"\b(?:passenger|right side|co driver|right)\b")
_DRIVER = re.compile(r"\b(?:driver|my side|left side|left)\b")
_OFF = re.compile(r"\b(?:off|disable|deactivate|stop|kill|no more|cancel)\b")
_NUMBER = re.compile(r"(?<![\w.])((?:minus )?\d+(?:\.\d+)?)(?![\w.])")
_FAHRENHEIT = re.compile(r"\b(?:fahrenheit|f)\b")
_CELSIUS = re.compile(r"\b(?:celsius|c)\b")

# The twin of each zoned signal on the other side of the car, for "the passenger side too".
ZONED: Final[dict[str, dict[str, str]]] = {
    sig.DRIVER_TEMP: {DRIVER: sig.DRIVER_TEMP, PASSENGER: sig.PASSENGER_TEMP},
    sig.PASSENGER_TEMP: {DRIVER: sig.DRIVER_TEMP, PASSENGER: sig.PASSENGER_TEMP},
    sig.DRIVER_FAN: {DRIVER: sig.DRIVER_FAN, PASSENGER: sig.PASSENGER_FAN},
    sig.PASSENGER_FAN: {DRIVER: sig.DRIVER_FAN, PASSENGER: sig.PASSENGER_FAN},
    sig.SEAT_HEAT: {DRIVER: sig.SEAT_HEAT, PASSENGER: sig.PASSENGER_SEAT_HEAT},
    sig.PASSENGER_SEAT_HEAT: {DRIVER: sig.SEAT_HEAT, PASSENGER: sig.PASSENGER_SEAT_HEAT},
}


def zone(text: str) -> str:
    """Which side of the car the words name; the driver's side when they name none."""
    if _BOTH.search(text):
        return BOTH
    passenger = _PASSENGER.search(text) is not None
    if passenger and _DRIVER.search(text):
        return BOTH
    return PASSENGER if passenger else DRIVER


def paths_for(zone_name: str, driver_path: str) -> tuple[str, ...]:
    """The signal paths of `driver_path`'s kind in a zone."""
    twins = ZONED[driver_path]
    if zone_name == BOTH:
        return twins[DRIVER], twins[PASSENGER]
    return (twins[zone_name],)


ZONE_WORDS = {DRIVER: N_("the driver side"), PASSENGER: N_("the passenger side"), BOTH: N_("both sides")}


def zone_words(zone_name: str) -> Text:
    """The zone as a reply names it, in the driver's language ("die Fahrerseite")."""
    return Text(ZONE_WORDS[zone_name])


def switched_off(text: str) -> bool:
    return _OFF.search(text) is not None


def number(text: str) -> float | None:
    """The first number in the text, if any; "minus 5" (normalised from "-5" too) is -5."""
    match = _NUMBER.search(text)
    return float(match.group(1).replace("minus ", "-")) if match else None


def stated_fahrenheit(text: str, value: float | None, context: Context) -> bool:
    """Whether a temperature is in °F: the stated unit, else the driver's, else the plausible one."""
    if _FAHRENHEIT.search(text):
        return True
    if _CELSIUS.search(text):
        return False
    if value is not None and value >= 50:
        return True
    if value is not None and value <= 35:
        return False
    return context.fahrenheit


def to_celsius(value: float, fahrenheit: bool) -> float:
    """A setpoint in °C, on the half degree the HVAC uses."""
    return round(units.to_celsius(value, fahrenheit) * 2) / 2


LEVEL_PERCENT: Final = 100 / 3


def level_to_percent(level: float) -> int:
    """Heater levels 0..3 (negative cools) as the percent the VSS HeatingCooling signals use; a level
    outside -3..3 stays outside -100..100, for the policy to refuse."""
    return round(level * LEVEL_PERCENT)


def reached(outcomes: Sequence[Outcome]) -> float | None:
    """The value the first carried-out (or waiting) change reached: what a reply names after a
    relative step ("to 23 °C"), since only the cockpit knows where the step ended."""
    for outcome in outcomes:
        value = outcome.value
        if not outcome.rejected and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    return None
