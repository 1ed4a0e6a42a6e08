"""The shipped catalogue: valid, on air by the clock, and bad files reported where they are wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.core.errors import CockpitError
from cockpit.media import catalogue
from cockpit.media.catalogue import initials
from cockpit.media.search import Found, NotFound, find

SHIPPED = catalogue.load()


def test_the_shipped_catalogue_has_stations_on_every_radio_band_and_a_library():
    assert {station.band for station in SHIPPED.stations} == {"FM", "DAB", "INTERNET"}
    assert all(s.frequency_mhz for s in SHIPPED.stations if s.band == "FM")
    assert {c.kind for c in SHIPPED.library} == {"playlist", "album"}
    assert [s.frequency_mhz for s in SHIPPED.on_band("FM")] == sorted(
        s.frequency_mhz or 0 for s in SHIPPED.on_band("FM")
    )


def test_what_is_on_air_follows_the_time_of_day():
    station = SHIPPED.station("station:radio-helsinki")
    assert station is not None
    first, into, programme = station.on_air(7 * 3600.0)
    assert programme == "Morning Ferry"
    later, _, _ = station.on_air(7 * 3600.0 + first.seconds - into + 1)
    assert later != first
    assert station.on_air(21 * 3600.0)[2] == "Kallio Nights"


@pytest.mark.parametrize(
    ("query", "reply"),
    [
        ("radio:bbc radio 4", "Playing BBC Radio 4"),
        ("radio:bbc radio four", "Playing BBC Radio 4"),
        ("radio:94.0 fm", "Playing Yle Radio Suomi"),
        ("radio:jazz", "Playing jazz: Jazz FM"),
        ("playlist:road trip", "Playing the playlist Road Trip"),
        ("search:jazz", "Playing jazz: Late Night Jazz"),
        ("search:aurora vale", "Playing Aurora Vale: Harbour Lights"),
        ("search:harbor lights", "Playing Harbour Lights by Aurora Vale"),
    ],
    ids=lambda value: value.replace(" ", "-"),
)
def test_queries_find_stations_music_artists_and_genres(query, reply):
    found = find(SHIPPED, query)
    assert isinstance(found, Found) and found.reply == reply


def test_an_unknown_station_gets_the_closest_names():
    missing = find(SHIPPED, "radio:radio fantasia")
    assert isinstance(missing, NotFound)
    assert missing.reply.startswith("I couldn't find Radio Fantasia — did you mean ")
    names = {s.name for s in SHIPPED.stations}
    assert set(missing.suggestions) <= names and len(missing.suggestions) == 2
    frequency = find(SHIPPED, "radio:101.1 fm")
    assert isinstance(frequency, NotFound)
    assert frequency.reply == (
        "I couldn't find 101.1 FM — did you mean Bayern 3 (97.3) or Radio Gong (96.3)?"
    )


def test_initials_for_covers():
    assert [initials(name) for name in ("BBC Radio 4", "Road Trip", "YleX", "Jazz FM")] == [
        "B4",
        "RT",
        "YL",
        "JF",
    ]


def test_a_broken_catalogue_names_the_file_line_and_field(tmp_path: Path):
    broken = tmp_path / "catalogue.yaml"
    text = catalogue.CATALOGUE_FILE.read_text(encoding="utf-8").replace(
        "frequency_mhz: 91.9", "frequency_mhz: 191.9"
    )
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(CockpitError) as caught:
        catalogue.load(broken)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "191.9" in row)
    assert str(caught.value).startswith(f"catalogue.yaml:{line}:")
    assert "frequency_mhz" in str(caught.value)
