"""The translation catalogues: complete for every shipped language, in step with the source, and
made by `make i18n` (tools/catalogue.py); and no string for the driver bypasses them.

Two checks catch a string that bypasses gettext: an AST scan of every place the cockpit hands a
person a sentence (an outcome's reason, a notice, a toast, a refusal) for a bare literal, and a
pseudo-language run that draws every screen with a catalogue whose translations are wrapped in
⟦ ⟧: anything with words on screen that is not wrapped never met the catalogue.
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import cockpit
from cockpit import i18n
from cockpit.i18n import DOMAIN, LOCALE_DIR

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import catalogue  # noqa: E402  (tools/catalogue.py: what `make i18n` runs)

LANGUAGES = sorted(path.name for path in LOCALE_DIR.iterdir() if path.is_dir())
TRANSLATED = [language for language in LANGUAGES if language != "en"]


def _po(language: str, locale_dir: Path = LOCALE_DIR) -> Catalog:
    with open(locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as file:
        return read_po(file, locale=language)


# The same reply in either case (cockpit.assistants.style): a language picks the one its grammar needs
# ("Sure, {lower}" is "Klar. {reply}" in German, where nouns keep their capital).
SAME_FIELD = {"lower": "reply"}


def _fields(text: str) -> set[str]:
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return {SAME_FIELD.get(name, name) for name in names}


def test_english_german_and_french_are_shipped():
    assert {"de", "en", "fr"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_has_a_translation_with_no_other_fields(language):
    messages = [message for message in _po(language) if message.id]
    assert messages
    problems = []
    for message in messages:
        if not message.string or message.fuzzy:
            problems.append(f"{message.id!r} is not translated")
        elif not _fields(message.string) <= _fields(message.id):  # one left out may read better
            problems.append(f"{message.id!r} -> {message.string!r}: other fields")
    assert problems == [], f"{language}: " + "; ".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_po_file(language):
    compiled = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
    stale = [m.id for m in _po(language) if m.id and compiled.gettext(m.id) != m.string]
    assert stale == [], f"{language}: stale .mo, run `make i18n`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_in_the_source_is_in_the_catalogue(language):
    marked = {message.id for message in catalogue.extract() if message.id}
    assert {message.id for message in _po(language) if message.id} == marked, "run `make i18n`"


def test_make_i18n_extracts_merges_and_compiles(tmp_path):
    """On a copy of the catalogues: a new language starts empty, the others keep their
    translations, and every .mo is written."""
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale)
    assert "tools/catalogue.py" in subprocess.run(["make", "-n", "i18n"], cwd=ROOT, capture_output=True,
                                                  text=True, check=True).stdout
    assert catalogue.main(["--locale-dir", str(locale), "--add", "es"]) == 0
    spanish = _po("es", locale)
    assert len(spanish) == len(_po("de")) and not any(m.string for m in spanish if m.id)
    assert (locale / "es" / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
    german = gettext.translation(DOMAIN, locale, languages=["de"])
    assert german.gettext("Welcome back, {name}") == "Willkommen zurück, {name}"
    assert (locale / f"{DOMAIN}.pot").read_text(encoding="utf-8").count("msgid ") == len(spanish) + 1


# --- no sentence for the driver bypasses the catalogue ----------------------------------------------

# Where a sentence for a person is handed over, and which argument it is.
SENTENCE_ARGUMENTS = {"Outcome": 2, "Verdict": 1, "refuse": 1, "toast": 0}
SENTENCE_KEYWORDS = {"NoticeRaised": "text", "Outcome": "reason", "Verdict": "reason"}


def _called(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def bare_sentences(source: str) -> list[str]:
    """Each literal (or f-string) with words handed to a person without Text, N_ or tr."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _called(node)
        given = []
        if name in SENTENCE_ARGUMENTS and len(node.args) > SENTENCE_ARGUMENTS[name]:
            given.append(node.args[SENTENCE_ARGUMENTS[name]])
        given += [kw.value for kw in node.keywords if kw.arg == SENTENCE_KEYWORDS.get(name)]
        for value in given:
            literal = isinstance(value, ast.JoinedStr) or (
                isinstance(value, ast.Constant) and isinstance(value.value, str)
                and re.search(r"[A-Za-z]{2}", value.value))
            if literal:
                found.append(f"{node.lineno}: {name}({ast.unparse(value)[:60]})")
    return found


