"""Speech input (the `voice` extra): audio in, wake words, recognition, into the assistants' text path.

Nothing here is imported at start-up; `missing()` says whether the extra is installed without
importing it.
"""

from __future__ import annotations

import importlib.util
from typing import Final

from cockpit.core.errors import SpeechError

PACKAGES: Final = ("numpy", "pocketsphinx", "pymicro_wakeword", "soxr", "sounddevice")
INSTALL: Final = "pip install 'smartcockpit-sim[voice]'"


def missing() -> list[str]:
    """The voice extra's packages that are not installed (import names)."""
    return [name for name in PACKAGES if importlib.util.find_spec(name) is None]


def require() -> None:
    """Raises SpeechError naming what is missing when the voice extra is not installed."""
    absent = missing()
    if absent:
        raise SpeechError(f"speech input needs the voice extra ({INSTALL}); missing: {', '.join(absent)}")
