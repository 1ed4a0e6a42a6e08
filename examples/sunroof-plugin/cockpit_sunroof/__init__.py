"""A sunroof for SmartCockpit Sim, written against the public plugin API only (docs/plugins.md).

Two plugins in one distribution: `SIGNALS` adds the VSS signal Vehicle.Cabin.Sunroof.Position to
the car (a motor: it moves at 25 % a second, and the policy decides every change like any other),
and `GRAMMAR` teaches every assistant to open, close and tilt it, and to say how open it is. Help,
the fallback and the dashboard's suggestions list the sunroof as soon as this is installed.
"""

from __future__ import annotations

import re

from cockpit.assistants.grammar import Capability, Context, GrammarPlugin, Intent, number, rule
from cockpit.core.commands import SetSignal, Source
from cockpit.core.errors import UnknownSignal
from cockpit.core.extensions import SignalPlugin
from cockpit.core.signals import DataType, Kind, SignalSpec

__all__ = ["GRAMMAR", "POSITION", "SIGNALS"]

POSITION = "Vehicle.Cabin.Sunroof.Position"  # VSS: 0 closed, 100 fully open, -100 fully tilted
HALF = 50

SIGNALS = SignalPlugin(
    "sunroof",
    (SignalSpec(POSITION, DataType.INT, Kind.ACTUATOR, 0, "percent", -100, 100, motor_rate=25.0,
                description="Sunroof position: 0 closed, 100 fully open, -100 fully tilted."),),
    api_version=1,
)


def _position(context: Context) -> int | None:
    """Where the sunroof is heading; None in a car without the sunroof signal."""
    try:
        return int(context.state.target(POSITION))
    except UnknownSignal:
        return None


@rule(r"\bis the (?:sun ?roof|moon ?roof) (?:open|closed|shut)\b|\bhow (?:open|far open) is the sun ?roof\b")
def sunroof_state(match: re.Match[str], context: Context) -> Intent:
    position = _position(context)
    if position is None:
        return Intent("sunroof.state", {}, (), "This car has no sunroof.", answer=True)
    said = "closed" if position == 0 else ("tilted" if position < 0 else f"{position} % open")
    return Intent("sunroof.state", {"position": position}, (), f"The sunroof is {said}.", answer=True)


@rule(r"\b(?:sun ?roof|moon ?roof)\b")
def sunroof(match: re.Match[str], context: Context) -> Intent:
    text = match.string
    if _position(context) is None:
        return Intent("sunroof.move", {}, (), "This car has no sunroof.", answer=True)
    value = number(text)
    if re.search(r"\b(?:close|shut)\b", text):
        target, said = 0, "Closing the sunroof."
    elif re.search(r"\btilt", text):
        target, said = -100, "Tilting the sunroof."
    elif value is not None:
        target, said = int(value), f"Opening the sunroof to {int(value)} %."
    elif re.search(r"\b(?:half|halfway|a bit|a little|slightly)\b", text):
        target, said = HALF, f"Opening the sunroof to {HALF} %."
    else:
        target, said = 100, "Opening the sunroof."
    command = SetSignal(POSITION, target, source=Source.ASSISTANT)
    return Intent("sunroof.move", {"position": target}, (command,), said, action="move the sunroof")


GRAMMAR = GrammarPlugin(
    "sunroof",
    rules=(sunroof_state, sunroof),  # the question first: "is the sunroof open" is not "open it"
    capabilities=(Capability("sunroof", "the sunroof",
                             ("Open the sunroof halfway", "Close the sunroof", "Is the sunroof open?")),),
    api_version=1,
)
