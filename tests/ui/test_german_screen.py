"""German shows up on screen, and BCP 47 tags pick their catalogue (tests/test_catalogues.py checks
the catalogues themselves)."""

from __future__ import annotations

import pytest

from cockpit.core import signals as sig
from cockpit.i18n import translator


@pytest.mark.parametrize("tag,expected", [("de-DE", "Reichweite"), ("de", "Reichweite"), ("en-GB", "Range"),
                                          ("fr-FR", "Autonomie"), ("es-ES", "Range")])
def test_bcp47_tags_pick_the_catalogue(tag, expected):
    assert translator(tag)("Range") == expected


def test_switching_the_language_signal_shows_german(dashboard, cockpit):
    cockpit.update(sig.LANGUAGE, "de-DE")
    dashboard.frame()
    text = dashboard.visible_text()
    assert {"Reichweite", "Batterie", "Fahrer", "Beifahrer", "Medien"} <= set(text)
    dashboard.handle_key("f1")
    dashboard.frame()
    assert "Fahrstufe wählen" in dashboard.visible_text()
