"""Alexa's wording, all of it: how the Alexa-style adapter phrases every kind of turn.

Alexa says what it did ("Setting the driver side to 72 °F."); in brief mode (a driver's
`brief_mode` setting, off by default) a change is answered with a short "OK".
"""

from __future__ import annotations

from typing import Final

from cockpit.assistants.style import ReplyStyle

ALEXA_STYLE: Final = ReplyStyle(
    ok="OK.",
    confirm="{reply}",
    deferred="{reply} I'll do it when you park.",
    deferred_action="I can't {action} while you're driving; I'll do it when you park.",
    rejected="Sorry, I can't do that: {reason}.",
    fallback="Hmm, I don't know that one. I can help with {capabilities}.",
    ask_confirm="Are you sure you want to {what}?",
    ask_pin="What's your voice PIN? I need it to {what}.",
    pin_again="I need your voice PIN to {what}.",
    wrong_pin="That voice PIN isn't right. {tries} more {try_word} before voice unlocking is locked.",
    locked="Voice unlocking is locked for {minutes} minutes after too many wrong PINs.",
    declined="OK, I won't {what}.",
    expired="I didn't hear an answer, so I didn't do it. Ask me again when you're ready.",
    not_for_me="That sounded like it was for {other}.",
    problem="Sorry, the {assistant} assistant had a problem.",
)
