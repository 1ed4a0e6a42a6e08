"""The 'what changed' lines shown after a profile switch, e.g. "Seat moving to Alice's position"."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from cockpit.core import signals as sig
from cockpit.core.policy import Restrictions
from cockpit.core.signals import Value
from cockpit.personalisation.signal_map import CompiledProfile

_MOTORS = {"Seat": (sig.SEAT_POSITION, sig.SEAT_HEIGHT, sig.SEAT_RECLINE, sig.SEAT_LUMBAR),
           "Mirrors": (sig.MIRROR_LEFT_TILT, sig.MIRROR_LEFT_PAN,
                       sig.MIRROR_RIGHT_TILT, sig.MIRROR_RIGHT_PAN),
           "Steering wheel": (sig.STEERING_REACH, sig.STEERING_HEIGHT)}


def _on(label: str) -> Callable[[Value, bool], str]:
    return lambda value, imperial: f"{label} {'on' if value else 'off'}"


def _percent(label: str) -> Callable[[Value, bool], str]:
    return lambda value, imperial: f"{label} {float(value):g} %"


def _heat(label: str) -> Callable[[Value, bool], str]:
    def line(value: Value, imperial: bool) -> str:
        level = int(value)
        if level == 0:
            return f"{label} heating off"
        return f"{label} {'heating' if level > 0 else 'ventilation'} {abs(level)} %"
    return line


def temperature(celsius: float, imperial: bool) -> str:
    """A setpoint in the driver's units: 21.5 °C or 70.7 °F."""
    return f"{celsius * 9 / 5 + 32:.1f} °F" if imperial else f"{celsius:.1f} °C"


_LINES: dict[str, Callable[[Value, bool], str]] = {
    sig.DRIVER_TEMP: lambda v, imperial: temperature(float(v), imperial),
    sig.PASSENGER_TEMP: lambda v, imperial: f"Passenger {temperature(float(v), imperial)}",
    sig.DRIVER_FAN: _percent("Fan"),
    sig.PASSENGER_FAN: _percent("Passenger fan"),
    sig.AC: _on("A/C"),
    sig.HVAC_AUTO: _on("Auto climate"),
    sig.RECIRCULATION: _on("Recirculation"),
    sig.SEAT_HEAT: _heat("Seat"),
    sig.PASSENGER_SEAT_HEAT: _heat("Passenger seat"),
    sig.STEERING_HEAT: _heat("Steering wheel"),
    sig.AMBIENT_ON: _on("Ambient light"),
    sig.AMBIENT_COLOR: lambda v, imperial: f"Ambient colour #{v}",
    sig.AMBIENT_INTENSITY: _percent("Ambient light"),
    sig.DAY_NIGHT: lambda v, imperial: f"{str(v).title()} theme",
    sig.DISTANCE_UNIT: lambda v, imperial: "Imperial units" if imperial else "Metric units",
    sig.TIME_FORMAT: lambda v, imperial: "12-hour clock" if v == "HR_12" else "24-hour clock",
    sig.LANGUAGE: lambda v, imperial: f"Language {v}",
    sig.CLUSTER_LAYOUT: lambda v, imperial: f"{str(v).title()} cluster",
    sig.FONT_SIZE: lambda v, imperial: f"{str(v).replace('_', ' ').capitalize()} text",
    sig.HIGH_CONTRAST: _on("High contrast"),
    sig.BRIGHTNESS: _percent("Screen brightness"),
    sig.MEDIA_SOURCE: lambda v, imperial: f"Source {v}",
    sig.VOLUME: _percent("Volume"),
}


def describe_changes(new: CompiledProfile, previous: CompiledProfile | None,
                     targets: Mapping[str, Value], changed: Collection[str], deferred: Collection[str],
                     limits_changed: bool) -> tuple[str, ...]:
    """Human-readable lines for what a switch to `new` changed, in a stable order."""
    imperial = new.profile.display.units == "imperial"
    lines = []
    for group, paths in _MOTORS.items():
        moved = [path for path in paths if path in changed]
        if moved:
            waiting = any(path in deferred for path in moved)
            verb = "move" if group.endswith("s") else "moves"  # "Mirrors move", "Seat moves"
            when = f"{verb} to {{}}'s position once parked" if waiting else "moving to {}'s position"
            lines.append(f"{group} {when.format(new.display_name)}")
    lines.extend(line(targets[path], imperial) for path, line in _LINES.items() if path in changed)
    adapter = new.profile.assistant.adapter
    if previous is None or previous.profile.assistant.adapter != adapter:
        lines.append(adapter.replace("_", " ").title())
    if limits_changed:
        lines.extend(_limits(new.restrictions, imperial))
    return tuple(lines)


def _limits(limits: Restrictions, imperial: bool) -> list[str]:
    lines = []
    if limits.speed_cap_kmh is not None:
        lines.append("Speed limited to " + (f"{limits.speed_cap_kmh / 1.609344:.0f} mph" if imperial
                                           else f"{limits.speed_cap_kmh:g} km/h"))
    if limits.max_volume is not None:
        lines.append(f"Volume limited to {limits.max_volume} %")
    return lines or ["No driving restrictions"]
