"""Naming a saved place and making it the destination: one way for every part."""

from __future__ import annotations

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal, Source
from cockpit.core.facts import Place
from cockpit.core.places import destination_commands, find_place, go_to

OFFICE = Place("Office", 48.15, 11.57, "work")
HOME = Place("Zuhause", 48.14, 11.58, "home")
GYM = Place("Gym", 48.16, 11.59)


def test_a_place_is_found_by_its_name_in_any_case_or_by_its_kind():
    places = (OFFICE, HOME, GYM)
    assert find_place(places, "office") is OFFICE and find_place(places, " GYM ") is GYM
    assert find_place(places, "work") is OFFICE and find_place(places, "home") is HOME
    assert find_place(places, "other") is None and find_place(places, "airport") is None


def test_a_place_named_like_a_kind_wins_over_the_kind():
    named = Place("Work", 48.0, 11.0)
    assert find_place((OFFICE, named), "work") is named


def test_a_saved_place_sets_name_and_coordinates_an_address_only_the_name():
    user = Source.USER
    assert go_to(OFFICE, user) == (SetSignal(sig.DEST_NAME, "Office", source=user),
                                   SetSignal(sig.DEST_LATITUDE, 48.15, source=user),
                                   SetSignal(sig.DEST_LONGITUDE, 11.57, source=user))
    assert destination_commands("10 Downing Street", source=user) == (
        SetSignal(sig.DEST_NAME, "10 Downing Street", source=user),)
