"""Text clean-up before matching: lower case, common typos, filler words, spoken letters ("a c"),
numbers in words; and, for an utterance nothing understood, a second reading with misspelt words
put right (`corrected`).

Everything here is precompiled at import so one utterance costs a handful of regex passes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

TYPOS: Final[dict[str, str]] = {
    "temprature": "temperature",
    "tempreture": "temperature",
    "temperture": "temperature",
    "temperatur": "temperature",
    "temperatue": "temperature",
    "tempature": "temperature",
    "temp": "temperature",
    "garrage": "garage",
    "garge": "garage",
    "grage": "garage",
    "navigte": "navigate",
    "naviagte": "navigate",
    "navigat": "navigate",
    "nav": "navigate",
    "volumn": "volume",
    "volum": "volume",
    "voulme": "volume",
    "vol": "volume",
    "musik": "music",
    "muisc": "music",
    "lihgts": "lights",
    "ligths": "lights",
    "lites": "lights",
    "lite": "light",
    "ligt": "light",
    "passanger": "passenger",
    "pasenger": "passenger",
    "passenger's": "passenger",
    "driver's": "driver",
    "drivers": "driver",
    "passengers": "passenger",
    "aircon": "ac",
    "colour": "color",
    "tyre": "tire",
    "tyres": "tires",
    "tire's": "tires",
    "batery": "battery",
    "battey": "battery",
    "batt": "battery",
    "steering-wheel": "steering wheel",
    "wheele": "wheel",
    "steerin": "steering",
    "defroster": "defrost",
    "defrosting": "defrost",
    "demister": "defrost",
    "windscreen": "windshield",
    "playlst": "playlist",
    "plalist": "playlist",
    "statoin": "station",
    "staion": "station",
    "nxt": "next",
    "prev": "previous",
    "previus": "previous",
    "tommorow": "tomorrow",
    "whats": "what's",
    "hows": "how's",
    "im": "i'm",
    "alram": "alarm",
    "alarn": "alarm",
    "thermostate": "thermostat",
    "thermastat": "thermostat",
    "profle": "profile",
    "proflie": "profile",
    "fahrenheight": "fahrenheit",
    "farenheit": "fahrenheit",
    "celcius": "celsius",
    "centigrade": "celsius",
    "warmar": "warmer",
    "coler": "cooler",
    "heatin": "heating",
    "heated": "heated",
    "recirc": "recirculation",
    "recirculate": "recirculation",
    "recirculating": "recirculation",
    "hte": "the",
    "teh": "the",
    "plz": "please",
    "pls": "please",
    "seet": "seat",
    "seat's": "seat",
    "airconditioning": "air conditioning",
    "air-conditioning": "air conditioning",
    "airco": "ac",
    "hvac": "ac",
    "lightning": "lighting",
    "thermometer": "thermostat",
    "navagate": "navigate",
    "naviagation": "navigation",
    "navigaton": "navigation",
    "gotta": "got to",
    "wanna": "want to",
    "gonna": "going to",
    "turnon": "turn on",
    "turnoff": "turn off",
    "tun": "turn",
    "trun": "turn",
    "tunr": "turn",
    "swtich": "switch",
    "swich": "switch",
    "plaese": "please",
    "pleas": "please",
    "wamer": "warmer",
    "warmr": "warmer",
    "cooller": "cooler",
    "garag": "garage",
    "alrm": "alarm",
    "unlok": "unlock",
    "unlcok": "unlock",
    "lokc": "lock",
    "kichen": "kitchen",
    "kitchin": "kitchen",
    "hallwy": "hallway",
    "bedrom": "bedroom",
    "livingroom": "living room",
    "stering": "steering",
    "steeringwheel": "steering wheel",
    "defog": "defrost",
    "windsheild": "windshield",
    "windshild": "windshield",
    "stearing": "steering",
    "heater's": "heater",
    "tempurature": "temperature",
    "temperatre": "temperature",
    "temprture": "temperature",
    "tmperature": "temperature",
    "degres": "degrees",
    "degree's": "degrees",
    "farenheight": "fahrenheit",
    "celsus": "celsius",
    "volumne": "volume",
    "spotfy": "spotify",
    "podcst": "podcast",
}
# Letters spelt out one by one ("a c", "a.c.") that make one of these words are read as that word.
SPELLED: Final = frozenset({"ac", "bbc", "fm", "am", "dab", "tv", "dvd", "usb", "gps", "ev", "cd"})

_FILLERS = re.compile(
    r"\b(?:would you mind|could you please|can you please|could you|can you|would you|will you"
    r"|i want you to|i need you to|i'd like you to|i would like you to|i'd like to|i would like to"
    r"|go ahead and|thank you|thanks|for me|right now|if you can|if you could|please|kindly|um+|uh+m?"
    r"|erm|hmm+|er|just|actually|maybe|quickly|okay|ok|so|hey|now)\b"
)
_DEGREE_SIGN = re.compile(r"\s*°\s*([cf]\b)?")
_NOT_WORD = re.compile(r"[^\w\s%.'\-]")
_NEGATIVE = re.compile(r"(?<![\w.])-(?=\d)")
_LOOSE_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")
_SPACES = re.compile(r"\s+")

_UNITS: Final[dict[str, int]] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS: Final[dict[str, int]] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def listed(items: Iterable[str], last: str = "or") -> str:
    """"a, b or c" (`last` joins the last two)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def normalise(text: str) -> str:
    """The utterance in the form the grammar rules expect; never raises."""
    text = text.lower().replace("’", "'").replace("a/c", "ac")
    text = _DEGREE_SIGN.sub(_degrees, text)
    text = _NEGATIVE.sub(" minus ", text)  # "-20" keeps its sign when "-" becomes a space
    text = _NOT_WORD.sub(" ", text).replace("%", " percent ").replace("-", " ")
    text = _LOOSE_DOT.sub(" ", text)
    words = _spelled([TYPOS.get(word, word) for word in text.split()])
    text = _FILLERS.sub(" ", " ".join(words))
    return _SPACES.sub(" ", _numbers(text.split())).strip()


