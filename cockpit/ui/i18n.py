"""Dashboard text in the driver's language, from gettext catalogues in cockpit/ui/locale.

The language follows sig.LANGUAGE, a BCP 47 tag such as "de-DE"; an unknown language falls back
to the English text in the source. Strings are marked with `tr(...)` where they are drawn and with
`N_(...)` where they are only named; `pybabel extract -k tr -k N_` finds both.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "cockpit"


def N_(message: str) -> str:
    """Mark `message` for translation without translating it here."""
    return message


def translator(language: str) -> Callable[[str], str]:
    """The gettext function for a BCP 47 tag ("de-DE", "de", "en-GB")."""
    tag = language.replace("-", "_")
    languages = [tag, tag.split("_")[0]]
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=languages, fallback=True).gettext
