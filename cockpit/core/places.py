"""Saved places and destinations: the one way a place is named and the one way it becomes the
navigation destination, for the assistants' grammar, the Navigation tab and the scenarios."""

from __future__ import annotations

from collections.abc import Iterable

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal, Source
from cockpit.core.facts import Place

KINDS = ("home", "work")  # the kinds a person may name instead of the place ("take me to work")


def find_place(places: Iterable[Place], spoken: str) -> Place | None:
    """The place a person names: by its name (any case), else by its kind ("home", "work")."""
    wanted = spoken.strip().lower()
    candidates = tuple(places)
    named = next((place for place in candidates if place.name.lower() == wanted), None)
    if named is not None or wanted not in KINDS:
        return named
    return next((place for place in candidates if place.kind == wanted), None)


def destination_commands(name: str, latitude: float | None = None, longitude: float | None = None, *,
                         source: Source) -> tuple[SetSignal, ...]:
    """The commands that make `name` the destination; with coordinates, the route's end too."""
    commands = [SetSignal(sig.DEST_NAME, name, source=source)]
    if latitude is not None and longitude is not None:
        commands += [SetSignal(sig.DEST_LATITUDE, latitude, source=source),
                     SetSignal(sig.DEST_LONGITUDE, longitude, source=source)]
    return tuple(commands)


def go_to(place: Place, source: Source) -> tuple[SetSignal, ...]:
    """The commands that make a saved place the destination."""
    return destination_commands(place.name, place.latitude, place.longitude, source=source)
