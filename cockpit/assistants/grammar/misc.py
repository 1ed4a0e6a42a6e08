"""Routines, profile switches, questions about the car, help and 'never mind'."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from cockpit.assistants.grammar import home
from cockpit.assistants.grammar.intent import Context, Intent, Rule, rule
from cockpit.assistants.grammar.places import navigate_to
from cockpit.assistants.grammar.units import show_temperature
from cockpit.core import signals as sig
from cockpit.core.commands import ApplyProfile, HomeCommand, Source, Speak

A = Source.ASSISTANT
KPA_PER_PSI: Final = 6.894757
HELP_TEXT: Final = (
    "You can say things like: set the temperature to 21 degrees, a bit warmer, fan to 3, "
    "play the radio, volume up, navigate home, call Alice, open the garage, "
    "turn on the kitchen lights, what's my range, or switch to Bob's profile."
)


def _answer(name: str, text: str, **slots: object) -> Intent:
    return Intent(name, slots, (Speak(text, source=A),), text, answer=True)


def _routine(name: str, reply: str, *steps: tuple[str, str, dict[str, object]]) -> Intent:
    """A routine: several home commands (plus whatever the caller adds) under one intent."""
    commands = tuple(HomeCommand(device, action, params, source=A) for device, action, params in steps)
    return Intent(f"routine.{name}", {"routine": name}, commands, reply)


@rule(
    r"\b(?:i'm|i am|we're|we are)? ?(?:heading|going|driving|on (?:my|our) way|coming) (?:back )?home\b"
    r"|\bheading home\b"
)
def heading_home(match: re.Match[str], context: Context) -> Intent:
    routine = _routine(
        "heading_home",
        "Heading home: navigation started, heating the house to 21 °C and the hall light is on.",
        (home.THERMOSTAT, "set_temperature", {"temperature": 21.0}),
        (home.light_id("hallway"), "turn_on", {}),
    )
    return replace(routine, commands=(*navigate_to("home", context).commands, *routine.commands))


@rule(r"\b(?:i'm|i am|we're|we are) (?:leaving|off)(?: (?:home|the house))?\b|\bleaving (?:home|the house)\b")
def leaving_home(match: re.Match[str], context: Context) -> Intent:
    return _routine(
        "leaving_home",
        "Leaving home: closing the garage, locking the door and arming the alarm.",
        (home.GARAGE, "close", {}),
        (home.FRONT_DOOR, "lock", {}),
        (home.ALARM, "arm_away", {}),
    )


@rule(r"\b(?:i'm|i am|we're|we are) (?:home|back home|here)\b|\b(?:arrived|arriving) (?:at )?home\b")
def arrived_home(match: re.Match[str], context: Context) -> Intent:
    return _routine(
        "arrived_home",
        "Welcome home: opening the garage, hall light on, alarm off.",
        (home.GARAGE, "open", {}),
        (home.light_id("hallway"), "turn_on", {}),
        (home.ALARM, "disarm", {}),
    )


@rule(
    r"\b(?:switch|change|swap|load|use|apply|activate)\b.*?\b(?:to |the )?"
    r"(?P<a>(?!(?:the|my|a|to|driver)\b)[a-z]+)"
    r"(?:'s)? (?:driver )?"
    r"(?:profile|settings|preferences)\b|\bprofile (?:to |for )?(?P<b>[a-z]+)\b|\bi'm (?P<c>[a-z]+) driving\b"
    r"|\bit's (?P<d>[a-z]+) (?:driving|here)\b"
)
def switch_profile(match: re.Match[str], context: Context) -> Intent | None:
    name = next(group for group in match.groups() if group is not None)
    if name in ("my", "the", "a", "driver", "to"):
        return None
    profile_id = context.profiles.get(name, name)
    return Intent(
        "profile.switch",
        {"profile": profile_id},
        (ApplyProfile(profile_id, source=A),),
        f"Switching to {name.title()}'s profile.",
    )


@rule(r"\b(?:range|how far|miles left|kilometers left|km left|distance left|until empty|make it to)\b")
def range_left(match: re.Match[str], context: Context) -> Intent:
    metres = float(context.state.value(sig.RANGE))
    shown = f"{round(metres / 1609.344)} miles" if context.miles else f"{round(metres / 1000)} kilometres"
    return _answer("vehicle.range", f"You have about {shown} of range left.")


@rule(r"\b(?:battery|charge level|state of charge|charged|soc)\b")
def battery(match: re.Match[str], context: Context) -> Intent:
    percent = float(context.state.value(sig.SOC_DISPLAYED))
    return _answer("vehicle.battery", f"The battery is at {round(percent)} percent.")


@rule(r"\btires?\b|\btire pressures?\b|\bwheel pressure\b|\bpressures?\b")
def tire_pressure(match: re.Match[str], context: Context) -> Intent:
    kpa = [float(context.state.value(path)) for path in sig.TIRE_PRESSURES]
    if context.miles:
        shown = ", ".join(f"{round(value / KPA_PER_PSI)}" for value in kpa) + " psi"
    else:
        shown = ", ".join(f"{value / 100:.1f}" for value in kpa) + " bar"
    return _answer(
        "vehicle.tire_pressure", f"Tire pressures front left, front right, rear left, rear right: {shown}."
    )


@rule(
    r"\b(?:outside|outdoors|out there|exterior)\b.*\b(?:temperature|cold|warm|hot)\b"
    r"|\b(?:temperature|cold|warm|hot)\b.*\b(?:outside|outdoors|out there)\b"
)
def outside_temperature(match: re.Match[str], context: Context) -> Intent:
    celsius = float(context.state.value(sig.OUTSIDE_TEMP))
    return _answer(
        "vehicle.outside_temperature", f"It's {show_temperature(round(celsius, 1), context)} outside."
    )


@rule(
    r"^(?:help|help me|what can (?:you do|i say|i ask)|what (?:do )?you do|what do|commands|options)$"
    r"|\bwhat can you do\b"
    r"|\bwhat can i say\b"
)
def assistant_help(match: re.Match[str], context: Context) -> Intent:
    return _answer("help", HELP_TEXT)


@rule(r"^(?:never ?mind|cancel|forget it|nothing|no|stop listening|that's all)$")
def cancel(match: re.Match[str], context: Context) -> Intent:
    return Intent("cancel", {}, (), "OK.")


# Routines and profiles come first: "I'm heading home" is not navigation, "Bob's profile" not a call.
FIRST: tuple[Rule, ...] = (cancel, assistant_help, heading_home, leaving_home, arrived_home, switch_profile)
QUESTIONS: tuple[Rule, ...] = (outside_temperature, range_left, battery, tire_pressure)
