"""German is the longest of our languages: on the whole journey (tests/ui/screens.py) at every size
from 1280x480 to 2560x1080, no wording of ours is cut short with "…" - not the key help, the
keypad, the welcome line, "What changed", a toast, a lamp or a panel.

(The rectangle checks - nothing leaves its card, nothing collides - are issue 11's layout audit
over the widgets' text rectangles; this checks the words.)
"""

from __future__ import annotations

import pytest

from cockpit.i18n import translator
from tests.test_catalogues import catalogue
from tests.ui.screens import every_screen

GERMAN = translator("de-DE")
# Wordings that end in "…" themselves ("Hört zu…"): not cut.
ELLIPSIS = {GERMAN(m.id) for m in catalogue.extract() if m.id and m.id.endswith("…")}
SIZES = [(1280, 480), (1600, 600), (1920, 720), (2560, 1080)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_german_fits_without_being_cut(tmp_path, size):
    seen, content = every_screen("de-DE", tmp_path, size)
    cut = sorted({text for text in seen if text.endswith("…") and text not in ELLIPSIS
                  and not text.startswith(tuple(content))})
    assert cut == []
