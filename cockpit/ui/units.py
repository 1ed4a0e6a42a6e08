"""Unit conversion and formatting for what the driver reads (km/h or mph, °C or °F)."""

from __future__ import annotations

KM_PER_MILE = 1.609344


def speed(kmh: float, distance_unit: str) -> int:
    """Speed as shown: whole km/h or mph, never negative (reversing shows its magnitude)."""
    value = abs(kmh) / KM_PER_MILE if distance_unit == "MILES" else abs(kmh)
    return round(value)


def speed_unit(distance_unit: str) -> str:
    return "mph" if distance_unit == "MILES" else "km/h"


def distance(metres: float, distance_unit: str) -> str:
    """A range or distance, in whole km or miles with its unit."""
    km = metres / 1000.0
    if distance_unit == "MILES":
        return f"{round(km / KM_PER_MILE)} mi"
    return f"{round(km)} km"


def short_distance(metres: float, distance_unit: str) -> str:
    """A distance to somewhere, to a tenth of a km or mile: "1.2 km", "0.7 mi"."""
    km = metres / 1000.0
    if distance_unit == "MILES":
        return f"{km / KM_PER_MILE:.1f} mi"
    return f"{km:.1f} km"


def setpoint_step(celsius: float, temperature_unit: str, steps: int) -> float:
    """The setpoint `steps` display steps away: 1 °F for Fahrenheit drivers (from the whole degree
    they see, so every press changes the number), 0.5 °C otherwise."""
    if temperature_unit == "F":
        return round((round(celsius * 9 / 5 + 32) + steps - 32) * 5 / 9, 2)
    return round(celsius * 2) / 2 + steps * 0.5


def temperature(celsius: float, temperature_unit: str, decimals: int = 1) -> str:
    """A temperature with its unit; setpoints keep one decimal, outside temperature none."""
    value = celsius * 9 / 5 + 32 if temperature_unit == "F" else celsius
    if temperature_unit == "F":
        decimals = 0
    return f"{value:.{decimals}f}°{temperature_unit}"
