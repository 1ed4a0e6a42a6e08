"""What the media player tells the rest of the cockpit: what plays now and what there is to play.

Plain values carried by MediaChanged and MediaLibraryChanged, so the read model, the recorder and
the assistants know the player's state without importing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

RADIO_SOURCES: Final = ("FM", "DAB", "INTERNET")
LIBRARY_SOURCE: Final = "USB"
SOURCES: Final = (*RADIO_SOURCES, LIBRARY_SOURCE)  # the order the source button steps through


@dataclass(frozen=True, slots=True)
class MediaEntry:
    """Something the driver can pick: a station, a playlist or an album.

    `uri` is what setting sig.MEDIA_URI plays; `colours` (two RRGGBB) and `initials` draw its cover.
    """

    uri: str
    title: str
    subtitle: str  # the frequency or band of a station, the artist of an album ("" for a playlist)
    source: str  # FM, DAB, INTERNET or USB
    kind: str  # station, playlist or album
    colours: tuple[str, str] = ("3A7BFF", "1B2B4A")
    initials: str = ""
    tracks: int = 0  # in a playlist or album


@dataclass(frozen=True, slots=True)
class NowPlaying:
    """What the player plays (or holds, paused) at simulated `since`, when it last changed.

    `position_s` is where the track was at `since`; while `playing` it advances with the clock.
    A live station has `duration_s` 0. `entry` is the station or collection it comes from.
    """

    source: str
    entry: MediaEntry | None
    title: str = ""
    artist: str = ""
    album: str = ""
    programme: str = ""
    playing: bool = False
    position_s: float = 0.0
    duration_s: float = 0.0
    since: float = 0.0
    shuffle: bool = False
    repeat: str = "OFF"
    track_number: int = 0  # 1-based within the collection; 0 on the radio
    track_count: int = 0

    @property
    def live(self) -> bool:
        return self.duration_s <= 0

    def position_at(self, now: float) -> float:
        """Seconds into the track at simulated time `now`."""
        if not self.playing:
            return self.position_s
        return min(self.duration_s, self.position_s + now - self.since) if not self.live else 0.0


@dataclass(frozen=True, slots=True)
class MediaLibrary:
    """Everything the driver can pick, by source, with the active driver's favourite stations first."""

    stations: tuple[MediaEntry, ...] = ()
    collections: tuple[MediaEntry, ...] = ()
    favourites: tuple[str, ...] = ()  # uris of the driver's favourite stations, in their order

    def for_source(self, source: str) -> tuple[MediaEntry, ...]:
        """What to list for `source`: its favourites first, then the rest."""
        if source == LIBRARY_SOURCE:
            return self.collections
        mine = list(self.favourites)
        on_source = [entry for entry in self.stations if entry.source == source]
        favoured = sorted((e for e in on_source if e.uri in mine), key=lambda e: mine.index(e.uri))
        return (*favoured, *(e for e in on_source if e.uri not in mine))

    def entry(self, uri: str) -> MediaEntry | None:
        """The station or collection that `uri` (or a track uri inside it) belongs to."""
        base = uri.split("/", 1)[0]
        return next((e for e in (*self.stations, *self.collections) if e.uri == base), None)
