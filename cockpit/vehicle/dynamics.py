"""Longitudinal dynamics: traction, road load, regenerative and friction braking, one fixed step.

Forces are in newtons and speeds in m/s along the car's axis (negative while reversing). The
accelerator maps to a torque request: its first `pedal_regen_zone` of travel only takes away the
lift-off regeneration, the rest asks for up to the motor's torque- or power-limited traction.
The brake pedal asks for a deceleration; the motor supplies what it can within its regen limit
and the friction brakes supply the rest.
"""

from __future__ import annotations

from cockpit.core import signals as sig
from cockpit.vehicle.params import GRAVITY, EVParams

SPEED_LIMITER_TAU_S = 1.0  # how gently traction fades when the car nears its speed limit


def road_load(params: EVParams, speed: float) -> float:
    """Aerodynamic drag plus rolling resistance at `speed` m/s (a magnitude, opposing motion)."""
    drag = 0.5 * params.air_density_kg_m3 * params.drag_coefficient * params.frontal_area_m2
    return drag * speed * speed + params.rolling_resistance * params.mass_kg * GRAVITY


def traction_limit(params: EVParams, speed: float) -> float:
    """The most traction the motor gives at `speed` m/s: torque-limited low, power-limited high."""
    if speed <= params.base_speed_mps:
        return params.max_wheel_force_n
    return params.motor_power_kw * 1000.0 / speed


def regen_limit(params: EVParams, speed: float) -> float:
    """The most braking force the motor gives at `speed` m/s, fading out at walking pace."""
    if params.regen_power_kw <= 0 or speed <= 0:
        return 0.0
    force = min(params.max_wheel_force_n, params.regen_power_kw * 1000.0 / speed)
    fade = params.regen_fade_kmh / 3.6
    return force * speed / fade if speed < fade else force


def pedals_for_force(params: EVParams, force: float, speed: float) -> tuple[float, float]:
    """The (accelerator, brake) fractions that ask for `force` N in the driving direction.

    The inverse of the pedal map in `Longitudinal.step`, for a driver model's feed-forward.
    """
    liftoff = min(params.liftoff_regen_mps2 * params.effective_mass_kg, regen_limit(params, speed))
    zone = params.pedal_regen_zone
    if force >= 0:
        return min(1.0, zone + (1.0 - zone) * force / traction_limit(params, speed)), 0.0
    if liftoff > 0 and force >= -liftoff:
        return zone * (1.0 + force / liftoff), 0.0
    return 0.0, min(1.0, (-force - liftoff) / (params.max_brake_decel_mps2 * params.mass_kg))


class Longitudinal:
    """The car's speed, advanced by fixed steps; remembers the last step's motor power.

    Constants of the parameters are worked out once: `step` runs thousands of times a second.
    """

    __slots__ = ("_drag", "_liftoff", "_mass", "_roll", "_zone", "motor_power_w", "params", "speed")

    def __init__(self, params: EVParams) -> None:
        self.params = params
        self.speed = 0.0
        self.motor_power_w = 0.0  # mechanical, at the wheels; negative while regenerating
        self._mass = params.effective_mass_kg
        self._drag = 0.5 * params.air_density_kg_m3 * params.drag_coefficient * params.frontal_area_m2
        self._roll = params.rolling_resistance * params.mass_kg * GRAVITY
        self._liftoff = params.liftoff_regen_mps2 * self._mass
        self._zone = params.pedal_regen_zone

    def step(self, h: float, accelerator: float, brake: float, gear: int, limit_mps: float) -> float:
        """Advance `h` seconds with pedals as fractions 0..1; returns the distance travelled (m).

        `limit_mps` caps the speed in the driving direction (top speed, a driver's speed cap); above it
        traction stops and the motor brakes as if the accelerator were released.
        """
        p = self.params
        v = self.speed
        if gear == sig.GEAR_PARK:
            self.speed = self.motor_power_w = 0.0
            return 0.0
        direction = 1.0 if gear == sig.GEAR_DRIVE else -1.0 if gear == sig.GEAR_REVERSE else 0.0
        s = abs(v)
        mass = self._mass
        load = self._drag * s * s + self._roll
        drive = regen = 0.0
        with_gear = direction != 0.0 and v * direction >= 0.0
        if direction and brake <= 0.0:
            zone = self._zone
            if accelerator > zone:
                wanted = (accelerator - zone) / (1.0 - zone) * traction_limit(p, s)
                headroom = load + mass * (limit_mps - v * direction) / SPEED_LIMITER_TAU_S
                drive = wanted if wanted < headroom else headroom if headroom > 0.0 else 0.0
                if headroom < 0.0 and with_gear:  # above the limit: the motor brakes gently
                    regen = self._liftoff
            elif with_gear:
                regen = self._liftoff * (1.0 - accelerator / zone if zone else 1.0)
        friction = brake * p.max_brake_decel_mps2 * p.mass_kg
        if with_gear and (regen or friction):
            available = regen_limit(p, s)
            if regen > available:
                regen = available
            blended = min(friction, available - regen)
            regen += blended
            friction -= blended
        else:
            regen = 0.0
        v += direction * drive / mass * h
        slow = (load + regen + friction) / mass * h
        v = (v - slow if v > slow else 0.0) if v > 0 else (v + slow if v < -slow else 0.0)
        self.speed = v
        self.motor_power_w = direction * drive * v - regen * abs(v)
        return abs(v) * h
