"""The spine every part talks through: signals, commands, policy, events and the simulated clock.

Nothing in here does I/O or imports pygame, paho or YAML; a test checks that.
"""

from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import ApplyProfile, Command, HomeCommand, SetSignal, Source, Speak
from cockpit.core.errors import CockpitError
from cockpit.core.events import Event
from cockpit.core.outcome import Outcome, Status

__all__ = [
    "ApplyProfile",
    "Cockpit",
    "CockpitError",
    "Command",
    "Event",
    "HomeCommand",
    "Outcome",
    "SetSignal",
    "Source",
    "Speak",
    "Status",
]
