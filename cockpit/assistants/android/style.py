"""Google Assistant's wording, all of it: how the Android-style adapter phrases every kind of turn.

Google Assistant answers in full sentences that start with "Sure" and say what it did.
"""

from __future__ import annotations

from typing import Final

from cockpit.assistants.style import ReplyStyle

GOOGLE_STYLE: Final = ReplyStyle(
    ok="Sure.",
    confirm="Sure, {lower}",
    deferred="Got it. {reply} That will happen as soon as you're parked.",
    deferred_action="I can't {action} while you're driving. I'll do it as soon as you park.",
    rejected="Sorry, I can't do that right now. {reason}.",
    fallback="Sorry, I'm not sure how to help with that yet. I can help with {capabilities}.",
    ask_confirm="Just to confirm: do you want to {what}?",
    ask_pin="To {what}, I'll need your voice PIN.",
    pin_again="I still need your voice PIN to {what}.",
    wrong_pin="Sorry, that voice PIN doesn't match. {tries} more {try_word} before voice unlocking locks.",
    locked="Too many wrong PINs, so voice unlocking is locked for {minutes} minutes.",
    declined="OK, I'll leave it. I won't {what}.",
    expired="I didn't get an answer, so I left it. Just ask again when you're ready.",
    not_for_me="It sounds like that was meant for {other}.",
    problem="Sorry, the {assistant} assistant had a problem.",
)
