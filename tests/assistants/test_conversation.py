"""The transcript and push-to-talk model the assistant panel draws."""

from __future__ import annotations

from cockpit.assistants.alexa import AlexaAdapter
from cockpit.assistants.conversation import ASSISTANT, DRIVER, Conversation
from cockpit.core.cockpit import Cockpit


def test_replies_become_bubbles_and_are_handed_to_the_speaker(cockpit: Cockpit):
    spoken: list[str] = []
    conversation = Conversation(cockpit.bus, limit=3, on_reply=spoken.append)
    with AlexaAdapter(cockpit) as alexa:
        alexa.respond("Alexa, turn on the AC")
        cockpit.tick(2.0)
        alexa.respond("Alexa, what's the battery level?")
    bubbles = conversation.bubbles
    assert [(b.speaker, b.text) for b in bubbles] == [
        (ASSISTANT, "OK."),
        (DRIVER, "Alexa, what's the battery level?"),
        (ASSISTANT, "The battery is at 80 percent."),
    ]
    assert bubbles[-1].time == 2.0 and bubbles[-1].adapter == "alexa"
    assert spoken == ["OK.", "The battery is at 80 percent."]
    conversation.close()


def test_push_to_talk_listens_until_released_or_answered(cockpit: Cockpit):
    conversation = Conversation(cockpit.bus)
    assert not conversation.listening and conversation.pulse(1.0) == 0.0
    conversation.press(now=10.0)
    version = conversation.version
    assert conversation.listening
    assert conversation.pulse(10.0) == 0.0 and conversation.pulse(10.6) == 1.0
    conversation.press(now=11.0)
    assert conversation.version == version, "pressing again changes nothing"
    with AlexaAdapter(cockpit) as alexa:
        alexa.respond("Alexa, next song")
    assert not conversation.listening and conversation.version > version
    conversation.release()
    conversation.close()


def test_closed_conversation_stops_listening_to_the_bus(cockpit: Cockpit):
    conversation = Conversation(cockpit.bus)
    conversation.close()
    conversation.close()
    with AlexaAdapter(cockpit) as alexa:
        alexa.respond("Alexa, pause")
    assert conversation.bubbles == ()
