"""The one table from profile fields to VSS signals, and the target map a profile compiles to.

The engine applies a profile by diffing its compiled targets against the cockpit's; the learner
reads the same table backwards to remember a setting the driver changed in the car.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cockpit.core import signals as sig
from cockpit.core.policy import Restrictions
from cockpit.core.signals import Value
from cockpit.personalisation.schema import Profile


def _same(value: Any) -> Any:
    return value


def _upper(value: Any) -> Any:
    return str(value).upper()


def _lower(value: Any) -> Any:
    return str(value).lower()


@dataclass(frozen=True, slots=True)
class Binding:
    """One profile field (dotted path) driving one signal.

    `learn` turns a signal value back into the field's value; None means the driver's change of
    that signal is not remembered (it is derived from several fields, or not a preference).
    """

    field: str
    signal: str
    to_signal: Callable[[Any], Value] = _same
    learn: Callable[[Value], Any] | None = _same


_UNITS_DISTANCE = {"metric": "KILOMETERS", "imperial": "MILES"}
_UNITS_TEMPERATURE = {"metric": "C", "imperial": "F"}
_CLOCK = {"12h": "HR_12", "24h": "HR_24"}

BINDINGS: tuple[Binding, ...] = (
    Binding("seat.position_mm", sig.SEAT_POSITION),
    Binding("seat.height_mm", sig.SEAT_HEIGHT),
    Binding("seat.recline_deg", sig.SEAT_RECLINE),
    Binding("seat.lumbar_pct", sig.SEAT_LUMBAR),
    Binding("mirrors.left.tilt_pct", sig.MIRROR_LEFT_TILT),
    Binding("mirrors.left.pan_pct", sig.MIRROR_LEFT_PAN),
    Binding("mirrors.right.tilt_pct", sig.MIRROR_RIGHT_TILT),
    Binding("mirrors.right.pan_pct", sig.MIRROR_RIGHT_PAN),
    Binding("steering.reach_pct", sig.STEERING_REACH),
    Binding("steering.height_pct", sig.STEERING_HEIGHT),
    Binding("climate.driver.setpoint_c", sig.DRIVER_TEMP),
    Binding("climate.driver.fan_pct", sig.DRIVER_FAN),
    Binding("climate.passenger.setpoint_c", sig.PASSENGER_TEMP),
    Binding("climate.passenger.fan_pct", sig.PASSENGER_FAN),
    Binding("climate.ac", sig.AC),
    Binding("climate.auto", sig.HVAC_AUTO),
    Binding("climate.recirculation", sig.RECIRCULATION),
    Binding("climate.seat_heating_pct", sig.SEAT_HEAT),
    Binding("climate.passenger_seat_heating_pct", sig.PASSENGER_SEAT_HEAT),
    Binding("climate.steering_heating_pct", sig.STEERING_HEAT, learn=lambda v: max(0, int(v))),
    Binding("ambient.enabled", sig.AMBIENT_ON),
    Binding("ambient.colour", sig.AMBIENT_COLOR, _upper, _upper),
    Binding("ambient.brightness_pct", sig.AMBIENT_INTENSITY),
    Binding("display.units", sig.DISTANCE_UNIT, _UNITS_DISTANCE.__getitem__, None),
    Binding("display.units", sig.TEMPERATURE_UNIT, _UNITS_TEMPERATURE.__getitem__, None),
    Binding("display.clock", sig.TIME_FORMAT, _CLOCK.__getitem__, None),
    Binding("display.language", sig.LANGUAGE, learn=None),
    Binding("display.cluster_layout", sig.CLUSTER_LAYOUT, _upper, _lower),
    Binding("display.text_size", sig.FONT_SIZE, _upper, _lower),
    Binding("display.high_contrast", sig.HIGH_CONTRAST),
    Binding("display.brightness_pct", sig.BRIGHTNESS),
    Binding("media.default_source", sig.MEDIA_SOURCE, learn=None),
    Binding("media.volume_pct", sig.VOLUME),
    Binding("media.last_played", sig.MEDIA_URI),
    Binding("charging.limit_pct", sig.CHARGE_LIMIT),  # after the source: the station learned last wins
)
# display.theme drives sig.DAY_NIGHT too; "auto" needs the time of day, so the engine resolves it.

LEARNABLE: dict[str, Binding] = {b.signal: b for b in BINDINGS if b.learn is not None}


def field_value(data: Mapping[str, Any], dotted: str) -> Any:
    """Read a dotted path from a nested mapping; raises KeyError."""
    node: Any = data
    for part in dotted.split("."):
        node = node[part]
    return node


@dataclass(frozen=True, slots=True)
class CompiledProfile:
    """What applying a profile means for the cockpit, computed once when the profile loads."""

    profile: Profile
    targets: dict[str, Value]
    restrictions: Restrictions
    theme: str

    @property
    def id(self) -> str:
        return self.profile.identity.id

    @property
    def display_name(self) -> str:
        return self.profile.identity.display_name

    @property
    def pin_hash(self) -> str | None:
        """The hash of the PIN that leaving this profile needs, if it has one."""
        secret = self.profile.restrictions.pin_hash
        return secret.get_secret_value() if secret is not None else None


def compile_profile(profile: Profile) -> CompiledProfile:
    """Turn a valid profile into its signal targets (validated against the catalogue) and limits."""
    data = profile.model_dump()
    restrictions = profile.restrictions.resolve()
    targets: dict[str, Value] = {}
    for binding in BINDINGS:
        spec = sig.CATALOGUE[binding.signal]
        targets[binding.signal] = spec.validate(binding.to_signal(field_value(data, binding.field)))
    if restrictions.max_volume is not None:
        targets[sig.VOLUME] = min(int(targets[sig.VOLUME]), restrictions.max_volume)
    return CompiledProfile(profile, targets, restrictions, profile.display.theme)
