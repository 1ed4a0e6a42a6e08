"""Never the wrong device: a request goes to a device of the kind it names, with an action that
device has; several that fit make the assistant ask which; the car's own lights win when the
words say "ambient" or "interior"; device names come from the active home."""

from __future__ import annotations

import pytest

from cockpit.assistants.grammar import Context, Grammar
from cockpit.assistants.grammar.catalogue import builtin
from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import HomeCommand, SetSignal, Source
from cockpit.core.facts import HomeDevice
from tests.assistants.conftest import shipped_home

A = Source.ASSISTANT


def grammar(devices: tuple[HomeDevice, ...] | None = None, cockpit: Cockpit | None = None) -> Grammar:
    return Grammar(Context(cockpit or Cockpit(), devices=devices if devices is not None else shipped_home()),
                   builtin())


@pytest.mark.parametrize("spoken", ["dim the garage light", "turn on the light in the garage",
                                    "switch the garage lights off", "set the garage lamp to 40 percent"])
def test_a_light_in_the_garage_is_never_the_garage_door(spoken):
    intent = grammar().parse(spoken)
    assert intent.commands == () and intent.reply == "There's no light in the garage in this home."


@pytest.mark.parametrize(("spoken", "reply"), [
    ("dim the garage", "I can't dim the garage door."),
    ("turn the garage blue", "I can't colour the garage door."),
    ("switch on the garage", "I can't switch on or off the garage door."),
])
def test_an_action_the_device_does_not_have_is_refused_not_mapped_elsewhere(spoken, reply):
    intent = grammar().parse(spoken)
    assert intent.commands == () and intent.reply == reply


def test_which_light_is_asked_and_the_answer_picks_it():
    g = grammar()
    asked = g.parse("turn on the light")
    assert asked.commands == () and asked.reply == "Which light: hallway, living room, kitchen or bedroom?"
    chosen = g.parse("the kitchen one please")
    assert chosen.commands == (HomeCommand("light_kitchen", "turn_on", source=A),)
    assert chosen.slots["answer_to"] == "home.which_light"
    assert g.parse("the kitchen").commands == ()  # the question was answered: "the kitchen" alone is nothing


def test_a_two_light_home_asks_as_the_issue_says():
    home = (HomeDevice("hall", "Hall light", "light", "Hallway"),
            HomeDevice("kitchen", "Kitchen light", "light", "Kitchen"))
    g = grammar(home)
    assert g.parse("dim the light").reply == "Which light: hallway or kitchen?"
    dim = {"brightness": 30}
    assert g.parse("both").commands == (HomeCommand("hall", "set_brightness", dim, source=A),
                                        HomeCommand("kitchen", "set_brightness", dim, source=A))


def test_an_answer_that_is_no_choice_is_heard_as_a_new_request():
    g = grammar()
    g.parse("turn on the lamp")
    assert g.parse("set the temperature to 20").name == "climate.set_temperature"


def test_the_plural_or_all_means_every_light():
    every = grammar().parse("turn off the lights")
    assert every.commands == (HomeCommand("light_all", "turn_off", source=A),)


@pytest.mark.parametrize(("spoken", "commands"), [
    ("turn on the ambient lights", (SetSignal(sig.AMBIENT_ON, True, source=A),)),
    ("switch off the interior lights", (SetSignal(sig.AMBIENT_ON, False, source=A),)),
    ("set the ambient light to blue", (SetSignal(sig.AMBIENT_ON, True, source=A),
                                       SetSignal(sig.AMBIENT_COLOR, "0000FF", source=A))),
    ("dim the cabin lighting", (SetSignal(sig.AMBIENT_ON, True, source=A),
                                SetSignal(sig.AMBIENT_INTENSITY, 30, source=A))),
    ("mood lighting 70 percent", (SetSignal(sig.AMBIENT_ON, True, source=A),
                                  SetSignal(sig.AMBIENT_INTENSITY, 70, source=A))),
])
def test_ambient_and_interior_are_the_cars_own_lights(spoken, commands):
    intent = grammar().parse(spoken)
    assert intent.name == "cabin.ambient" and intent.commands == commands


CUSTOM = (HomeDevice("barn", "Barn door", "garage_door", "Yard", ("open", "close", "stop")),
          HomeDevice("left", "Left garage", "garage_door", "Garage", ("open", "close", "stop")),
          HomeDevice("porch", "Porch lamp", "light", "Porch", ("turn_on", "turn_off")),
          HomeDevice("lantern", "Lantern", "light", "Garden", ("turn_on", "turn_off")))


def test_a_home_of_one_s_own_by_its_own_names():
    g = grammar(CUSTOM)
    assert g.parse("close the barn door").commands == (HomeCommand("barn", "close", source=A),)
    assert g.parse("turn on the porch lamp").commands == (HomeCommand("porch", "turn_on", source=A),)
    assert g.parse("lock the barn door").reply == "I can't lock the garage door."  # it has no lock
    asked = g.parse("close the garage door")
    assert asked.reply == "Which garage door: yard or garage?"
    assert g.parse("the yard").commands == (HomeCommand("barn", "close", source=A),)
