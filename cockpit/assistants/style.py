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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from cockpit.assistants.grammar import Intent
from cockpit.assistants.grammar.text import listed
from cockpit.core.commands import SetSignal
from cockpit.core.outcome import Outcome
from cockpit.i18n import N_

__all__ = ["ReplyStyle", "Translate", "lower_first"]


Translate = Callable[[str], str]


def _same(message: str) -> str:
    return message


def lower_first(text: str) -> str:
    """"Setting ..." -> "setting ..." (for a reply inside a sentence)."""
    return text[:1].lower() + text[1:]


@dataclass(frozen=True, slots=True)
class ReplyStyle:
    """An assistant's wording. `brief` (Alexa's brief mode) answers a change with `ok` alone.

    Every template is a message id (English, marked for the catalogue where the style is written):
    `say` and `phrase` put it into the driver's language through `tr` (a gettext function).
    """

    ok: str = N_("OK.")
    brief: bool = False
    confirm: str = "{reply}"  # {reply}, {lower}: the grammar's reply, lower-case first
    deferred: str = N_("{reply} It will happen once the car is parked.")  # {reply}, {lower}, {reason}
    deferred_action: str = N_("I can't {action} while you're driving; I'll do it when you park.")
    rejected: str = N_("Sorry, {reason}.")  # {reason}
    fallback: str = N_("Sorry, I didn't catch that. I can help with {capabilities}. Say 'help' for examples.")
    ask_confirm: str = N_("Are you sure you want to {what}?")  # {what}: "unlock the front door"
    ask_pin: str = N_("To {what}, please say your voice PIN.")
    pin_again: str = N_("I need your voice PIN to {what}.")
    wrong_pin: str = N_("That PIN isn't right. {tries} more tries before voice unlocking locks.")
    wrong_pin_last: str = N_("That PIN isn't right. One more try before voice unlocking locks.")
    locked: str = N_("Too many wrong PINs: voice unlocking is locked for {minutes} min.")
    declined: str = N_("OK, I won't {what}.")
    expired: str = N_("That request has timed out; ask again when you're ready.")
    not_for_me: str = N_("That sounded like it was meant for {other}.")  # {other}: the assistant addressed
    problem: str = N_("Sorry, the {assistant} assistant had a problem.")  # {assistant}: its display name

    def briefly(self, brief: bool) -> ReplyStyle:
        """This style with brief mode on or off (a per-driver setting)."""
        return self if brief == self.brief else replace(self, brief=brief)

    def say(self, template: str, tr: Translate = _same, **fields: object) -> str:
        """The template named `template` ("ask_confirm") in the driver's language, filled in."""
        return tr(getattr(self, template)).format(**fields)

    def wrong(self, tries: int, tr: Translate = _same) -> str:
        """After a wrong PIN: how many tries are left before voice unlocking locks."""
        return self.say("wrong_pin_last", tr) if tries == 1 else self.say("wrong_pin", tr, tries=tries)

    def phrase(self, intent: Intent, outcomes: Sequence[Outcome], tr: Translate = _same) -> str:
        """The reply to an intent the cockpit carried out with these outcomes."""
        if not intent.understood:
            titles = [tr(title) for title in intent.slots.get("capabilities", ())]
            return self.say("fallback", tr, capabilities=listed(titles, tr("and")))
        rejected = [o for o in outcomes if o.rejected]
        if rejected:
            return rejected[0].reply or self.say("rejected", tr, reason=rejected[0].reason.rstrip("."))
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
                return self.say("deferred_action", tr, action=intent.action, reason=reason, **fields)
            return self.say("deferred", tr, reason=reason, **fields)
        reply = tr(self.ok) if self.brief else self.say("confirm", tr, **fields)
        # what the policy changed about a setting ("volume limited to 40 % for this driver")
        notes = [o.reason for o in outcomes if o.applied and o.reason and isinstance(o.command, SetSignal)]
        return f"{reply} ({notes[0]})" if notes else reply
