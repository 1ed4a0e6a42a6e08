"""The transcript and listening state of the read model, fed by the assistant's events."""

from __future__ import annotations

from cockpit.assistants.alexa import AlexaAdapter
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import Listen
from cockpit.core.events import AssistantReplied
from cockpit.view import ASSISTANT, DRIVER, CockpitView
from cockpit.view.conversation import Conversation


def test_replies_become_bubbles_keeping_the_newest(cockpit: Cockpit):
    conversation = Conversation(limit=3)
    cockpit.bus.subscribe(conversation.on_replied, AssistantReplied)
    with AlexaAdapter(cockpit) as alexa:
        alexa.respond("Alexa, turn on the AC")
        cockpit.tick(2.0)
        alexa.respond("Alexa, what's the battery level?")
    bubbles = conversation.bubbles
    assert [(b.speaker, b.text) for b in bubbles] == [
        (ASSISTANT, "Turning the air conditioning on."),
        (DRIVER, "Alexa, what's the battery level?"),
        (ASSISTANT, "The battery is at 80 percent."),
    ]
    assert bubbles[-1].time == 2.0 and bubbles[-1].adapter == "alexa"


def test_push_to_talk_listens_until_released_or_answered(cockpit: Cockpit):
    view = CockpitView(cockpit)
    conversation = view.conversation
    assert not conversation.listening and conversation.pulse(1.0) == 0.0
    cockpit.tick(10.0)
    assert cockpit.submit(Listen(True)).applied
    version = conversation.version
    assert conversation.listening
    assert conversation.pulse(10.0) == 0.0 and conversation.pulse(10.6) == 1.0
    cockpit.tick(1.0)
    cockpit.submit(Listen(True))
    assert conversation.version == version, "pressing again changes nothing"
    assert conversation.pulse(10.6) == 1.0, "and the animation keeps its phase"
    with AlexaAdapter(cockpit) as alexa:
        alexa.respond("Alexa, next song")
    assert not conversation.listening and conversation.version > version
    cockpit.submit(Listen(True))
    cockpit.submit(Listen(False))
    assert not conversation.listening
    view.close()


def test_a_closed_view_stops_following_the_bus(cockpit: Cockpit):
    view = CockpitView(cockpit)
    view.close()
    view.close()
    with AlexaAdapter(cockpit) as alexa:
        alexa.respond("Alexa, pause")
    assert view.conversation.bubbles == ()
