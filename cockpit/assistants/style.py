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

Every template is a message id (marked with N_ in the style modules) and every reply a Text
(cockpit.core.text): the dashboard, the speech and `cockpit say` put it into the driver's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from cockpit.assistants.grammar import Intent
from cockpit.core.commands import SetSignal
from cockpit.core.outcome import Outcome
from cockpit.core.text import Text, Translate, localise
from cockpit.i18n import N_

__all__ = ["LowerFirst", "ReplyStyle", "Translate", "lower_first"]


def _same(message: str) -> str:
    return message


def lower_first(text: str) -> str:
    """"Setting ..." -> "setting ..." (for a reply inside a sentence)."""
    return text[:1].lower() + text[1:]


class LowerFirst(Text):
    """A reply inside a sentence ("Sure, setting ..."): lower-case first, in every language."""

    def __new__(cls, inner: str) -> LowerFirst:
        self = str.__new__(cls, lower_first(inner))
        self.msgid, self.args = "{inner}", {"inner": inner}
        return self

    def localise(self, tr: Translate) -> str:
        return lower_first(super().localise(tr))

    def __reduce__(self) -> tuple[object, ...]:
        return LowerFirst, (self.args["inner"],)


def listed_text(parts: Sequence[Text]) -> Text:
    """ "a, b and c" in the driver's language."""
    if len(parts) <= 1:
        return Text.join(parts, "")
    return Text(N_("{first} and {last}"), first=Text.join(parts[:-1], ", "), last=parts[-1])


def as_text(text: str) -> Text:
    """A reply as a Text (a plain one from a plugin is kept as it is)."""
    return text if isinstance(text, Text) else Text("{text}", text=text)


@dataclass(frozen=True, slots=True)
class ReplyStyle:
    """An assistant's wording. `brief` (Alexa's brief mode) answers a change with `ok` alone.

    Every template is a message id (English, marked for the catalogue where the style is written).
    A reply is a Text (cockpit.core.text) that says itself in any language; given `tr` (a gettext
    function), `say` and `phrase` return it in that language at once.
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
        """The template named `template` ("ask_confirm") filled in: a Text, or in `tr`'s language."""
        return self._in(Text(getattr(self, template), **fields), tr)

    def wrong(self, tries: int, tr: Translate = _same) -> str:
        """After a wrong PIN: how many tries are left before voice unlocking locks."""
        return self.say("wrong_pin_last", tr) if tries == 1 else self.say("wrong_pin", tr, tries=tries)

    def phrase(self, intent: Intent, outcomes: Sequence[Outcome], tr: Translate = _same) -> str:
        """The reply to an intent the cockpit carried out with these outcomes."""
        return self._in(self._reply(intent, outcomes), tr)

    @staticmethod
    def _in(text: Text, tr: Translate) -> str:
        return text if tr is _same else localise(text, tr)

    def _reply(self, intent: Intent, outcomes: Sequence[Outcome]) -> Text:
        if not intent.understood:
            titles = [Text(title) for title in intent.slots.get("capabilities", ())]
            return Text(self.fallback, capabilities=listed_text(titles))
        rejected = [o for o in outcomes if o.rejected]
        if rejected:
            return as_text(rejected[0].reply) if rejected[0].reply else self._refuse(rejected[0].reason)
        if intent.answer or not outcomes:
            return as_text(intent.reply)
        told = dict.fromkeys(o.reply for o in outcomes if o.applied and o.reply)
        if told:  # the parts that acted say what they did ("Playing BBC Radio 4."), briefly or not
            return Text.join(told, " ")
        said = intent.done(outcomes) if intent.done is not None else intent.reply
        fields: dict[str, Any] = {"reply": said, "lower": LowerFirst(said)}
        if any(o.deferred for o in outcomes):
            reason = next(o.reason for o in outcomes if o.deferred)
            if intent.action:
                return Text(self.deferred_action, action=intent.action, reason=reason, **fields)
            return Text(self.deferred, reason=reason, **fields)
        reply = Text(self.ok) if self.brief else Text(self.confirm, **fields)
        # what the policy changed about a setting ("volume limited to 40 % for this driver")
        notes = [o.reason for o in outcomes if o.applied and o.reason and isinstance(o.command, SetSignal)]
        return Text("{reply} ({note})", reply=reply, note=notes[0]) if notes else reply

    def _refuse(self, reason: str) -> Text:
        """The refusal, with the cockpit's reason (a sentence of its own loses its full stop)."""
        return Text(self.rejected, reason=reason if isinstance(reason, Text) else reason.rstrip("."))
