"""Text for the driver in their language, from the gettext catalogues in cockpit/locale.

One catalogue serves every part that speaks to the driver: the dashboard (which follows
sig.LANGUAGE) and the profile engine's change summary (in the new driver's display.language).
The language is a BCP 47 tag such as "de-DE"; an unknown language falls back to the English text
in the source. Strings are marked with `tr(...)` where they are drawn and with
`N_(...)` where they are only named; `pybabel extract -k tr -k N_` finds both.
"""

from __future__ import annotations

import gettext
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
