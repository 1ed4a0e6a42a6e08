"""A click step reads as what was clicked ("Tab: Home", "Media: Play"), in the report's language,
named by the dashboard's own action under the pointer; a click on nothing says so; a keypad key
never gives the PIN away."""

from __future__ import annotations

import re

import pytest

from cockpit.ui.actions import PinKey
from tests.scenario.conftest import cockpit

CLICKS = """
    name: Clicks in words
    start: {fob: fob-1}
    steps:
      - click: [815, 80]      # the Media tab
      - click: [1100, 356]    # play
      - click: [1174, 356]    # next
      - click: [1072, 409]    # the Library chip
      - after: 0.5
        click: [1313, 553]    # the sixth album
      - click: [971, 80]      # the Home tab
      - click: [960, 715]     # below the climate bar: nothing
      - click: [1800, 650]    # the passenger's temperature, right third
"""


def _steps(stdout: str) -> list[str]:
    """The summary's step lines, without their number and time."""
    return [match.group(1) for match in re.finditer(r"^\s+#\d+\s+t=\s*[\d.]+ s\s+(.*)$", stdout, re.M)]


@pytest.mark.parametrize(("language", "expected"), [
    ("en-GB", ["Tab: Media", "Media: Play", "Media: Next", "Media: Show Library", "Media: Play Blue Tram",
               "Tab: Home", "Click at 960, 715: nothing there to press", "Climate: Passenger warmer"]),
    ("de-DE", ["Reiter: Medien", "Medien: Wiedergabe", "Medien: Weiter", "Medien: Bibliothek zeigen",
               "Medien: Blue Tram abspielen", "Reiter: Zuhause",
               "Klick auf 960, 715: dort ist nichts zu drücken", "Klima: Beifahrer wärmer"]),
])
def test_a_click_reads_as_what_it_pressed(write_scenario, language, expected):
    result = cockpit("scenario", "run", str(write_scenario(CLICKS)), "--language", language)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _steps(result.stdout) == expected


def test_a_keypad_key_never_names_its_digit():
    for digit in "0123456789":
        assert digit not in PinKey(digit).words(None)  # type: ignore[arg-type]  # the view is not read
    assert PinKey("enter").words(None) == "Keypad: Enter"  # type: ignore[arg-type]
