"""Numbers the grammar will not guess at: NaN, infinity, 1e308, 21.5.5, twenty-digit numbers, kelvin.

The grammar reads plain numbers ("21", "21.5", "minus 5", "twenty two"). Anything else that looks
like a number would otherwise be read as some other value (the 21 of "21.5.5", the default fan
speed for "1e308"), so it is refused, before any rule runs, with a reply that says why. A plain
number outside a setting's range is not refused here: it reaches the cockpit's policy, whose
reply names the range.
"""

from __future__ import annotations

import re
from typing import Final

from cockpit.core.text import Text

MAX_DIGITS: Final = 15  # more and float() starts rounding; nobody sets a fan to a trillion percent

_I = re.IGNORECASE
_SCIENTIFIC = re.compile(r"(?<![\w.])\d+(?:\.\d+)?e[+-]?\d+\b", _I)
_DOTTED = re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}")
_LONG = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")
_KELVIN = re.compile(r"\d\s*(?:°\s*)?(?:kelvin|k)\b|\bkelvin\b", _I)
# "to NaN", "at infinity", "level inf": a word that is not a number where a setting's value goes
_NOT_A_VALUE = re.compile(r"\b(?:to|at|by|level|of|on)\s+(?:minus\s+|-\s*|\+\s*)?"
                          r"(?P<word>nan|infinity|infinite|inf)\b", _I)
_SETTING = re.compile(r"\b(?:temp\w*|degrees?|fan|volume|level|bright\w*|percent|seat|heat\w*|lights?|"
                      r"thermostat|warmer|cooler|speed)\b|%", _I)


def refusal(utterance: str) -> Text | None:
    """Why a number in `utterance` cannot be used, as the assistant's reply; None when it is fine."""
    text = utterance
    if not _SETTING.search(text):
        return None  # "play Infinity FM", "call Nan": not a setting's value
    found = _SCIENTIFIC.search(text) or _DOTTED.search(text)
    if found is not None:
        return Text("Sorry, I can't use {number} as a number. Say a plain number, such as 21 or 21.5.",
                    number=found.group())
    found = _LONG.search(text)
    if found is not None:
        return Text("Sorry, a number with {count} digits is more than any setting goes to.",
                    count=len(found.group()))
    found = _NOT_A_VALUE.search(text)
    if found is not None:
        return Text("Sorry, {word} is not a number I can set. Say a plain number, such as 21.",
                    word=found["word"])
    if _KELVIN.search(text):
        return Text("Sorry, I set temperatures in degrees Celsius or Fahrenheit, not kelvin.")
    return None
