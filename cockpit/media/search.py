"""Finding what a driver asked for in the catalogue: a station, a playlist, an album, an artist, a
song or a genre, and the closest names when nothing matches ("did you mean …?").

Queries come as sig.MEDIA_URI values: `radio:NAME` (a station by name, frequency or genre),
`playlist:NAME`, `album:NAME` or `search:WORDS` (anything). Names are compared without case, "the",
punctuation or a trailing "radio"/"station", and forgive small typos.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from cockpit.core.text import Text
from cockpit.media.catalogue import Catalogue, Collection, Station

T = TypeVar("T")
NEAR = 0.78  # difflib ratio above which a name counts as the one meant (a typo)
SUGGEST = 0.5
_NOISE = re.compile(r"\b(?:the|my|a|an|some|station|channel|please)\b|[^\w\s.]")
_FREQUENCY = re.compile(r"^(?P<mhz>\d{2,3}(?:\.\d)?) ?(?:fm|mhz)?$")


@dataclass(frozen=True, slots=True)
class Found:
    """What to play: a station, or a collection from track `index`; `reply` says it to the driver."""

    station: Station | None
    collection: Collection | None
    index: int | None  # None: the collection as a whole (a shuffled one starts anywhere)
    reply: str  # a Text (cockpit.core.text): said in the driver's language


@dataclass(frozen=True, slots=True)
class NotFound:
    """Nothing matched `query`; `suggestions` are the closest names in the catalogue."""

    query: str
    suggestions: tuple[str, ...]

    @property
    def reply(self) -> Text:
        name = spoken_name(self.query)
        if not self.suggestions:
            return Text("I couldn't find {name} in the stations or the library.", name=name)
        return Text("I couldn't find {name} — did you mean {names}?", name=name,
                    names=" or ".join(self.suggestions))


ACRONYMS = frozenset({"fm", "am", "dab", "bbc", "yle"})


def spoken_name(words: str) -> str:
    """Heard words as a name: "radio bob" -> "Radio Bob", "101.1 fm" -> "101.1 FM"."""
    return " ".join(w.upper() if w in ACRONYMS else w[:1].upper() + w[1:] for w in words.split())


def simplify(name: str) -> str:
    """A name as compared: lower case, no articles or punctuation, single spaces."""
    return " ".join(_NOISE.sub(" ", name.lower()).split())


def find(catalogue: Catalogue, query: str) -> Found | NotFound:
    """Resolve a `kind:words` query (see the module docstring) against the catalogue."""
    kind, _, words = query.partition(":")
    wanted = simplify(words)
    if not wanted:
        return NotFound(words.strip() or query, ())
    if kind == "radio":
        found = _station(catalogue, wanted) or _genre_station(catalogue, wanted)
    elif kind in ("playlist", "album"):
        found = _collection(catalogue, wanted, kind)
    else:
        found = (_collection(catalogue, wanted, None) or _station(catalogue, wanted)
                 or _artist(catalogue, wanted) or _song(catalogue, wanted) or _genre(catalogue, wanted))
    return found or NotFound(words.strip(), _suggestions(catalogue, wanted, kind))


def _station(catalogue: Catalogue, wanted: str) -> Found | None:
    frequency = _FREQUENCY.match(wanted)
    if frequency is not None:
        mhz = float(frequency["mhz"])
        station = next((s for s in catalogue.stations if s.frequency_mhz == mhz), None)
    else:
        station = _best(catalogue.stations, wanted, lambda s: s.name)
    return Found(station, None, 0, Text("Playing {what}", what=station.name)) if station else None


def _collection(catalogue: Catalogue, wanted: str, kind: str | None) -> Found | None:
    pool = [c for c in catalogue.library if kind is None or c.kind == kind]
    collection = _best(pool, wanted, lambda c: c.title)
    if collection is None:
        return None
    what = f"the playlist {collection.title}" if collection.kind == "playlist" else collection.title
    if collection.kind == "album" and collection.artist:
        what = f"{collection.title} by {collection.artist}"
    return Found(None, collection, None, Text("Playing {what}", what=what))


def _artist(catalogue: Catalogue, wanted: str) -> Found | None:
    albums = [c for c in catalogue.library if c.artist and _same(simplify(c.artist), wanted)]
    if albums:
        return Found(None, albums[0], None, Text("Playing {artist}: {title}", artist=albums[0].artist,
                                                      title=albums[0].title))
    for collection in catalogue.library:
        for index, track in enumerate(collection.tracks):
            if _same(simplify(track.artist), wanted):
                return Found(None, collection, index, Text("Playing {artist}: {title}", artist=track.artist,
                                                                  title=track.title))
    return None


def _song(catalogue: Catalogue, wanted: str) -> Found | None:
    for collection in catalogue.library:
        for index, track in enumerate(collection.tracks):
            if _same(simplify(track.title), wanted):
                return Found(None, collection, index, Text("Playing {title} by {artist}", title=track.title,
                                                                  artist=track.artist))
    return None


def _genre(catalogue: Catalogue, wanted: str) -> Found | None:
    genre = wanted.removesuffix(" music").strip()
    collection = next((c for c in catalogue.library if genre in c.genres), None)
    if collection is not None:
        said = Text("Playing {genre}: {title}", genre=genre, title=collection.title)
        return Found(None, collection, None, said)
    return _genre_station(catalogue, genre)


def _genre_station(catalogue: Catalogue, wanted: str) -> Found | None:
    genre = wanted.removesuffix(" music").strip()
    station = next((s for s in catalogue.stations if genre in s.genres), None)
    if station is None:
        return None
    return Found(station, None, 0, Text("Playing {genre}: {title}", genre=genre, title=station.name))


def _best(pool: Sequence[T], wanted: str, name: Callable[[T], str]) -> T | None:
    """The entry whose name is `wanted` (or nearly: a typo, a missing 'radio')."""
    scored = [(_score(simplify(name(item)), wanted), item) for item in pool]
    scored = [pair for pair in scored if pair[0] >= NEAR]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def _score(name: str, wanted: str) -> float:
    if name == wanted:
        return 2.0
    if name.removesuffix(" radio") == wanted or name.removeprefix("radio ") == wanted:
        return 1.5
    return difflib.SequenceMatcher(None, name, wanted).ratio()


def _same(name: str, wanted: str) -> bool:
    return _score(name, wanted) >= NEAR


def _suggestions(catalogue: Catalogue, wanted: str, kind: str) -> tuple[str, ...]:
    frequency = _FREQUENCY.match(wanted)
    if frequency is not None:  # "101.1 fm": the stations tuned nearest to it
        mhz = float(frequency["mhz"])
        tuned = sorted((s for s in catalogue.stations if s.frequency_mhz is not None),
                       key=lambda s: abs((s.frequency_mhz or 0.0) - mhz))
        return tuple(f"{s.name} ({s.frequency_mhz:.1f})" for s in tuned[:2])
    names = [s.name for s in catalogue.stations] if kind == "radio" else [
        *(s.name for s in catalogue.stations), *(c.title for c in catalogue.library)]
    by_simple = {simplify(name): name for name in names}
    close = difflib.get_close_matches(wanted, list(by_simple), n=2, cutoff=SUGGEST)
    if not close:  # "radio fantasia": a shared word is the best hint there is
        words = set(wanted.split()) - {"radio", "fm"} or set(wanted.split())
        close = [simple for simple in by_simple if words & set(simple.split())][:2]
    return tuple(by_simple[simple] for simple in close)
