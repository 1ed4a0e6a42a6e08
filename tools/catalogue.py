"""`make i18n`: extract every marked string, merge it into each language's catalogue, compile.

Marked strings are `tr("...")` where text is drawn, `N_("...")` where it is only named and
`Text("...")` where a part builds a message for the driver (cockpit.core.text). English fills
itself (the source is English); every other language keeps its translations, gets the new message
ids untranslated and loses the ones no longer in the source. `tests/test_catalogues.py` fails
while any message of a shipped language is untranslated, fuzzy or has other placeholders.

    .venv/bin/python tools/catalogue.py [--locale-dir DIR] [--add LANGUAGE]
"""

from __future__ import annotations

import argparse
import copy
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cockpit"
DOMAIN = "cockpit"
KEYWORDS = {"tr": None, "N_": None, "Text": None}
HEADER = dict(project="SmartCockpit Sim", version="0.1.0", copyright_holder="the SmartCockpit Sim authors",
              msgid_bugs_address="the SmartCockpit Sim authors",
              last_translator="the SmartCockpit Sim authors")


def extract(package: Path = PACKAGE) -> Catalog:
    """Every marked message in the package's Python files (no source locations: stable diffs)."""
    template = Catalog(**HEADER, fuzzy=False)
    for _, _, message, _, _ in extract_from_dir(package, keywords=KEYWORDS, comment_tags=()):
        template.add(message, flags=("python-brace-format",) if "{" in message else ())
    return template


def update(template: Catalog, locale_dir: Path, language: str) -> Catalog:
    """`language`'s catalogue with the template's messages: translations kept, English filled."""
    po_path = locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po_path.exists():
        with po_path.open("rb") as file:
            catalogue = read_po(file, locale=language)
    else:
        catalogue = Catalog(locale=language, **HEADER)
    catalogue.update(copy.deepcopy(template), no_fuzzy_matching=True)  # English fills its own copy
    catalogue.obsolete.clear()
    for message in catalogue:
        if message.id and language == "en":
            message.string = message.id
    catalogue.revision_date = datetime.now(UTC)
    po_path.parent.mkdir(parents=True, exist_ok=True)
    with po_path.open("wb") as file:
        write_po(file, catalogue, omit_header=False, no_location=True, sort_output=True, width=100)
    with po_path.with_suffix(".mo").open("wb") as file:
        write_mo(file, catalogue)
    return catalogue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale-dir", type=Path, default=PACKAGE / "locale")
    parser.add_argument("--add", metavar="LANGUAGE", help="start a catalogue for a new language, e.g. es")
    args = parser.parse_args(argv)
    template = extract()
    with (args.locale_dir / f"{DOMAIN}.pot").open("wb") as file:
        write_po(file, template, no_location=True, sort_output=True, width=100)
    languages = sorted(path.name for path in args.locale_dir.iterdir() if path.is_dir())
    if args.add and args.add not in languages:
        languages.append(args.add)
    for language in languages:
        catalogue = update(template, args.locale_dir, language)
        missing = [m.id for m in catalogue if m.id and (not m.string or m.fuzzy)]
        print(f"{language}: {len(catalogue) - 1} messages, {len(missing)} to translate", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
