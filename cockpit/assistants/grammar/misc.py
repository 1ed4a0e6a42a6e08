"""Routines, profile switches, questions about the car, help and 'never mind'."""

from __future__ import annotations

import re
from dataclasses import replace

from cockpit.assistants.grammar import home
from cockpit.assistants.grammar.intent import Context, Intent
from cockpit.assistants.grammar.places import navigate_to
from cockpit.assistants.grammar.rules import Capability, GrammarPlugin, Order, rule
from cockpit.assistants.grammar.text import listed
from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.commands import ApplyProfile, HomeCommand, Source, Speak
from cockpit.core.text import Text
from cockpit.i18n import N_

A = Source.ASSISTANT
HELP = N_("You can say things like: {examples}.")  # the examples stay as the grammar understands them


def help_text(context: Context) -> str:
    """Help: one example for each capability of every installed grammar plugin."""
    examples = [_quoted(capability.examples[0]) for capability in context.capabilities]
    tr = context.tr
    return tr(HELP).format(examples=listed(examples, tr("or")))


def _quoted(example: str) -> str:
    return f"“{example.rstrip('?.!')}”"


def _answer(name: str, text: str, **slots: object) -> Intent:
    return Intent(name, slots, (Speak(text, source=A),), text, answer=True)


Step = tuple[str, str | None, str, dict[str, object], str]  # kind, room, action, params, what it says


def _routine(name: str, opener: str, context: Context, *steps: Step, done: tuple[str, ...] = ()) -> Intent:
    """A routine: a home command for each step whose device the home has; the reply says what happens."""
    commands, said = [], list(done)
    for kind, room, action, params, phrase in steps:
        devices = home.device_ids(context, kind, room)
        commands += [HomeCommand(device, action, dict(params), source=A) for device in devices]
        if devices:
            said.append(phrase)
    if not said:
        reason = home.missing(context, "device for this routine")
        return Intent(f"routine.{name}", {"routine": name}, (), f"{opener}. {reason}", answer=True)
    return Intent(f"routine.{name}", {"routine": name}, tuple(commands), f"{opener}: {listed(said, 'and')}.")


@rule(
    r"\b(?:i'm|i am|we're|we are)? ?(?:heading|going|driving|on (?:my|our) way|coming) (?:back )?home\b"
    r"|\bheading home\b"
)
def heading_home(match: re.Match[str], context: Context) -> Intent:
    heating = f"heating the house to {units.setpoint_text(21.0, context.fahrenheit)}"
    routine = _routine("heading_home", "Heading home", context,
                       ("thermostat", None, "set_temperature", {"temperature": 21.0}, heating),
                       ("light", "hallway", "turn_on", {}, "the hall light is on"),
                       done=("navigation started",))
    return replace(routine, commands=(*navigate_to("home", context).commands, *routine.commands))


@rule(r"\b(?:i'm|i am|we're|we are) (?:leaving|off)(?: (?:home|the house))?\b|\bleaving (?:home|the house)\b")
def leaving_home(match: re.Match[str], context: Context) -> Intent:
    return _routine("leaving_home", "Leaving home", context,
                    ("garage_door", None, "close", {}, "closing the garage"),
                    ("lock", None, "lock", {}, "locking the door"),
                    ("alarm_panel", None, "arm_away", {}, "arming the alarm"))


@rule(r"\b(?:i'm|i am|we're|we are) (?:home|back home|here)\b|\b(?:arrived|arriving) (?:at )?home\b")
def arrived_home(match: re.Match[str], context: Context) -> Intent:
    return _routine("arrived_home", "Welcome home", context,
                    ("garage_door", None, "open", {}, "opening the garage"),
                    ("light", "hallway", "turn_on", {}, "hall light on"),
                    ("alarm_panel", None, "disarm", {}, "alarm off"))


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
        Text("Switching to {name}'s profile.", name=name.title()),
    )


@rule(r"\b(?:range|how far|miles left|kilometers left|km left|distance left|until empty|make it to)\b")
def range_left(match: re.Match[str], context: Context) -> Intent:
    metres = float(context.state.value(sig.RANGE))
    distance = units.distance(metres, context.miles)
    words = (N_("You have about {distance} miles of range left.") if context.miles
             else N_("You have about {distance} kilometres of range left."))
    return _answer("vehicle.range", Text(words, distance=distance))


@rule(r"\b(?:battery|charge level|state of charge|charged|soc)\b")
def battery(match: re.Match[str], context: Context) -> Intent:
    percent = float(context.state.value(sig.SOC_DISPLAYED))
    return _answer("vehicle.battery", Text("The battery is at {percent} percent.", percent=round(percent)))


@rule(r"\btires?\b|\btire pressures?\b|\bwheel pressure\b|\bpressures?\b")
def tire_pressure(match: re.Match[str], context: Context) -> Intent:
    kpa = [float(context.state.value(path)) for path in sig.TIRE_PRESSURES]
    numbers = ", ".join(units.pressure_number(value, context.miles) for value in kpa)
    shown = f"{numbers} {units.pressure_unit(context.miles)}"
    return _answer(
        "vehicle.tire_pressure",
        Text("Tire pressures front left, front right, rear left, rear right: {pressures}.", pressures=shown)
    )


@rule(
    r"\b(?:outside|outdoors|out there|exterior)\b.*\b(?:temperature|cold|warm|hot)\b"
    r"|\b(?:temperature|cold|warm|hot)\b.*\b(?:outside|outdoors|out there)\b"
)
def outside_temperature(match: re.Match[str], context: Context) -> Intent:
    celsius = float(context.state.value(sig.OUTSIDE_TEMP))
    shown = units.air_temperature_text(celsius, context.fahrenheit)
    return _answer("vehicle.outside_temperature", Text("It's {temperature} outside.", temperature=shown))


@rule(
    r"^(?:help|help me|what can (?:you do|i say|i ask)|what (?:do )?you do|what do|commands|options)$"
    r"|\bwhat can you do\b"
    r"|\bwhat can i say\b"
)
def assistant_help(match: re.Match[str], context: Context) -> Intent:
    return _answer("help", help_text(context))


@rule(r"^(?:never ?mind|cancel|forget it|nothing|no|stop listening|that's all)$")
def cancel(match: re.Match[str], context: Context) -> Intent:
    return Intent("cancel", {}, (), Text('OK.'))


CONVERSATION = GrammarPlugin("conversation", rules=(cancel, assistant_help), order=Order.CONVERSATION)
# Routines and profiles come before the devices: "I'm heading home" is not navigation, "Bob's
# profile" not a call.
ROUTINES = GrammarPlugin(
    "routines", rules=(heading_home, leaving_home, arrived_home, switch_profile),
    capabilities=(Capability("routines", N_('routines'), (N_("I'm heading home"), N_("I'm leaving home"))),
                  Capability("profiles", N_('driver profiles'), (N_("Switch to Bernd's profile"),))),
    order=Order.ROUTINES)
QUESTIONS = GrammarPlugin(
    "questions", rules=(outside_temperature, range_left, battery, tire_pressure),
    capabilities=(Capability("car_status", N_('questions about the car'),
                             (N_("What's my range?"), N_("How's the battery?"),
                              N_("What's the tyre pressure?"), N_('How cold is it outside?'))),),
    order=Order.QUESTIONS)
