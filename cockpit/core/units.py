"""Units for what a person reads or hears: km/h or mph, km or miles, °C or °F, bar or psi.

The one place for each conversion and for how each quantity is rounded, used wherever a value
meets a person (the dashboard, the home tiles, the change summary, the assistants' replies, the
report):

    speed                    whole km/h or mph                       "87 km/h", "54 mph"
    distance (range)         whole km or miles                       "281 km", "175 mi"
    short distance           a tenth of a km or mile                 "1.2 km", "0.7 mi"
    distance to a turn       10 m below 1 km, 50 ft below 0.1 mi     "350 m", "1.2 km", "500 ft", "0.3 mi"
    time to go               whole minutes (hours past 60)            "12 min", "1 h 05 min", "< 1 min"
    energy, consumption      a tenth of a kWh; kWh/100 km or mi/kWh   "3.4 kWh", "17.2 kWh/100 km",
                                                                     "3.6 mi/kWh"
    setpoint temperature     a tenth of a degree C, whole degrees F  "21.5 °C", "71 °F"; T/G step
                             0.5 °C or 1 °F
    air temperature          whole degrees (outside, cabin, room)    "12 °C", "54 °F"
    tyre pressure            a tenth of a bar, whole psi             "2.5" bar, "36" psi

`miles` and `fahrenheit` say which system the person uses (sig.DISTANCE_UNIT is MILES,
sig.TEMPERATURE_UNIT is F).
"""

from __future__ import annotations

from typing import Final

KM_PER_MILE: Final = 1.609344
FT_M: Final = 0.3048
KPA_PER_PSI: Final = 6.894757
KPA_PER_BAR: Final = 100.0


# --- speed and distance ----------------------------------------------------------------------------
def speed_in(kmh: float, miles: bool) -> float:
    """A speed in km/h or mph, unrounded (for a needle); reversing shows its magnitude."""
    return abs(kmh) / KM_PER_MILE if miles else abs(kmh)


def speed(kmh: float, miles: bool) -> int:
    """A speed as shown: whole km/h or mph."""
    return round(speed_in(kmh, miles))


def speed_unit(miles: bool) -> str:
    return "mph" if miles else "km/h"


def speed_text(kmh: float, miles: bool) -> str:
    """ "87 km/h", "54 mph"."""
    return f"{speed(kmh, miles)} {speed_unit(miles)}"


def distance(metres: float, miles: bool) -> int:
    """A range or trip distance as shown: whole km or miles."""
    km = metres / 1000.0
    return round(km / KM_PER_MILE if miles else km)


def distance_text(metres: float, miles: bool) -> str:
    """ "281 km", "175 mi"."""
    return f"{distance(metres, miles)} {'mi' if miles else 'km'}"


def short_distance_text(metres: float, miles: bool) -> str:
    """A distance to somewhere, to a tenth of a km or mile: "1.2 km", "0.7 mi"."""
    km = metres / 1000.0
    return f"{km / KM_PER_MILE:.1f} mi" if miles else f"{km:.1f} km"


def turn_distance_text(metres: float, miles: bool) -> str:
    """How far ahead a turn is: "350 m" (10 m steps), "1.2 km"; "500 ft" (50 ft steps), "0.3 mi"."""
    if miles:
        if metres < 0.1 * KM_PER_MILE * 1000:
            return f"{max(50, round(metres / FT_M / 50) * 50)} ft"
        return f"{metres / 1000 / KM_PER_MILE:.1f} mi"
    if metres < 1000:
        return f"{max(10, round(metres / 10) * 10)} m"
    return f"{metres / 1000:.1f} km"


def parking_distance_text(metres: float, miles: bool) -> str:
    """How far behind an obstacle is: "1.2 m" (a tenth), "4 ft" (whole feet)."""
    return f"{max(0, round(metres / FT_M))} ft" if miles else f"{max(0.0, metres):.1f} m"


def duration_text(seconds: float) -> str:
    """Time to go: "< 1 min", "12 min", "1 h 05 min" (the same in every unit system)."""
    minutes = round(seconds / 60)
    if seconds < 30:
        return "< 1 min"
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def energy_text(kwh: float) -> str:
    """Energy used or charged: "3.4 kWh"."""
    return f"{kwh:.1f} kWh"


def consumption_text(wh_per_km: float, miles: bool) -> str:
    """Consumption: "17.2 kWh/100 km", or efficiency "3.6 mi/kWh" for a driver in miles."""
    if miles:
        return f"{1000.0 / (wh_per_km * KM_PER_MILE):.1f} mi/kWh" if wh_per_km > 0 else "– mi/kWh"
    return f"{wh_per_km / 10.0:.1f} kWh/100 km"


# --- temperature -----------------------------------------------------------------------------------
def to_fahrenheit(celsius: float) -> float:
    return celsius * 9 / 5 + 32


def to_celsius(value: float, fahrenheit: bool) -> float:
    """A temperature someone gave in their unit, in °C (unrounded)."""
    return (value - 32) * 5 / 9 if fahrenheit else value


def celsius_step(step: float, fahrenheit: bool) -> float:
    """A temperature difference someone gave in their unit ("2 degrees warmer"), in °C."""
    return step * 5 / 9 if fahrenheit else step


def setpoint_step(celsius: float, fahrenheit: bool, steps: int) -> float:
    """The setpoint `steps` presses of T/G away, in °C: 1 °F from the whole degree a Fahrenheit
    driver sees (so every press changes the number shown), 0.5 °C otherwise."""
    if fahrenheit:
        return round(to_celsius(round(to_fahrenheit(celsius)) + steps, True), 2)
    return round(celsius * 2) / 2 + steps * 0.5


def setpoint_text(celsius: float, fahrenheit: bool) -> str:
    """A climate setpoint: "21.5 °C" (the HVAC's half degrees), "71 °F"."""
    if fahrenheit:
        return f"{round(to_fahrenheit(celsius))} °F"
    return f"{celsius:.1f} °C"


def air_temperature_text(celsius: float, fahrenheit: bool) -> str:
    """The air outside, in the cabin or in a room: whole degrees, "12 °C", "54 °F"."""
    value = to_fahrenheit(celsius) if fahrenheit else celsius
    return f"{round(value)} °{'F' if fahrenheit else 'C'}"


# --- pressure --------------------------------------------------------------------------------------
def pressure_number(kpa: float, imperial: bool) -> str:
    """A tyre pressure without its unit: "2.5" (bar), "36" (psi)."""
    return f"{round(kpa / KPA_PER_PSI)}" if imperial else f"{kpa / KPA_PER_BAR:.1f}"


def pressure_unit(imperial: bool) -> str:
    return "psi" if imperial else "bar"
