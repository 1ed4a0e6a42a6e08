"""Alexa's wording, all of it: how the Alexa-style adapter phrases every kind of turn.

Alexa says what it did ("Setting the driver side to 72 °F."); in brief mode (a driver's
`brief_mode` setting, off by default) a change is answered with a short "OK".
"""

from __future__ import annotations

from typing import Final

from cockpit.assistants.style import ReplyStyle
from cockpit.i18n import N_

ALEXA_STYLE: Final = ReplyStyle(
    ok=N_("OK."),
    confirm="{reply}",
    deferred=N_("{reply} I'll do it when you park."),
    deferred_action=N_("I can't {action} while you're driving; I'll do it when you park."),
    rejected=N_("Sorry, I can't do that: {reason}."),
    fallback=N_("Hmm, I don't know that one. I can help with {capabilities}."),
    ask_confirm=N_("Are you sure you want to {what}?"),
    ask_pin=N_("What's your voice PIN? I need it to {what}."),
    pin_again=N_("I need your voice PIN to {what}."),
    wrong_pin=N_("That voice PIN isn't right. {tries} more tries before voice unlocking is locked."),
    wrong_pin_last=N_("That voice PIN isn't right. One more try before voice unlocking is locked."),
    locked=N_("Voice unlocking is locked for {minutes} min after too many wrong PINs."),
    declined=N_("OK, I won't {what}."),
    expired=N_("I didn't hear an answer, so I didn't do it. Ask me again when you're ready."),
    not_for_me=N_("That sounded like it was for {other}."),
    problem=N_("Sorry, the {assistant} assistant had a problem."),
)
