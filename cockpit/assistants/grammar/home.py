"""Home devices through the cockpit as `HomeCommand`s: garage, lights per room, front door lock,
thermostat, alarm. The device ids here are the ones the home bridge's default home uses."""

from __future__ import annotations

import re
from typing import Final

from cockpit.assistants.grammar import units as u
from cockpit.assistants.grammar.intent import Context, Intent, Rule, rule
from cockpit.core import signals as sig
from cockpit.core.commands import HomeCommand, SetSignal, Source

A = Source.ASSISTANT
GARAGE: Final = "garage_door"
FRONT_DOOR: Final = "front_door"
THERMOSTAT: Final = "thermostat"
# What the default home's thermostat takes (cockpit/home/devices/thermostat.py), for Alexa's validRange.
THERMOSTAT_RANGE_C: Final = (7.0, 30.0)
ALARM: Final = "alarm_panel"
ROOMS: Final[dict[str, str]] = {
    "living room": "living_room",
    "lounge": "living_room",
    "kitchen": "kitchen",
    "bedroom": "bedroom",
    "hallway": "hallway",
    "hall": "hallway",
    "office": "office",
    "study": "office",
    "bathroom": "bathroom",
    "garden": "garden",
    "dining room": "dining_room",
    "kids room": "kids_room",
    "porch": "porch",
    "all": "all",
    "every": "all",
    "whole house": "all",
}
COLORS: Final[dict[str, str]] = {
    "red": "FF0000",
    "green": "00FF00",
    "blue": "0000FF",
    "white": "FFFFFF",
    "warm white": "FFD8A8",
    "yellow": "FFFF00",
    "orange": "FFA500",
    "purple": "800080",
    "pink": "FFC0CB",
    "cyan": "00FFFF",
}
_ROOM = re.compile(r"\b(" + "|".join(sorted(ROOMS, key=len, reverse=True)) + r")\b")
_COLOR = re.compile(r"\b(" + "|".join(sorted(COLORS, key=len, reverse=True)) + r")\b")


def light_id(room: str) -> str:
    return f"light_{room}"


def _home(device: str, action: str, **params: object) -> HomeCommand:
    return HomeCommand(device, action, dict(params), source=A)


@rule(r"\bgarage\b")
def garage(match: re.Match[str], context: Context) -> Intent:
    close = re.search(r"\b(?:close|shut|lower|down)\b", match.string) is not None
    action = "close" if close else "open"
    return Intent(
        "home.garage",
        {"action": action},
        (_home(GARAGE, action),),
        f"{'Closing' if close else 'Opening'} the garage door.",
    )


@rule(r"\blights?\b|\blamps?\b")
def lights(match: re.Match[str], context: Context) -> Intent:
    text = match.string
    found = _ROOM.search(text)
    room = ROOMS[found.group(1)] if found else "all"
    where = found.group(1) if found and room != "all" else "all"
    device = light_id(room)
    color = _COLOR.search(text)
    value = u.number(text)
    if color:
        name = color.group(1)
        return Intent(
            "home.lights",
            {"room": room, "action": "set_color", "color": name},
            (_home(device, "set_color", rgb=COLORS[name], color=name),),
            f"Setting the {where} lights to {name}.",
        )
    if re.search(r"\b(?:dim|brightness|bright|percent)\b", text) or value is not None:
        level = int(value) if value is not None else 30
        return Intent(
            "home.lights",
            {"room": room, "action": "set_brightness", "brightness": level},
            (_home(device, "set_brightness", brightness=level),),
            f"Setting the {where} lights to {level} %.",
        )
    on = not u.switched_off(text)
    action = "turn_on" if on else "turn_off"
    return Intent(
        "home.lights",
        {"room": room, "action": action},
        (_home(device, action),),
        f"Turning {'on' if on else 'off'} the {where} lights.",
    )


@rule(
    r"\b(?P<verb>unlock|lock)\b.*\b(?P<what>car|vehicle|doors?|house|home|front door)\b"
    r"|\bis the (?:front )?door locked\b"
)
def lock(match: re.Match[str], context: Context) -> Intent:
    verb = match.group("verb") or "lock"
    locked = verb == "lock"
    if match.group("what") in ("car", "vehicle") or (
        match.group("what") == "doors" and "house" not in match.string
    ):
        return Intent(
            "vehicle.lock",
            {"action": verb},
            (SetSignal(sig.DOOR_LOCKED, locked, source=A),),
            f"{'Locking' if locked else 'Unlocking'} the car.",
        )
    return Intent(
        "home.lock",
        {"action": verb},
        (_home(FRONT_DOOR, verb),),
        f"{'Locking' if locked else 'Unlocking'} the front door.",
    )


@rule(
    r"\bthermostat\b|\b(?:heating|temperature|heat) (?:at|in (?:the|my)) (?:home|house)\b"
    r"|\b(?:home|house)(?:'s)? (?:heating|temperature)\b"
    r"|\b(?:warm|heat|cool) (?:up |down )?the (?:house|home)\b"
    r"|\bset (?:the )?(?:house|home) to\b"
)
def thermostat(match: re.Match[str], context: Context) -> Intent:
    text = match.string
    value = u.number(text)
    if value is None:
        value = 18.0 if re.search(r"\b(?:cool|down|lower|off)\b", text) else 21.0
        fahrenheit = False
    else:
        fahrenheit = u.stated_fahrenheit(text, value, context)
    celsius = u.to_celsius(value, fahrenheit)
    return Intent(
        "home.thermostat",
        {"temperature": celsius},
        (_home(THERMOSTAT, "set_temperature", temperature=celsius),),
        f"Setting the home thermostat to {u.show_temperature(celsius, context)}.",
    )


@rule(r"\b(?:alarm|security system|burglar alarm)\b")
def alarm(match: re.Match[str], context: Context) -> Intent:
    disarm = re.search(r"\b(?:disarm|off|disable|deactivate)\b", match.string) is not None
    action = "disarm" if disarm else "arm_away"
    return Intent(
        "home.alarm",
        {"action": action},
        (_home(ALARM, action),),
        "Disarming the alarm." if disarm else "Arming the alarm.",
    )


RULES: tuple[Rule, ...] = (garage, lock, thermostat, alarm, lights)
