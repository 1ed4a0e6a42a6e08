"""The shipped media catalogue (catalogue.yaml): radio stations per band and a library of playlists
and albums, checked by a strict schema when the player starts.

A station's `songs` loop on the simulated clock from midnight, so what is on air follows the time of
day; `programmes` name the show by the hour. Every entry gets a uri that sig.MEDIA_URI plays:
`station:ID`, and `playlist:ID/N` or `album:ID/N` for the Nth track of a collection.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cockpit.core.errors import CockpitError
from cockpit.core.media import MediaEntry
from cockpit.yaml_source import read_document, validation_problems

CATALOGUE_FILE = Path(__file__).resolve().parent / "catalogue.yaml"
DAY_S = 24 * 3600
HEX = r"^[0-9A-Fa-f]{6}$"
ID = r"^[a-z0-9][a-z0-9-]{0,39}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)  # our own file: YAML lists become tuples


class Song(_Strict):
    """A track of a collection, or a song (or a talk segment) on a station."""

    title: str = Field(min_length=1, max_length=80)
    artist: str = Field(min_length=1, max_length=60)
    seconds: int = Field(ge=30, le=3600)


class Programme(_Strict):
    start: str = Field(alias="from", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    title: str = Field(min_length=1, max_length=60)

    @property
    def start_s(self) -> int:
        hours, minutes = self.start.split(":")
        return int(hours) * 3600 + int(minutes) * 60


class Station(_Strict):
    id: str = Field(pattern=ID)
    name: str = Field(min_length=1, max_length=40)
    band: Literal["FM", "DAB", "INTERNET"]
    frequency_mhz: float | None = Field(None, ge=87.5, le=108.0)
    genres: tuple[str, ...] = ()
    colours: tuple[str, str]
    programmes: tuple[Programme, ...] = Field(min_length=1)
    songs: tuple[Song, ...] = Field(min_length=1)

    @property
    def uri(self) -> str:
        return f"station:{self.id}"

    @cached_property
    def _song_starts(self) -> tuple[int, ...]:
        return tuple(itertools.accumulate((song.seconds for song in self.songs), initial=0))

    def on_air(self, time_of_day_s: float) -> tuple[Song, float, str]:
        """The song on air at `time_of_day_s`, how far into it, and the programme's title."""
        starts = self._song_starts
        into_loop = time_of_day_s % starts[-1]
        index = bisect.bisect_right(starts, into_loop) - 1
        programme = self.programmes[0]
        for candidate in self.programmes:
            if candidate.start_s <= time_of_day_s % DAY_S:
                programme = candidate
        return self.songs[index], into_loop - starts[index], programme.title

    def entry(self) -> MediaEntry:
        subtitle = f"FM {self.frequency_mhz:.1f}" if self.frequency_mhz is not None else self.band
        return MediaEntry(self.uri, self.name, subtitle, self.band, "station", self.colours,
                          initials(self.name))


class Collection(_Strict):
    id: str = Field(pattern=ID)
    kind: Literal["playlist", "album"]
    title: str = Field(min_length=1, max_length=60)
    artist: str | None = Field(None, max_length=60)
    genres: tuple[str, ...] = ()
    colours: tuple[str, str]
    tracks: tuple[Song, ...] = Field(min_length=1)

    @property
    def uri(self) -> str:
        return f"{self.kind}:{self.id}"

    def entry(self) -> MediaEntry:
        return MediaEntry(self.uri, self.title, self.artist or "", "USB", self.kind, self.colours,
                          initials(self.title), len(self.tracks))


class CatalogueFile(_Strict):
    stations: tuple[Station, ...] = Field(min_length=1)
    library: tuple[Collection, ...] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The stations and the library, looked up by uri."""

    stations: tuple[Station, ...]
    library: tuple[Collection, ...]

    def station(self, uri: str) -> Station | None:
        return next((s for s in self.stations if s.uri == uri), None)

    def collection(self, uri: str) -> Collection | None:
        return next((c for c in self.library if c.uri == uri), None)

    def on_band(self, band: str) -> tuple[Station, ...]:
        """A band's stations in tuning order: by frequency on FM, by name elsewhere."""
        on = [s for s in self.stations if s.band == band]
        return tuple(sorted(on, key=lambda s: (s.frequency_mhz or 0.0, s.name.lower())))


def initials(name: str) -> str:
    """Up to two capital letters or digits for a cover: "BBC Radio 4" -> "B4", "Road Trip" -> "RT"."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    picked = [words[0][0], words[-1][0]] if len(words) > 1 else [c for c in words[0][:2]] if words else []
    return "".join(picked).upper()


def load(path: Path = CATALOGUE_FILE) -> Catalogue:
    """Read and check the catalogue; raises CockpitError with `file:line:col` for each problem."""
    document, problems = read_document(path, path.name, kind="media catalogue",
                                       expected="stations and library")
    if document is not None:
        try:
            parsed = CatalogueFile.model_validate(document.data)
        except ValidationError as error:
            problems = validation_problems(document, error, CatalogueFile)
        else:
            ids = [s.id for s in parsed.stations] + [c.id for c in parsed.library]
            twice = sorted({i for i in ids if ids.count(i) > 1})
            if not twice:
                return Catalogue(parsed.stations, parsed.library)
            problems = [document.problem(("stations",), f"id {twice[0]!r} is used twice")]
    raise CockpitError("\n".join(str(problem) for problem in problems))
