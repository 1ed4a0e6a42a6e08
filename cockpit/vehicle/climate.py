"""Cabin temperature: a first-order thermal model with an HVAC that heats, cools and draws power.

The cabin loses heat to the outside through its shell (and through fresh air while the fan runs
without recirculation). With the fan on, the HVAC pushes the cabin toward the driver's setpoint
as fast as the fan's airflow allows; cooling below the outside air needs the AC. With the fan
off the cabin drifts toward the outside temperature over tens of minutes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CabinParams:
    """Thermal constants of a mid-size cabin and its heat pump / PTC heater and AC."""

    heat_capacity_j_per_k: float = 60_000.0  # air plus the interior it warms
    shell_w_per_k: float = 35.0  # passive loss: about a 29 min time constant
    fresh_air_w_per_k: float = 60.0  # extra loss at full fan without recirculation
    tau_full_fan_s: float = 120.0  # time constant toward the setpoint at 100 % fan
    heater_max_w: float = 6_000.0
    cooling_max_w: float = 5_000.0
    heater_efficiency: float = 1.0
    ac_cop: float = 2.5
    fan_max_w: float = 250.0


class Cabin:
    """The cabin's air temperature (°C) and the electrical power its HVAC draws (W)."""

    __slots__ = ("hvac_power_w", "params", "temperature")

    def __init__(self, temperature: float, params: CabinParams | None = None) -> None:
        self.params = params or CabinParams()
        self.temperature = temperature
        self.hvac_power_w = 0.0

    def step(self, h: float, setpoint: float, fan: float, ac: bool, recirculation: bool,
             outside: float) -> None:
        """Advance `h` seconds; `fan` is 0..1 (0 = HVAC off)."""
        p = self.params
        t = self.temperature
        loss = p.shell_w_per_k
        heat = 0.0
        if fan > 0.0:
            if not recirculation:
                loss += fan * p.fresh_air_w_per_k
            wanted = p.heat_capacity_j_per_k * (setpoint - t) * fan / p.tau_full_fan_s + loss * (t - outside)
            heat = min(wanted, fan * p.heater_max_w) if wanted > 0 else max(
                wanted, -fan * p.cooling_max_w if ac else 0.0)
        self.temperature = t + (heat - loss * (t - outside)) * h / p.heat_capacity_j_per_k
        electric = heat / p.heater_efficiency if heat > 0 else -heat / p.ac_cop
        self.hvac_power_w = electric + fan * p.fan_max_w
