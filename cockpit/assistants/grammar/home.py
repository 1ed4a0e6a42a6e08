"""Home devices through the cockpit as `HomeCommand`s: lights per room, the garage door, the front
door lock, the thermostat, the alarm, and any device of the home by its own name.

The devices come from the connected home's device list (Context.devices: id, name, kind, room and
the actions it has), so a home file of one's own works by voice; without a home the reply says so.
Never the wrong device: a request is carried out on a device of the kind it names, with an action
that device has ("dim the garage light" is about a light in the garage, never the garage door);
when several devices fit and the words pick none, the reply asks which one ("Which light: hall,
kitchen or bedroom?") and the next utterance answers it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Final

from cockpit.assistants.grammar import units as u
from cockpit.assistants.grammar.intent import Context, Intent
from cockpit.assistants.grammar.rules import Capability, GrammarPlugin, Order, rule
from cockpit.assistants.grammar.text import listed
from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.commands import HomeCommand, SetSignal, Source
from cockpit.core.facts import ALL_LIGHTS, HomeDevice
from cockpit.core.text import Text
from cockpit.i18n import N_

A = Source.ASSISTANT
NO_HOME: Final = Text("There's no home connected to this car.")
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
    "garage": "garage",
    "cellar": "cellar",
    "basement": "cellar",
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
# How a reply names a device kind: "which light", "the garage door".
KIND_WORDS: Final = {"light": N_("light"), "garage_door": N_("garage door"), "lock": N_("door lock"),
                     "thermostat": N_("thermostat"), "alarm_panel": N_("alarm"), "ev_charger": N_("charger")}
THE_KIND: Final = {"light": N_("the light"), "garage_door": N_("the garage door"),
                   "lock": N_("the door lock"), "thermostat": N_("the thermostat"),
                   "alarm_panel": N_("the alarm"), "ev_charger": N_("the charger")}
# What a device may lack, as "I can't ... it" says it.
VERBS: Final = {"dim": N_("dim"), "colour": N_("colour"), "switch": N_("switch on or off"),
                "lock": N_("lock"), "unlock": N_("unlock")}
WHICH: Final = N_("Which {what}: {options}?")
CANNOT: Final = N_("I can't {verb} {what}.")
_ROOM = re.compile(r"\b(" + "|".join(sorted(ROOMS, key=len, reverse=True)) + r")\b")
_COLOR = re.compile(r"\b(" + "|".join(sorted(COLORS, key=len, reverse=True)) + r")\b")
_LIGHT_WORDS = re.compile(r"\b(?:lights?|lamps?|lighting)\b")
_PLURAL = re.compile(r"\b(?:lights|lamps|lighting|all|every|both|everything)\b")
_DIM = re.compile(r"\b(?:dim|dimmer|brighten|brighter|brightness|bright|percent)\b")
_OPEN = re.compile(r"\b(?:open|raise|up|lift)\b")
_CLOSE = re.compile(r"\b(?:close|shut|lower|down)\b")
_SWITCH = re.compile(r"\b(?:turn|switch|put|power)\b(?: the \w+)* (?:on|off)\b|\b(?:on|off)$")


def room_of(device: HomeDevice) -> str:
    """The room slot of a device: "Hall" -> "hallway", "Living room" -> "living_room"."""
    spoken = (device.room or "").lower()
    return ROOMS.get(spoken, spoken.replace(" ", "_"))


def room_words(room: str) -> str:
    """How a reply names a room slot: "living_room" -> "living room"."""
    return room.replace("_", " ")


def of_kind(context: Context, kind: str) -> tuple[HomeDevice, ...]:
    """The connected home's devices of `kind`, in the order of its home file."""
    return tuple(device for device in context.devices or () if device.kind == kind)


def device_ids(context: Context, kind: str, room: str | None = None) -> tuple[str, ...]:
    """The home's devices of `kind`: the first one, or every one in `room` ("all": the group of
    all lights); none without a home or such a device."""
    devices = of_kind(context, kind)
    if room is None:
        return (devices[0].id,) if devices else ()
    if room == "all":
        return (ALL_LIGHTS,) if devices else ()
    return tuple(device.id for device in devices if room_of(device) == room)


def missing(context: Context, what: str) -> str:
    """The reply when the home has no such device (or there is no home)."""
    return NO_HOME if context.devices is None else Text("There's no {what} in this home.", what=what)


