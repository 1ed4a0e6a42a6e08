"""The one parser of MQTT command payloads: every device and the car read their commands through it.

Home Assistant sends exact ASCII words ("UNLOCK", "DISARM"), plain decimal numbers ("21.5") and
small JSON objects. What is accepted, exactly:

- a word: ASCII only, surrounding ASCII whitespace ignored, ASCII letters compared without case
  (`disarm` is DISARM; `dısarm` with a dotless ı, or a full-width `ＤＩＳＡＲＭ`, is refused -
  Unicode case folding must never turn one word into another);
- a number: an optional minus, ASCII digits, an optional fraction, at most 30 characters (as in
  JSON: cockpit.reading.MAX_DIGITS); finite and within the range the caller gives (no `nan`,
  `inf`, `1e308`, `1_0` or Arabic-Indic digits, which `float()` takes);
- JSON: an object of at most MAX_BYTES, nested at most cockpit.reading.MAX_DEPTH deep, with no
  NaN or Infinity.

Anything else raises InvalidValue with a short reason; the caller logs it with the topic and
`shown(payload)` and drops the message.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any, TypeVar

from cockpit.core.errors import InvalidValue, brief
from cockpit.reading import MAX_DIGITS, ReadError, parse_json

MAX_BYTES = 4096  # the largest command Home Assistant sends (a JSON light command) is ~200 bytes
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_WHITESPACE = string.whitespace  # ASCII only: str.strip() would also take Unicode spaces
T = TypeVar("T")


def text(payload: bytes) -> str:
    """An ASCII text payload without surrounding ASCII whitespace; raises InvalidValue."""
    if len(payload) > MAX_BYTES:
        raise InvalidValue(f"payload of {len(payload):,} bytes is longer than {MAX_BYTES:,}")
    try:
        return payload.decode("ascii").strip(_WHITESPACE)
    except UnicodeDecodeError:
        raise InvalidValue("payload is not ASCII text") from None


def choice(payload: bytes, words: Mapping[str, T]) -> T:
    """What `words` (upper-case ASCII keys) maps the payload's word to; raises InvalidValue."""
    word = text(payload).upper()  # upper() of ASCII text only changes a-z
    if word not in words:
        raise InvalidValue(f"expected {' or '.join(words)}")
    return words[word]


def number(payload: bytes, low: float = -1e6, high: float = 1e6) -> float:
    """A plain decimal number within [low, high]; raises InvalidValue."""
    value = text(payload)
    if _NUMBER.fullmatch(value) is None:
        raise InvalidValue("expected a plain decimal number such as 21.5")
    if len(value) > MAX_DIGITS:
        raise InvalidValue(f"a number of {len(value)} characters is too long; at most {MAX_DIGITS}")
    result = float(value)
    if not low <= result <= high:
        raise InvalidValue(f"{result:g} is outside {low:g}..{high:g}")
    return result


def json_object(payload: bytes) -> dict[str, Any]:
    """A JSON object payload; raises InvalidValue."""
    if len(payload) > MAX_BYTES:
        raise InvalidValue(f"payload of {len(payload):,} bytes is longer than {MAX_BYTES:,}")
    try:
        data = parse_json(payload)
    except ReadError as error:
        raise InvalidValue(f"payload is not valid JSON ({error.message})") from None
    if not isinstance(data, dict):
        raise InvalidValue("payload must be a JSON object")
    return data


def shown(payload: bytes) -> str:
    """The payload for a log line: at most ~200 characters, with its length when cut."""
    return brief(payload)
