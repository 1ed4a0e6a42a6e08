"""Text clean-up before matching: lower case, common typos, filler words, numbers in words.

Everything here is precompiled at import so one utterance costs a handful of regex passes.
"""

from __future__ import annotations

import re
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
}

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


def normalise(text: str) -> str:
    """The utterance in the form the grammar rules expect; never raises."""
    text = text.lower().replace("’", "'").replace("a/c", "ac")
    text = _DEGREE_SIGN.sub(_degrees, text)
    text = _NEGATIVE.sub(" minus ", text)  # "-20" keeps its sign when "-" becomes a space
    text = _NOT_WORD.sub(" ", text).replace("%", " percent ").replace("-", " ")
    text = _LOOSE_DOT.sub(" ", text)
    words = [TYPOS.get(word, word) for word in text.split()]
    text = _FILLERS.sub(" ", " ".join(words))
    return _SPACES.sub(" ", _numbers(text.split())).strip()


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