def act(intent: Intent, devices: Sequence[str], action: str, what: str, context: Context,
        **params: object) -> Intent:
    """`intent` carried out on each of `devices`, or, without one, a reply saying `what` is missing."""
    if not devices:
        return replace(intent, reply=missing(context, what), answer=True)
    return replace(intent, commands=tuple(HomeCommand(device, action, dict(params), source=A)
                                          for device in devices))


def cannot(context: Context, kind: str, verb: str, intent_name: str) -> Intent:
    """The reply for an action a device does not have ("I can't dim the garage door.")."""
    tr = context.tr
    what = tr(THE_KIND.get(kind, kind.replace("_", " ")))
    return Intent(intent_name, {"action": verb, "unsupported": True}, (),
                  tr(CANNOT).format(verb=tr(VERBS[verb]), what=what), answer=True)


Maker = Callable[[tuple[HomeDevice, ...]], Intent]


def which(context: Context, kind: str, devices: Sequence[HomeDevice], make: Maker) -> Intent:
    """Ask which of several `devices` is meant; each choice (its room, else its name) is `make`'s
    intent for that device alone, and "all" or "both" means every one of them."""
    choices: dict[str, Intent] = {}
    for device in devices:
        spoken = room_words(room_of(device)) if device.room else device.name.lower()
        if spoken in choices:  # two in one room: the room means both of them
            first = choices[spoken]
            choices[spoken] = replace(first, commands=(*first.commands, *make((device,)).commands))
        else:
            choices[spoken] = make((device,))
    everything = make(tuple(devices))
    options = list(choices)
    tr = context.tr
    reply = tr(WHICH).format(what=tr(KIND_WORDS.get(kind, kind)), options=listed(options, tr("or")))
    return Intent(f"home.which_{kind}", {"options": options}, (), reply, answer=True,
                  choices={**choices, "all": everything, "both": everything, "all of them": everything})


def _light_intent(room: str, text: str, ids: Sequence[str], where: str) -> Intent:
    """What the words ask of the lights `ids`; `where` names them in the reply ("kitchen light")."""
    color = _COLOR.search(text)
    value = u.number(text)
    if color:
        name = color.group(1)
        return _on(Intent("home.lights", {"room": room, "action": "set_color", "color": name},
                          reply=Text("Setting the {where} to {name}.", where=where, name=Text(name))),
                   ids, "set_color",
                   rgb=COLORS[name], color=name)
    if _DIM.search(text) or value is not None:
        level = int(value) if value is not None else 30
        return _on(Intent("home.lights", {"room": room, "action": "set_brightness", "brightness": level},
                          reply=Text("Setting the {where} to {level} %.", where=where, level=level)),
                   ids, "set_brightness",
                   brightness=level)
    on = not u.switched_off(text)
    action = "turn_on" if on else "turn_off"
    return _on(Intent("home.lights", {"room": room, "action": action},
                      reply=Text("Turning on the {where}.", where=where) if on
                       else Text("Turning off the {where}.", where=where)), ids, action)


def _on(intent: Intent, ids: Sequence[str], action: str, **params: object) -> Intent:
    commands = tuple(HomeCommand(device, action, dict(params), source=A) for device in ids)
    return replace(intent, commands=commands)


@rule(r"\b(?:lights?|lamps?|lighting)\b")
def lights(match: re.Match[str], context: Context) -> Intent:
    text = match.string
    found = _ROOM.search(text)
    room = ROOMS[found.group(1)] if found else None
    all_lights = of_kind(context, "light")
    if context.devices is None:
        return Intent("home.lights", {"room": room or "all"}, (), NO_HOME, answer=True)
    if room is None:
        named = _named(context, text, "light")  # "the porch lamp"
        if named:
            return _light_intent(room_of(named[0]), text, [d.id for d in named], named[0].name.lower())
        if not _PLURAL.search(text) and len(all_lights) > 1:  # "turn on the light": which one?
            return which(context, "light", all_lights, lambda chosen: _light_intent(
                room_of(chosen[0]), text, [d.id for d in chosen],
                "lights" if len(chosen) > 1 else f"{room_words(room_of(chosen[0]))} light"))
        room = "all"
    if room == "all":
        if not all_lights:
            return Intent("home.lights", {"room": "all"}, (), missing(context, "light"), answer=True)
        return _light_intent("all", text, (ALL_LIGHTS,), "lights")
    in_room = [device.id for device in all_lights if room_of(device) == room]
    where = found.group(1) if found else room_words(room)
    if not in_room:
        return Intent("home.lights", {"room": room}, (), missing(context, f"light in the {where}"),
                      answer=True)
    return _light_intent(room, text, in_room, f"{where} light{'s' if len(in_room) > 1 else ''}")


