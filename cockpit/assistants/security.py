"""The assistant's side of confirming what opens the house or the car (cockpit.core.confirmation
holds the state): what a held command does, in words, and what the driver's answer was - a yes, a
no, or a voice PIN ("1 2 3 4", "my PIN is 1234", or said with the request: "unlock the car with
PIN 1234"). A PIN never reaches a transcript or a log: `masked` hides its digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Final

from cockpit.assistants.style import Translate
from cockpit.core import signals as sig
from cockpit.core.commands import Command, HomeCommand, SetSignal
from cockpit.core.facts import HomeDevice
from cockpit.i18n import N_


def _same(message: str) -> str:
    return message

__all__ = ["Reply", "heard_answer", "masked", "pin_in", "what_it_does"]

PIN_DIGITS: Final = (4, 8)
HOME_ACTIONS: Final = {"unlock": N_("unlock the {device}"), "open": N_("open the {device}"),
                       "disarm": N_("disarm the {device}")}
UNLOCK_CAR: Final = N_("unlock the car")
REMOTE_CLIMATE: Final = N_("start the car's remote climate")
_CLEAN = re.compile(r"[^\w\s']")
_YES = re.compile(r"^(?:yes|yeah|yep|yup|ya|sure|ok|okay|correct|confirm(?:ed)?|do it|go ahead"
                  r"|go for it|please do|i'm sure|i am sure|absolutely|affirmative|definitely|of course"
                  r"|right|ja|jawohl|genau|oui|sí|si)\b")  # a yes in German, French, Spanish too
_NO = re.compile(r"^(?:no|nope|nah|cancel|don't|do not|never ?mind|stop|forget it|not now|wait|nein"
                 r"|abbrechen|lieber nicht|non|annuler)\b")
_NUMBER_WORDS: Final = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4",
                        "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_PIN_LEAD = re.compile(r"\b(?:with|using|use)? ?(?:my |the )?(?:voice )?(?:pin|pin code|code|passcode)"
                       r"(?: number)?(?: is)?\b")
_DIGIT = re.compile(r"\d|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_DIGITS = re.compile(r"(?<!\w)(?:\d[\s-]*){4,8}(?!\w)")


class Reply(Enum):
    YES = "yes"
    NO = "no"
    PIN = "pin"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Heard:
    """What the driver's answer to a confirmation was."""

    reply: Reply
    pin: str | None = None


def _words(text: str) -> str:
    return " ".join(_CLEAN.sub(" ", text.lower()).split())


def _spoken_digits(text: str) -> str:
    """"one two three four" -> "1 2 3 4" (digits stay as they are)."""
    return " ".join(_NUMBER_WORDS.get(word, word) for word in text.split())


def pin_in(text: str, *, alone: bool = False) -> str | None:
    """The PIN in `text`: after "PIN", "code" ("my PIN is 1234", "with PIN one two three four"), or
    - when `alone` (the driver was asked for it) - a lone run of 4 to 8 digits."""
    words = _spoken_digits(_words(text))
    lead = _PIN_LEAD.search(words)
    rest = words[lead.end():] if lead else (words if alone else "")
    found = _DIGITS.search(rest)
    if found is None or (alone and lead is None and found.group().strip() != rest.strip()):
        return None
    digits = re.sub(r"\D", "", found.group())
    return digits if PIN_DIGITS[0] <= len(digits) <= PIN_DIGITS[1] else None


def heard_answer(text: str) -> Heard:
    """The driver's answer to "Are you sure?" or "Please say your voice PIN"."""
    pin = pin_in(text, alone=True)
    if pin is not None:
        return Heard(Reply.PIN, pin)
    words = _words(text)
    if _NO.match(words):
        return Heard(Reply.NO)
    if _YES.match(words):
        return Heard(Reply.YES)
    return Heard(Reply.OTHER)


def masked(text: str) -> str:
    """`text` with every digit of a PIN hidden, spoken or written ("my PIN is ••••")."""
    return _DIGIT.sub("•", text)


def what_it_does(command: Command, devices: Iterable[HomeDevice] | None, tr: Translate = _same) -> str:
    """A held command as the question says it, in the driver's language: "unlock the front door",
    "open the garage door" (the device's name as the home file spells it)."""
    if isinstance(command, HomeCommand):
        name = next((d.name for d in devices or () if d.id == command.device_id), command.device_id).lower()
        if command.action == "unlock" and name.endswith(" lock"):
            name = name[: -len(" lock")]  # "unlock the front door", not "... the front door lock"
        return tr(HOME_ACTIONS.get(command.action, "{action} the {device}")).format(action=command.action,
                                                                                    device=name)
    if isinstance(command, SetSignal) and command.path == sig.DOOR_LOCKED:
        return tr(UNLOCK_CAR)
    if isinstance(command, SetSignal) and command.path == sig.PRECONDITIONING:
        return tr(REMOTE_CLIMATE)
    return command.describe()
