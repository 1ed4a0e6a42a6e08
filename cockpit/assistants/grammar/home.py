"""Home devices through the cockpit as `HomeCommand`s: garage, lights per room, front door lock,
thermostat, alarm. The device ids come from the connected home's device list (Context.devices, by
kind and room), so a home file of one's own works by voice; without a home the reply says so."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from cockpit.assistants.grammar import units as u
from cockpit.assistants.grammar.intent import Context, Intent, Rule, rule
from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.commands import HomeCommand, SetSignal, Source
from cockpit.core.facts import ALL_LIGHTS, HomeDevice

A = Source.ASSISTANT
NO_HOME: Final = "There's no home connected to this car."
# Spoken room -> the room slot; a device's room (from its home file) is read the same way.
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


def room_of(device: HomeDevice) -> str:
    """The room slot of a device: "Hall" -> "hallway", "Living room" -> "living_room"."""
    spoken = (device.room or "").lower()
    return ROOMS.get(spoken, spoken.replace(" ", "_"))


def device_ids(context: Context, kind: str, room: str | None = None) -> tuple[str, ...]:
    """The home's devices of `kind`: the first one, or for lights every one in `room` ("all": the
    group of all lights); none without a home or such a device."""
    devices = [device for device in context.devices or () if device.kind == kind]
    if room is None:
        return (devices[0].id,) if devices else ()
    if room == "all":
        return (ALL_LIGHTS,) if devices else ()
    return tuple(device.id for device in devices if room_of(device) == room)


def missing(context: Context, what: str) -> str:
    """The reply when the home has no such device (or there is no home)."""
    return NO_HOME if context.devices is None else f"There's no {what} in this home."


def act(intent: Intent, devices: tuple[str, ...], action: str, what: str, context: Context,
        **params: object) -> Intent:
    """`intent` carried out on each of `devices`, or, without one, a reply saying `what` is missing."""
    if not devices:
        return replace(intent, reply=missing(context, what), answer=True)
    return replace(intent, commands=tuple(HomeCommand(device, action, dict(params), source=A)
                                          for device in devices))


@rule(r"\bgarage\b")
def garage(match: re.Match[str], context: Context) -> Intent:
    close = re.search(r"\b(?:close|shut|lower|down)\b", match.string) is not None
    action = "close" if close else "open"
    intent = Intent("home.garage", {"action": action},
                    reply=f"{'Closing' if close else 'Opening'} the garage door.")
    return act(intent, device_ids(context, "garage_door"), action, "garage door", context)


@rule(r"\blights?\b|\blamps?\b")
def lights(match: re.Match[str], context: Context) -> Intent:
    text = match.string
    found = _ROOM.search(text)
    room = ROOMS[found.group(1)] if found else "all"
    where = found.group(1) if found and room != "all" else "all"
    lights = device_ids(context, "light", room)
    what = "light" if room == "all" else f"light in the {where}"
    color = _COLOR.search(text)
    value = u.number(text)
    if color:
        name = color.group(1)
        intent = Intent("home.lights", {"room": room, "action": "set_color", "color": name},
                        reply=f"Setting the {where} lights to {name}.")
        return act(intent, lights, "set_color", what, context, rgb=COLORS[name], color=name)
    if re.search(r"\b(?:dim|brightness|bright|percent)\b", text) or value is not None:
        level = int(value) if value is not None else 30
        intent = Intent("home.lights", {"room": room, "action": "set_brightness", "brightness": level},
                        reply=f"Setting the {where} lights to {level} %.")
        return act(intent, lights, "set_brightness", what, context, brightness=level)
    on = not u.switched_off(text)
    action = "turn_on" if on else "turn_off"
    intent = Intent("home.lights", {"room": room, "action": action},
                    reply=f"Turning {'on' if on else 'off'} the {where} lights.")
    return act(intent, lights, action, what, context)


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
    intent = Intent("home.lock", {"action": verb},
                    reply=f"{'Locking' if locked else 'Unlocking'} the front door.")
    return act(intent, device_ids(context, "lock"), verb, "door lock", context)


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
    shown = units.setpoint_text(celsius, context.fahrenheit)
    intent = Intent("home.thermostat", {"temperature": celsius},
                    reply=f"Setting the home thermostat to {shown}.")
    return act(intent, device_ids(context, "thermostat"), "set_temperature", "thermostat", context,
               temperature=celsius)


@rule(r"\b(?:alarm|security system|burglar alarm)\b")
def alarm(match: re.Match[str], context: Context) -> Intent:
    disarm = re.search(r"\b(?:disarm|off|disable|deactivate)\b", match.string) is not None
    action = "disarm" if disarm else "arm_away"
    reply = "Disarming the alarm." if disarm else "Arming the alarm."
    intent = Intent("home.alarm", {"action": action}, reply=reply)
    return act(intent, device_ids(context, "alarm_panel"), action, "alarm", context)


RULES: tuple[Rule, ...] = (garage, lock, thermostat, alarm, lights)