def _named(context: Context, text: str, kind: str | None = None) -> tuple[HomeDevice, ...]:
    """Devices of the home whose own name is in the words ("porch lamp", "barn door")."""
    return tuple(device for device in context.devices or ()
                 if (kind is None or device.kind == kind) and device.name.lower() in text)


@rule(r"\bgarage\b|\bgarage door\b")
def garage(match: re.Match[str], context: Context) -> Intent:
    text = match.string
    if _DIM.search(text) or _COLOR.search(text):
        return cannot(context, "garage_door", "dim" if _DIM.search(text) else "colour", "home.garage")
    close = _CLOSE.search(text) is not None
    if not close and not _OPEN.search(text) and _SWITCH.search(text):
        return cannot(context, "garage_door", "switch", "home.garage")
    return _garage(context, close, of_kind(context, "garage_door"), text)


def _garage(context: Context, close: bool, doors: tuple[HomeDevice, ...], text: str) -> Intent:
    """The garage door the words name, or the only one; several and none named: which one?"""
    named = _named(context, text, "garage_door")
    if named:
        doors = named
    elif len(doors) > 1:
        return which(context, "garage_door", doors, lambda chosen: _move_doors(context, close, chosen))
    return _move_doors(context, close, doors)


def _move_doors(context: Context, close: bool, doors: tuple[HomeDevice, ...]) -> Intent:
    action = "close" if close else "open"
    what = doors[0].name if len(doors) == 1 and doors[0].name.lower() != "garage door" else "garage door"
    named = f"{what.lower()}{'s' if len(doors) > 1 else ''}"
    reply = Text("Closing the {what}.", what=named) if close else Text("Opening the {what}.", what=named)
    intent = Intent("home.garage", {"action": action}, reply=reply)
    return act(intent, [door.id for door in doors], action, "garage door", context)


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
            Text("Locking the car.") if locked else Text("Unlocking the car."),
        )
    named = [device for device in _named(context, match.string) if device.kind != "lock"]
    if named and verb not in named[0].actions:
        return cannot(context, named[0].kind, verb, "home.lock")  # "lock the barn door": it has no lock
    intent = Intent("home.lock", {"action": verb},
                    reply=Text("Locking the front door.") if locked else Text("Unlocking the front door."))
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
                    reply=Text("Setting the home thermostat to {temperature}.", temperature=shown))
    return act(intent, device_ids(context, "thermostat"), "set_temperature", "thermostat", context,
               temperature=celsius)


@rule(r"\b(?:alarm|security system|burglar alarm)\b")
def alarm(match: re.Match[str], context: Context) -> Intent:
    disarm = re.search(r"\b(?:disarm|off|disable|deactivate)\b", match.string) is not None
    action = "disarm" if disarm else "arm_away"
    reply = Text('Disarming the alarm.') if disarm else Text('Arming the alarm.')
    intent = Intent("home.alarm", {"action": action}, reply=reply)
    return act(intent, device_ids(context, "alarm_panel"), action, "alarm", context)


@rule(r"\b(?:open|close|shut|raise|lower)\b")
def named_door(match: re.Match[str], context: Context) -> Intent | None:
    """A door of the home by its own name ("open the barn door"), when no rule above knew it."""
    text = match.string
    doors = _named(context, text, "garage_door")
    if not doors:
        return None
    return _garage(context, _CLOSE.search(text) is not None, doors, text)


PLUGIN = GrammarPlugin(
    "home",
    rules=(lights, garage, lock, thermostat, alarm, named_door),
    capabilities=(
        Capability("home", N_('your home'),
                   (N_('Open the garage'), N_('Turn on the kitchen lights'), N_('Dim the bedroom light'),
                    N_('Turn off all the lights'), N_('Close the garage door'), N_('Lock the front door'),
                    N_('Arm the alarm'), N_('Disarm the alarm'), N_('Set the house to 20 degrees'))),
    ),
    order=Order.HOME,
)
