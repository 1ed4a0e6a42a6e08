"""The car's own cabin lights: ambient (or "interior", "mood", "cabin") light on, off, colour and
brightness. These rules run before the home's, so "turn on the ambient lights" is the car's
ambient light, never every light in the house."""

from __future__ import annotations

import re

from cockpit.assistants.grammar import units as u
from cockpit.assistants.grammar.home import COLORS
from cockpit.assistants.grammar.intent import Context, Intent
from cockpit.assistants.grammar.rules import Capability, GrammarPlugin, Order, rule
from cockpit.core import signals as sig
from cockpit.core.commands import Command, SetSignal, Source
from cockpit.i18n import N_

A = Source.ASSISTANT
DIM_PERCENT = 30
AMBIENT_COLOUR = N_("Setting the ambient light to {colour}.")
AMBIENT_LEVEL = N_("Setting the ambient light to {level} %.")
AMBIENT_ON = N_("Turning the ambient light on.")
AMBIENT_OFF = N_("Turning the ambient light off.")
_COLOR = re.compile(r"\b(" + "|".join(sorted(COLORS, key=len, reverse=True)) + r")\b")
_DIM = re.compile(r"\b(?:dim|dimmer|darker|lower|down)\b")
_BRIGHT = re.compile(r"\b(?:brighter|brighten|up|full|max|maximum)\b")


@rule(r"\b(?:ambient|interior|cabin|mood|footwell|inside) (?:lights?|lighting|lamps?|colou?r|glow)\b"
      r"|\b(?:lights?|lighting) (?:in|inside) (?:the|my) (?:car|cabin)\b|\bambient\b")
def ambient(match: re.Match[str], context: Context) -> Intent:
    text = match.string
    color = _COLOR.search(text)
    value = u.number(text)
    commands: list[Command] = []
    if color is not None:
        name = color.group(1)
        commands = [SetSignal(sig.AMBIENT_ON, True, source=A),
                    SetSignal(sig.AMBIENT_COLOR, COLORS[name], source=A)]
        return Intent("cabin.ambient", {"action": "set_color", "color": name}, tuple(commands),
                      context.tr(AMBIENT_COLOUR).format(colour=name))
    if value is not None or _DIM.search(text) or _BRIGHT.search(text):
        level = int(value) if value is not None else (100 if _BRIGHT.search(text) else DIM_PERCENT)
        commands = [SetSignal(sig.AMBIENT_ON, True, source=A),
                    SetSignal(sig.AMBIENT_INTENSITY, level, source=A)]
        return Intent("cabin.ambient", {"action": "set_brightness", "brightness": level}, tuple(commands),
                      context.tr(AMBIENT_LEVEL).format(level=level))
    on = not u.switched_off(text)
    return Intent("cabin.ambient", {"action": "turn_on" if on else "turn_off"},
                  (SetSignal(sig.AMBIENT_ON, on, source=A),),
                  context.tr(AMBIENT_ON if on else AMBIENT_OFF))


PLUGIN = GrammarPlugin(
    "cabin", rules=(ambient,),
    capabilities=(Capability("ambient", N_('the ambient light'), (N_('Set the ambient light to blue'),
                                                              N_('Dim the interior lights'))),),
    order=Order.CABIN)
