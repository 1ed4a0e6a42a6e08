"""How an assistant phrases a turn: `ReplyStyle`, one per adapter, the only place its wording lives.

The grammar gives every intent a neutral reply that names what it does ("Setting the driver side
to 22.0 °C.") and, where the value is only known once the cockpit decided (a relative step, a
capped volume), a `done` function that names the value reached. A style frames that in the
assistant's own voice, and says what the driver needs to hear when things do not simply happen:
a change that waits until the car is parked, a refusal and why (or what the part that refused
said: the media player names the closest stations it has), a question before something opens the
house or the car, a wrong PIN, a request meant for another assistant, a problem of the adapter
itself. When the part that carried a command out says what happened (`Outcome.reply`: "Playing
BBC Radio 4."), that is the reply. Templates use str.format fields, listed with each one below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from cockpit.assistants.grammar import Intent
from cockpit.assistants.grammar.text import listed
from cockpit.core.commands import SetSignal
from cockpit.core.outcome import Outcome

__all__ = ["ReplyStyle", "lower_first"]


def lower_first(text: str) -> str:
    """"Setting ..." -> "setting ..." (for a reply inside a sentence)."""
    return text[:1].lower() + text[1:]


@dataclass(frozen=True, slots=True)
class ReplyStyle:
    """An assistant's wording. `brief` (Alexa's brief mode) answers a change with `ok` alone."""

    ok: str = "OK."
    brief: bool = False
    confirm: str = "{reply}"  # {reply}, {lower}: the grammar's reply, lower-case first
    deferred: str = "{reply} It will happen once the car is parked."  # {reply}, {lower}, {reason}
    deferred_action: str = "I can't {action} while you're driving; I'll do it when you park."  # {action}
    rejected: str = "Sorry, {reason}."  # {reason}
    fallback: str = "Sorry, I didn't catch that. I can help with {capabilities}. Say 'help' for examples."
    ask_confirm: str = "Are you sure you want to {what}?"  # {what}: "unlock the front door"
    ask_pin: str = "To {what}, please say your voice PIN."
    pin_again: str = "I need your voice PIN to {what}."
    wrong_pin: str = "That PIN isn't right. {tries} more {try_word} before voice unlocking locks."
    locked: str = "Too many wrong PINs: voice unlocking is locked for {minutes} minutes."
    declined: str = "OK, I won't {what}."
    expired: str = "That request has timed out; ask again when you're ready."
    not_for_me: str = "That sounded like it was meant for {other}."  # {other}: the assistant addressed
    problem: str = "Sorry, the {assistant} assistant had a problem."  # {assistant}: its display name

    def briefly(self, brief: bool) -> ReplyStyle:
        """This style with brief mode on or off (a per-driver setting)."""
        return self if brief == self.brief else replace(self, brief=brief)

    def phrase(self, intent: Intent, outcomes: Sequence[Outcome]) -> str:
        """The reply to an intent the cockpit carried out with these outcomes."""
        if not intent.understood:
            return self.fallback.format(capabilities=listed(intent.slots.get("capabilities", ()), "and"))
        rejected = [o for o in outcomes if o.rejected]
        if rejected:
            return rejected[0].reply or self.rejected.format(reason=rejected[0].reason.rstrip("."))
        if intent.answer or not outcomes:
            return intent.reply
        told = dict.fromkeys(o.reply for o in outcomes if o.applied and o.reply)
        if told:  # the parts that acted say what they did ("Playing BBC Radio 4."), briefly or not
            return " ".join(told)
        said = intent.done(outcomes) if intent.done is not None else intent.reply
        fields: dict[str, Any] = {"reply": said, "lower": lower_first(said)}
        if any(o.deferred for o in outcomes):
            reason = next(o.reason for o in outcomes if o.deferred)
            if intent.action:
                return self.deferred_action.format(action=intent.action, reason=reason, **fields)
            return self.deferred.format(reason=reason, **fields)
        reply = self.ok if self.brief else self.confirm.format(**fields)
        # what the policy changed about a setting ("volume limited to 40 % for this driver")
        notes = [o.reason for o in outcomes if o.applied and o.reason and isinstance(o.command, SetSignal)]
        return f"{reply} ({notes[0]})" if notes else reply

    def wrong(self, tries: int) -> str:
        return self.wrong_pin.format(tries=tries, try_word="try" if tries == 1 else "tries")

