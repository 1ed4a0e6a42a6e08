"""Gear lever interlocks, added to the cockpit's policy as one rule.

No P or R while rolling forward, no P or D while rolling backward, leaving P needs the brake and
the charging cable out.
"""

from __future__ import annotations

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.commands import SetSignal
from cockpit.core.outcome import Status
from cockpit.core.policy import Restrictions, StateView, Verdict
from cockpit.core.signals import SignalSpec, Value
from cockpit.core.text import Text

ROLLING_KMH = 2.0
GEARS = frozenset(sig.GEAR_LETTERS)


def gear_interlocks(command: SetSignal, spec: SignalSpec, value: Value, state: StateView,
                    restrictions: Restrictions) -> Verdict | None:
    """Reject a gear the car cannot safely take now, with the reason a driver would be told."""
    if spec.path != sig.SELECTED_GEAR:
        return None
    if value not in GEARS:
        return Verdict(Status.REJECTED, Text("there is no gear {gear}; choose P, R, N or D",
                                             gear=repr(value)))
    current = state.value(sig.SELECTED_GEAR)
    if value == current:
        return None
    speed = float(state.value(sig.SPEED))
    letter = sig.GEAR_LETTERS[int(value)]
    shown = units.speed_text(speed, state.value(sig.DISTANCE_UNIT) == "MILES")
    if speed > ROLLING_KMH and value in (sig.GEAR_PARK, sig.GEAR_REVERSE):
        return Verdict(Status.REJECTED, Text("cannot shift to {gear} while moving forward at {speed}; "
                                             "stop first", gear=letter, speed=shown))
    if speed < -ROLLING_KMH and value in (sig.GEAR_PARK, sig.GEAR_DRIVE):
        return Verdict(Status.REJECTED, Text("cannot shift to {gear} while reversing at {speed}; stop first",
                                             gear=letter, speed=shown))
    if current == sig.GEAR_PARK and state.value(sig.CABLE_CONNECTED):
        return Verdict(Status.REJECTED, Text("unplug the charging cable before leaving P"))
    if current == sig.GEAR_PARK and int(state.value(sig.BRAKE)) <= 0:
        return Verdict(Status.REJECTED, Text("press the brake to shift from P to {gear}", gear=letter))
    return None
