"""Why a number was refused, in the driver's words: the setting, its range in the driver's units and
what was asked ("Driver temperature goes from 16 °C to 28 °C, not 35 °C"), instead of the message
of whichever layer refused it (a VHAL property's "HVAC_TEMPERATURE_SET (0x15600503): 35 is outside
16..28 at area 0x1", an Alexa range's "15 is outside 0..10", the catalogue's VSS path).

The range is the catalogue's (extension signals included), so every adapter says the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from cockpit.core import units
from cockpit.core.commands import SetSignal
from cockpit.core.outcome import Outcome
from cockpit.core.signals import SignalSpec
from cockpit.core.text import Text
from cockpit.i18n import N_
from cockpit.scenario.words import LABELS, Wording

OUT_OF_RANGE = N_("{setting} goes from {low} to {high}, not {value}")


def worded(outcome: Outcome, catalogue: Mapping[str, SignalSpec], numbers: Wording) -> Outcome:
    """`outcome` with a reason the driver understands (a Text, numbers in the driver's units as
    `numbers` writes them) when it refused a number outside its signal's range; any other outcome
    as it is."""
    command = outcome.command
    if not outcome.rejected or not isinstance(command, SetSignal):
        return outcome
    value, spec = command.value, catalogue.get(command.path)
    if spec is None or spec.minimum is None or spec.maximum is None:
        return outcome
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return outcome
    if spec.minimum <= value <= spec.maximum:
        return outcome  # refused for another reason (the policy's, a native layer's step)

    def said(number: float) -> str:  # a temperature as the climate replies say it: "71 °F", "21.5 °C"
        if spec.unit == "celsius":
            return units.setpoint_text(number, numbers.fahrenheit)
        return numbers.quantity(number, spec.unit)

    label = LABELS.get(command.path)
    setting = Text(label) if label is not None else numbers.signal(command.path)
    reason = Text(OUT_OF_RANGE, setting=setting, low=said(spec.minimum), high=said(spec.maximum),
                  value=said(float(value)))
    return replace(outcome, reason=reason)
