"""The "What changed" list of a profile switch, e.g. "Seat moving to Alice's position".

Each entry is a Change whose text is a Text (English, shown in the new driver's language: a
German driver reads "Sitz fährt in die Position von Bernd") with values in the new driver's units
and human names (a colour name, not a hex code; "Deutsch", not "de-DE"). Entries come in a stable
order, each marked as applied now or waiting until the car is parked.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.facts import Change
from cockpit.core.policy import Restrictions
from cockpit.core.signals import Value
from cockpit.core.text import Text
from cockpit.i18n import N_
from cockpit.personalisation.colour_names import colour_name
from cockpit.personalisation.signal_map import CompiledProfile

Line = Callable[[Value, bool], Text]
HEAT_LEVEL_PERCENT = 33.4  # the climate bar's three levels

# Each motor group: its paths, the line while it moves now, and the line while it waits for Park.
_MOTORS = (
    ((sig.SEAT_POSITION, sig.SEAT_HEIGHT, sig.SEAT_RECLINE, sig.SEAT_LUMBAR),
     N_("Seat moving to {name}'s position"), N_("Seat to {name}'s position")),
    ((sig.MIRROR_LEFT_TILT, sig.MIRROR_LEFT_PAN, sig.MIRROR_RIGHT_TILT, sig.MIRROR_RIGHT_PAN),
     N_("Mirrors moving to {name}'s position"), N_("Mirrors to {name}'s position")),
    ((sig.STEERING_REACH, sig.STEERING_HEIGHT),
     N_("Steering wheel moving to {name}'s position"),
     N_("Steering wheel to {name}'s position")),
)
# Languages by their own name, as a language menu lists them.
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español", "it": "Italiano"}
# Signals that share one line with another (the units line covers distance and temperature).
_SAME_LINE = {sig.DISTANCE_UNIT: (sig.TEMPERATURE_UNIT,)}


def _on(on: str, off: str) -> Line:
    return lambda value, imperial: Text(on) if value else Text(off)


def _percent(label: str) -> Line:
    return lambda value, imperial: Text("{label} {percent} %", label=Text(label), percent=f"{float(value):g}")


def _heat(heating: str, ventilation: str, off: str) -> Line:
    """Heating or ventilation (negative values) in the climate bar's levels 1 to 3."""
    def line(value: Value, imperial: bool) -> Text:
        level = round(abs(float(value)) / HEAT_LEVEL_PERCENT)
        if level == 0:
            return Text(off)
        return Text("{label}: level {level}", label=Text(heating if float(value) > 0 else ventilation),
                    level=level)
    return line


def _choice(lines: Mapping[str, str]) -> Line:
    """One whole line per allowed value, e.g. "NIGHT" -> "Night theme"."""
    return lambda value, imperial: Text(lines[str(value)]) if str(value) in lines else Text(str(value))


def language_name(tag: object) -> str:
    """A BCP 47 tag by the language's own name: "de-DE" -> "Deutsch" (an unknown one as it is)."""
    return LANGUAGE_NAMES.get(str(tag).split("-")[0].lower(), str(tag))


_LINES: dict[str, Line] = {
    sig.DRIVER_TEMP: lambda v, imperial: Text("Driver {temperature}",
                                              temperature=units.setpoint_text(float(v), imperial)),
    sig.PASSENGER_TEMP: lambda v, imperial: Text("Passenger {temperature}",
                                                 temperature=units.setpoint_text(float(v), imperial)),
    sig.DRIVER_FAN: _percent(N_("Fan")),
    sig.PASSENGER_FAN: _percent(N_("Passenger fan")),
    sig.AC: _on(N_("A/C on"), N_("A/C off")),
    sig.HVAC_AUTO: _on(N_("Auto climate on"), N_("Auto climate off")),
    sig.RECIRCULATION: _on(N_("Recirculation on"), N_("Recirculation off")),
    sig.SEAT_HEAT: _heat(N_("Seat heating"), N_("Seat ventilation"), N_("Seat heating off")),
    sig.PASSENGER_SEAT_HEAT: _heat(N_("Passenger seat heating"), N_("Passenger seat ventilation"),
                                   N_("Passenger seat heating off")),
    sig.STEERING_HEAT: _heat(N_("Steering wheel heating"), N_("Steering wheel heating"),
                             N_("Steering wheel heating off")),
    sig.AMBIENT_ON: _on(N_("Ambient light on"), N_("Ambient light off")),
    sig.AMBIENT_COLOR: lambda v, imperial: Text("Ambient light {colour}", colour=colour_name(str(v))),
    sig.AMBIENT_INTENSITY: _percent(N_("Ambient brightness")),
    sig.DAY_NIGHT: _choice({"DAY": N_("Day theme"), "NIGHT": N_("Night theme")}),
    sig.DISTANCE_UNIT: lambda v, imperial: Text("Imperial units") if imperial else Text("Metric units"),
    sig.TIME_FORMAT: lambda v, imperial: Text("12-hour clock") if v == "HR_12" else Text("24-hour clock"),
    sig.LANGUAGE: lambda v, imperial: Text("Language: {language}", language=language_name(v)),
    sig.CLUSTER_LAYOUT: _choice({"CLASSIC": N_("Classic cluster"), "MINIMAL": N_("Minimal cluster"),
                                 "SPORT": N_("Sport cluster")}),
    sig.FONT_SIZE: _choice({"STANDARD": N_("Standard text"), "LARGE": N_("Large text"),
                            "EXTRA_LARGE": N_("Extra large text")}),
    sig.HIGH_CONTRAST: _on(N_("High contrast on"), N_("High contrast off")),
    sig.BRIGHTNESS: _percent(N_("Screen brightness")),
    sig.MEDIA_SOURCE: lambda v, imperial: Text("Media source: {source}", source=str(v)),
    sig.VOLUME: _percent(N_("Volume")),
}


def describe_changes(new: CompiledProfile, previous: CompiledProfile | None,
                     targets: Mapping[str, Value], changed: Collection[str], deferred: Collection[str],
                     limits_changed: bool) -> tuple[Change, ...]:
    """What a switch to `new` changed, in `new`'s units: motor moves, then each setting, then the
    assistant and the limits."""
    imperial = new.profile.display.units == "imperial"
    changes = []
    for paths, moving, waiting in _MOTORS:
        moved = tuple(path for path in paths if path in changed)
        if moved:
            later = any(path in deferred for path in moved)
            changes.append(Change(Text(waiting if later else moving, name=new.display_name), moved, later))
    for path, line in _LINES.items():
        if path in changed:
            covered = (path, *(p for p in _SAME_LINE.get(path, ()) if p in changed))
            changes.append(Change(line(targets[path], imperial), covered, path in deferred))
    adapter = new.profile.assistant.adapter
    if previous is None or previous.profile.assistant.adapter != adapter:
        # a product name: the same in every language
        changes.append(Change(Text("Assistant: {name}", name=adapter.replace("_", " ").title())))
    if limits_changed:
        changes.extend(Change(text) for text in _limits(new.restrictions, imperial))
    return tuple(changes)


def _limits(limits: Restrictions, imperial: bool) -> list[Text]:
    lines = []
    if limits.speed_cap_kmh is not None:
        lines.append(Text("Speed limited to {speed}", speed=units.speed_text(limits.speed_cap_kmh, imperial)))
    if limits.max_volume is not None:
        lines.append(Text("Volume limited to {percent} %", percent=limits.max_volume))
    return lines or [Text("No driving restrictions")]
