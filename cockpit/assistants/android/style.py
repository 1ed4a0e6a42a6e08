"""Google Assistant's wording, all of it: how the Android-style adapter phrases every kind of turn.

Google Assistant answers in full sentences that start with "Sure" and say what it did.
"""

from __future__ import annotations

from typing import Final

from cockpit.assistants.style import ReplyStyle
from cockpit.i18n import N_

GOOGLE_STYLE: Final = ReplyStyle(
    ok=N_("Sure."),
    confirm=N_("Sure, {lower}"),
    deferred=N_("Got it. {reply} That will happen as soon as you're parked."),
    deferred_action=N_("I can't {action} while you're driving. I'll do it as soon as you park."),
    rejected=N_("Sorry, I can't do that right now. {reason}."),
    fallback=N_("Sorry, I'm not sure how to help with that yet. I can help with {capabilities}."),
    ask_confirm=N_("Just to confirm: do you want to {what}?"),
    ask_pin=N_("To {what}, I'll need your voice PIN."),
    pin_again=N_("I still need your voice PIN to {what}."),
    wrong_pin=N_("Sorry, that voice PIN doesn't match. {tries} more tries before voice unlocking locks."),
    wrong_pin_last=N_("Sorry, that voice PIN doesn't match. One more try before voice unlocking locks."),
    locked=N_("Too many wrong PINs, so voice unlocking is locked for {minutes} min."),
    declined=N_("OK, I'll leave it. I won't {what}."),
    expired=N_("I didn't get an answer, so I left it. Just ask again when you're ready."),
    not_for_me=N_("It sounds like that was meant for {other}."),
    problem=N_("Sorry, the {assistant} assistant had a problem."),
)