def _spelled(words: list[str]) -> list[str]:
    """Runs of single letters that spell a word of SPELLED become that word: "a c" -> "ac"."""
    out: list[str] = []
    index = 0
    while index < len(words):
        end = index
        while end < len(words) and len(words[end]) == 1 and words[end].isalpha():
            end += 1
        joined = "".join(words[index:end])
        if end - index >= 2 and joined in SPELLED:
            out.append(joined)
            index = end
        else:
            out.append(words[index])
            index += 1
    return out


MIN_CORRECTED = 4  # shorter words are too easily another word ("fan" / "fun")
CUTOFF = 0.8


def corrected(text: str, vocabulary: frozenset[str]) -> str:
    """`text` (normalised) with each word the grammar does not know replaced by the closest word it
    does, when one is close enough ("temprture" -> "temperature"); the rest stays as it is."""
    return " ".join(_closest(word, vocabulary) for word in text.split())


@lru_cache(maxsize=4096)
def _closest(word: str, vocabulary: frozenset[str]) -> str:
    if word in vocabulary or len(word) < MIN_CORRECTED or not word.isalpha():
        return word
    found = difflib.get_close_matches(word, vocabulary, n=1, cutoff=CUTOFF)
    return found[0] if found else word


def vocabulary(phrases: Iterable[str]) -> frozenset[str]:
    """The words a grammar knows: those of its example phrases and of the typo table's answers."""
    words = {word for phrase in phrases for word in normalise(phrase).split()}
    words |= {word for answer in TYPOS.values() for word in answer.split()}
    return frozenset(word for word in words if word.isalpha())


def _degrees(match: re.Match[str]) -> str:
    unit = {"c": " celsius", "f": " fahrenheit"}.get(match.group(1) or "", "")
    return f" degrees{unit} "


def _numbers(words: list[str]) -> str:
    """Turn runs of number words into digits: 'twenty two point five' -> '22.5'."""
    out: list[str] = []
    index = 0
    while index < len(words):
        value, index_after = _read_number(words, index)
        if value is None:
            out.append(words[index])
            index += 1
            continue
        out.append(value)
        index = index_after
    return " ".join(out)


def _read_number(words: list[str], start: int) -> tuple[str | None, int]:
    total: int | None = None
    index = start
    while index < len(words):
        word = words[index]
        if word in _TENS and (total is None or total % 100 == 0):
            total = (total or 0) + _TENS[word]
        elif word in _UNITS and (total is None or (total % 10 == 0 and total % 100 != 0) or total % 100 == 0):
            if total is not None and total % 100 != 0 and _UNITS[word] >= 10:
                break
            total = (total or 0) + _UNITS[word]
        elif word == "hundred" and total is not None and 0 < total < 10:
            total *= 100
        elif word == "hundred" and total is None and index > start:
            break
        else:
            break
        index += 1
    if total is None:
        return None, start
    if index + 1 < len(words) and words[index] == "point" and words[index + 1] in _UNITS:
        return f"{total}.{_UNITS[words[index + 1]]}", index + 2
    return str(total), index
