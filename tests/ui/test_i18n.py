"""The committed catalogues: every .mo matches its .po, and German shows up on screen."""

from __future__ import annotations

import gettext

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from cockpit.core import signals as sig
from cockpit.i18n import DOMAIN, LOCALE_DIR, translator

LANGUAGES = sorted(path.name for path in LOCALE_DIR.iterdir() if path.is_dir())


def test_english_and_german_are_shipped():
    assert {"de", "en"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_po_file(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as po_file:
        catalogue = read_po(po_file, locale=language)
    compiled = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
    messages = [message for message in catalogue if message.id]
    assert messages
    for message in messages:
        assert message.string, f"{language}: {message.id!r} is not translated"
        assert compiled.gettext(message.id) == message.string, f"{language}: stale .mo for {message.id!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_in_the_source_is_in_the_catalogue(language):
    marked = {message for _, _, message, _, _ in
              extract_from_dir(LOCALE_DIR.parent, keywords={"tr": None, "N_": None}, comment_tags=())}
    with open(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as po_file:
        assert {message.id for message in read_po(po_file) if message.id} == marked


@pytest.mark.parametrize("tag,expected", [("de-DE", "Reichweite"), ("de", "Reichweite"), ("en-GB", "Range"),
                                          ("fr-FR", "Range")])
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
