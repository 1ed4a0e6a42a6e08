"""The sunroof plugin, tested as its author would: through a cockpit with its signal added, and
through each built-in assistant (whose grammar picks up installed grammar plugins by itself)."""

import pytest
from cockpit_sunroof import GRAMMAR, POSITION, SIGNALS

from cockpit.assistants.alexa import AlexaAdapter
from cockpit.assistants.grammar import Context, Grammar
from cockpit.assistants.grammar.catalogue import builtin
from cockpit.core.cockpit import Cockpit


@pytest.fixture
def cockpit():
    cockpit = Cockpit()
    cockpit.add_signals(SIGNALS.signals)
    return cockpit


def grammar(cockpit):
    return Grammar(Context(cockpit), builtin().with_plugins(GRAMMAR))


@pytest.mark.parametrize(("spoken", "position"), [
    ("open the sunroof", 100), ("open the sun roof halfway", 50), ("close the sunroof", 0),
    ("tilt the sunroof", -100), ("set the sunroof to 30 percent", 30),
    ("could you open the moonroof a bit", 50),
])
def test_the_words_move_the_sunroof(cockpit, spoken, position):
    (command,) = grammar(cockpit).parse(spoken).commands
    assert command.path == POSITION and command.value == position
    assert cockpit.submit(command).applied and cockpit.target(POSITION) == position  # the motor's target


def test_it_says_how_open_the_sunroof_is(cockpit):
    g = grammar(cockpit)
    assert g.parse("is the sunroof open?").reply == "The sunroof is closed."
    cockpit.submit(g.parse("open the sunroof halfway").commands[0])
    assert g.parse("is the sunroof open").reply == "The sunroof is 50 % open."


def test_a_car_without_the_signal_has_no_sunroof():
    intent = grammar(Cockpit()).parse("open the sunroof")
    assert intent.commands == () and intent.reply == "This car has no sunroof."


def test_help_names_the_sunroof(cockpit):
    assert "“Open the sunroof halfway”" in grammar(cockpit).parse("help").reply


def test_alexa_opens_it_once_installed(cockpit):  # needs the plugin installed: pip install .
    with AlexaAdapter(cockpit) as alexa:
        result = alexa.respond("Alexa, open the sunroof halfway")
    assert result.reply == "Opening the sunroof to 50 %."
    assert cockpit.target(POSITION) == 50
