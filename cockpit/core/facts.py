"""Small values that events carry about the parts: a home device, a driver's card, a saved place.

They live in core because events carry them and every consumer (the read model, the recorder, the
assistants) reads them without importing the part that produced them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# The car's four key fob slots (keys 1..4 on the dashboard); slot N presents the fob `fob-N`.
FOB_SLOTS: Final = {slot: f"fob-{slot}" for slot in range(1, 5)}
GUEST_ID: Final = "guest"  # the profile of anyone without a known key fob
# The device id a HomeCommand uses for every light of the home at once ("all the lights").
ALL_LIGHTS: Final = "light_all"
# The setpoints a home thermostat takes [°C]: the simulated device's range, and the validRange an
# Alexa directive for it is checked against.
THERMOSTAT_RANGE_C: Final = (7.0, 30.0)


@dataclass(frozen=True, slots=True)
class HomeDevice:
    """A device of the connected home as a person sees it: who it is and what it can do."""

    id: str
    name: str
    kind: str  # garage_door, light, thermostat, lock, alarm_panel, ev_charger
    room: str | None = None
    actions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    """A driver's saved place; `kind` marks the one that is home or work ("other" otherwise)."""

    name: str
    latitude: float
    longitude: float
    kind: str = "other"


@dataclass(frozen=True, slots=True)
class DriverCard:
    """One valid driver profile as the profile carousel shows it."""

    id: str
    display_name: str
    avatar_colour: str  # six hex digits, e.g. "E4572E"
    assistant: str  # the adapter's name
    units: str  # "metric" or "imperial"
    key_fobs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of "What changed" after a driver switch.

    `text` is a Text in the new driver's units (shown in their language); `paths` are the signals
    it stands for; `after_parking` marks what waits until the car is parked (seat, mirrors and
    steering moves, and how the instruments read), the rest applied at once.
    """

    text: str
    paths: tuple[str, ...] = ()
    after_parking: bool = False
