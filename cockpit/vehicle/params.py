"""The simulated EV's parameters: one frozen value, so a test can build a heavier or weaker car."""

from __future__ import annotations

from dataclasses import dataclass, fields

GRAVITY = 9.81


@dataclass(frozen=True, slots=True)
class EVParams:
    """A mid-size electric hatchback (about the size and power of a VW ID.3 Pro)."""

    mass_kg: float = 1900.0
    rotating_mass_factor: float = 1.04  # wheels, motor rotor and gears add inertia
    drag_coefficient: float = 0.23
    frontal_area_m2: float = 2.36
    air_density_kg_m3: float = 1.2
    rolling_resistance: float = 0.009
    wheel_radius_m: float = 0.334
    gear_ratio: float = 11.5
    motor_power_kw: float = 150.0
    motor_torque_nm: float = 310.0
    regen_power_kw: float = 70.0
    drivetrain_efficiency: float = 0.90  # battery to wheel, and wheel back to battery
    max_brake_decel_mps2: float = 9.0
    liftoff_regen_mps2: float = 0.8  # deceleration with both pedals released, in D or R
    pedal_regen_zone: float = 0.1  # the first 10 % of accelerator travel only reduces lift-off regen
    regen_fade_kmh: float = 6.0  # below this the motor's braking fades and friction brakes finish
    top_speed_kmh: float = 160.0
    reverse_speed_kmh: float = 20.0
    battery_kwh: float = 75.0
    aux_power_kw: float = 0.25  # electronics, lights, pumps
    charge_efficiency: float = 0.92
    default_consumption_wh_per_km: float = 170.0

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if value < 0 or (value == 0 and item.name not in _MAY_BE_ZERO):
                raise ValueError(f"EVParams.{item.name} must be positive, not {value!r}")
        if not 0 < self.drivetrain_efficiency <= 1 or not 0 < self.charge_efficiency <= 1:
            raise ValueError("efficiencies lie in (0, 1]")
        if not 0 <= self.pedal_regen_zone < 1:
            raise ValueError("EVParams.pedal_regen_zone lies in [0, 1)")

    @property
    def effective_mass_kg(self) -> float:
        return self.mass_kg * self.rotating_mass_factor

    @property
    def max_wheel_force_n(self) -> float:
        """Traction at the wheels while torque-limited (below base speed)."""
        return self.motor_torque_nm * self.gear_ratio / self.wheel_radius_m

    @property
    def base_speed_mps(self) -> float:
        """Above this speed the motor is power-limited rather than torque-limited."""
        return self.motor_power_kw * 1000.0 / self.max_wheel_force_n

    @property
    def battery_wh(self) -> float:
        return self.battery_kwh * 1000.0


_MAY_BE_ZERO = frozenset({"liftoff_regen_mps2", "pedal_regen_zone", "aux_power_kw", "regen_power_kw",
                          "rolling_resistance", "drag_coefficient", "regen_fade_kmh"})
