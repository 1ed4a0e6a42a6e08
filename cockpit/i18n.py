"""Text for the driver in their language, from the gettext catalogues in cockpit/locale.

One catalogue serves every part that speaks to the driver: the dashboard (which follows
sig.LANGUAGE) and the profile engine's change summary (in the new driver's display.language).
The language is a BCP 47 tag such as "de-DE"; an unknown language falls back to the English text
in the source. Strings are marked with `tr(...)` where they are drawn and with
`N_(...)` where they are only named; `pybabel extract -k tr -k N_` finds both.
"""

from __future__ import annotations

import gettext
import struct
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "cockpit"


def N_(message: str) -> str:
    """Mark `message` for translation without translating it here."""
    return message


@lru_cache(maxsize=32)
def translator(language: str) -> Callable[[str], str]:
    """The gettext function for a BCP 47 tag ("de-DE", "de", "en-GB"); looked up once per tag,
    since a profile switch asks for it every time."""
    tag = language.replace("-", "_")
    languages = [tag, tag.split("_")[0]]
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=languages, fallback=True).gettext


@lru_cache(maxsize=1)
def message_ids() -> frozenset[str]:
    """Every message id of the catalogue: the English text each message is known by in the source
    (the English catalogue holds them all). Scenario `message:` expectations name these."""
    data = (LOCALE_DIR / "en" / "LC_MESSAGES" / f"{DOMAIN}.mo").read_bytes()
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"  # the .mo magic number in its byte order
    count, originals = struct.unpack(f"{order}8xII", data[:16])
    ids = set()
    for index in range(count):
        length, offset = struct.unpack(f"{order}II", data[originals + 8 * index: originals + 8 * index + 8])
        ids.add(data[offset:offset + length].decode("utf-8").split("\x00")[0])
    ids.discard("")
    return frozenset(ids)