SOURCES = sorted(Path(cockpit.__file__).resolve().parent.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_reasons_notices_and_toasts_go_through_the_catalogue(path):
    assert bare_sentences(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("source", "expected"), [
    ('Outcome(Status.REJECTED, command, "no such thing")', ['1: Outcome(\'no such thing\')']),
    ('NoticeRaised(time=0, text=f"online {url}")', ["1: NoticeRaised(f'online {url}')"]),
    ('self.model.toast("Still starting up")', ["1: toast('Still starting up')"]),
    ('Outcome(Status.REJECTED, command, Text("no such thing"))', []),
    ('Outcome(Status.APPLIED, command, "")', []),
])
def test_the_scan_finds_bare_sentences(source, expected):
    assert bare_sentences(source) == expected


# The pseudo language: every translation wrapped, so what is not wrapped bypassed the catalogue.
PSEUDO = "qps"
DRIVER_SAID = ("watch a dvd", "set the temperature to 30")  # the driver's own words, shown as said
WRAPPED = re.compile(r"⟦[^⟦⟧]*(?:⟧|…)")  # a translation, or one cut short on screen
CONTENT = re.compile(  # what is not our wording: names, numbers, units, symbols, gear letters
    r"\b(?:Alice|Bernd|Tom|Valet|Guest|Alexa|Android|Zuhause|Werkstatt|Tennisclub|Home|Office|"
    r"BBC Radio 4|Bayern 3|Radio Gong|FM|DAB|AM|USB|DVD|TV|BLUETOOTH|INTERNET|km/h|mph|km|mi|kWh|kW|mm|"
    r"bar|psi|"
    r"Esc|Tab|Ctrl\+Q|F1|PgUp|PgDn|OpenStreetMap|contributors|ODbL|[A-Z])\b|°[CF]"
    r"|[\d.,:%°/+−\-–·←→↑↓▶◀●⌫✕…“”„\"'()\s]")


@pytest.fixture
def pseudo_language(tmp_path, monkeypatch):
    """A catalogue in which every message reads ⟦message⟧, the cockpit reading it from tmp_path."""
    template = catalogue.extract()
    pseudo = Catalog(locale="de")
    for message in template:
        if message.id:
            pseudo.add(message.id, f"⟦{message.id}⟧")
    folder = tmp_path / "locale" / PSEUDO / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / f"{DOMAIN}.mo", "wb") as file:
        write_mo(file, pseudo)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    i18n.translator.cache_clear()
    yield PSEUDO
    i18n.translator.cache_clear()


def unwrapped(texts: list[str], content: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """The words left once translations (nested ones and those wrapped over lines too), the
    driver's own words and content (station and album names) are taken out."""
    joined = " ".join(text for text in texts if text not in DRIVER_SAID)
    for name in sorted(content, key=len, reverse=True):
        joined = joined.replace(name, " ")
    while WRAPPED.search(joined):
        joined = WRAPPED.sub(" ", joined)
    return sorted(set(re.findall(r"[^\W\d_]{2,}", CONTENT.sub(" ", joined))))


def test_every_string_on_screen_comes_from_the_catalogue(pseudo_language, tmp_path):
    from tests.ui.screens import every_screen

    seen, content = every_screen(pseudo_language, tmp_path)
    assert len(seen) > 200
    assert unwrapped(seen, content) == []


def test_the_pseudo_language_check_finds_a_bare_string():
    assert unwrapped(["⟦Range⟧", "341 km", "Bernd", "Range", "⟦Sorry ⟦video is", "off⟧.⟧", "⟦Assis…"]) == [
        "Range"]
