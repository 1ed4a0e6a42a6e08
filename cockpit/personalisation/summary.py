"""The 'what changed' lines shown after a profile switch, e.g. "Seat moving to Alice's position".

The lines are in the new driver's language (display.language), from the shared gettext catalogue:
a German driver reads "Sitz fährt in die Position von Bernd" in the toast of their first frame.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.policy import Restrictions
from cockpit.core.signals import Value
from cockpit.i18n import N_, translator
from cockpit.personalisation.signal_map import CompiledProfile

Tr = Callable[[str], str]
Line = Callable[[Value, bool, Tr], str]

# Each motor group: its paths, the line while it moves now, and the line while it waits for Park.
_MOTORS = (
    ((sig.SEAT_POSITION, sig.SEAT_HEIGHT, sig.SEAT_RECLINE, sig.SEAT_LUMBAR),
     N_("Seat moving to {name}'s position"), N_("Seat moves to {name}'s position once parked")),
    ((sig.MIRROR_LEFT_TILT, sig.MIRROR_LEFT_PAN, sig.MIRROR_RIGHT_TILT, sig.MIRROR_RIGHT_PAN),
     N_("Mirrors moving to {name}'s position"), N_("Mirrors move to {name}'s position once parked")),
    ((sig.STEERING_REACH, sig.STEERING_HEIGHT),
     N_("Steering wheel moving to {name}'s position"),
     N_("Steering wheel moves to {name}'s position once parked")),
)


def _on(label: str) -> Line:
    return lambda value, imperial, tr: (tr("{label} on") if value else tr("{label} off")).format(
        label=tr(label))


def _percent(label: str) -> Line:
    return lambda value, imperial, tr: f"{tr(label)} {float(value):g} %"


def _heat(heating: str, ventilation: str) -> Line:
    def line(value: Value, imperial: bool, tr: Tr) -> str:
        level = int(value)
        if level == 0:
            return tr("{label} off").format(label=tr(heating))
        return f"{tr(heating if level > 0 else ventilation)} {abs(level)} %"
    return line


def _choice(lines: Mapping[str, str]) -> Line:
    """One whole line per allowed value, e.g. "NIGHT" -> "Night theme"."""
    return lambda value, imperial, tr: tr(lines[str(value)]) if str(value) in lines else str(value)


def _passenger_setpoint(value: Value, imperial: bool, tr: Tr) -> str:
    return f"{tr('Passenger')} {units.setpoint_text(float(value), imperial)}"


_LINES: dict[str, Line] = {
    sig.DRIVER_TEMP: lambda v, imperial, tr: units.setpoint_text(float(v), imperial),
    sig.PASSENGER_TEMP: _passenger_setpoint,
    sig.DRIVER_FAN: _percent(N_("Fan")),
    sig.PASSENGER_FAN: _percent(N_("Passenger fan")),
    sig.AC: _on(N_("A/C")),
    sig.HVAC_AUTO: _on(N_("Auto climate")),
    sig.RECIRCULATION: _on(N_("Recirculation")),
    sig.SEAT_HEAT: _heat(N_("Seat heating"), N_("Seat ventilation")),
    sig.PASSENGER_SEAT_HEAT: _heat(N_("Passenger seat heating"), N_("Passenger seat ventilation")),
    sig.STEERING_HEAT: _heat(N_("Steering wheel heating"), N_("Steering wheel ventilation")),
    sig.AMBIENT_ON: _on(N_("Ambient light")),
    sig.AMBIENT_COLOR: lambda v, imperial, tr: tr("Ambient colour #{colour}").format(colour=v),
    sig.AMBIENT_INTENSITY: _percent(N_("Ambient light")),
    sig.DAY_NIGHT: _choice({"DAY": N_("Day theme"), "NIGHT": N_("Night theme")}),
    sig.DISTANCE_UNIT: lambda v, imperial, tr: tr("Imperial units") if imperial else tr("Metric units"),
    sig.TIME_FORMAT: lambda v, imperial, tr: tr("12-hour clock") if v == "HR_12" else tr("24-hour clock"),
    sig.LANGUAGE: lambda v, imperial, tr: tr("Language {tag}").format(tag=v),
    sig.CLUSTER_LAYOUT: _choice({"CLASSIC": N_("Classic cluster"), "MINIMAL": N_("Minimal cluster"),
                                 "SPORT": N_("Sport cluster")}),
    sig.FONT_SIZE: _choice({"STANDARD": N_("Standard text"), "LARGE": N_("Large text"),
                            "EXTRA_LARGE": N_("Extra large text")}),
    sig.HIGH_CONTRAST: _on(N_("High contrast")),
    sig.BRIGHTNESS: _percent(N_("Screen brightness")),
    sig.MEDIA_SOURCE: lambda v, imperial, tr: tr("Source {source}").format(source=v),
    sig.VOLUME: _percent(N_("Volume")),
}


def describe_changes(new: CompiledProfile, previous: CompiledProfile | None,
                     targets: Mapping[str, Value], changed: Collection[str], deferred: Collection[str],
                     limits_changed: bool) -> tuple[str, ...]:
    """Lines in `new`'s language for what a switch to `new` changed, in a stable order."""
    imperial = new.profile.display.units == "imperial"
    tr = translator(new.profile.display.language)
    lines = []
    for paths, moving, waiting in _MOTORS:
        moved = [path for path in paths if path in changed]
        if moved:
            line = waiting if any(path in deferred for path in moved) else moving
            lines.append(tr(line).format(name=new.display_name))
    lines.extend(line(targets[path], imperial, tr) for path, line in _LINES.items() if path in changed)
    adapter = new.profile.assistant.adapter
    if previous is None or previous.profile.assistant.adapter != adapter:
        lines.append(adapter.replace("_", " ").title())  # a product name: the same in every language
    if limits_changed:
        lines.extend(_limits(new.restrictions, imperial, tr))
    return tuple(lines)


def _limits(limits: Restrictions, imperial: bool, tr: Tr) -> list[str]:
    lines = []
    if limits.speed_cap_kmh is not None:
        cap = units.speed_text(limits.speed_cap_kmh, imperial)
        lines.append(tr("Speed limited to {speed}").format(speed=cap))
    if limits.max_volume is not None:
        lines.append(tr("Volume limited to {percent} %").format(percent=limits.max_volume))
    return lines or [tr("No driving restrictions")]
