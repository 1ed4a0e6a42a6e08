"""The media player: radio and a library, played on the simulated clock, driven by the VSS signals.

It owns the media actuators (Cockpit.add_actuator), so every producer — keys and clicks, a voice
assistant, a KUKSA client, a scenario, a profile — plays, skips and seeks the same way, through the
policy first:

    Media.Action          PLAY, PAUSE, STOP, SKIP_FORWARD / SKIP_BACKWARD (next and previous track
                          or station), FAST_FORWARD / FAST_BACKWARD (ten seconds on)
    Media.Played.Source   FM, DAB, INTERNET (radio) or USB (the library); other sources hold no content
    Media.Played.URI      a catalogue uri plays it; `radio:`, `playlist:`, `album:` and `search:`
                          queries are looked up, an unknown name is refused with the closest names
    Media.Played.Position seeks within a track
    Media.IsShuffleOn, Media.RepeatMode

and writes what plays: Track, Artist, Album, URI, Duration, the Action actually in effect (a skip
leaves PLAY, never SKIP_FORWARD) and the position in whole seconds. Each outcome carries a reply
for the driver ("Playing BBC Radio 4.", "Next: Blue Tram by The Kallio Quartet."). What plays goes
out as MediaChanged when it changes — a new track, the next song on air, play or pause, a seek —
and the catalogue with the driver's favourite stations as MediaLibraryChanged.

A change the active profile makes (its default source, the station it learned last) keeps the
playing state: a car that was silent stays silent until the driver presses play.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import replace

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import SetSignal, Source
from cockpit.core.events import MediaChanged, MediaLibraryChanged
from cockpit.core.media import LIBRARY_SOURCE, RADIO_SOURCES, SOURCES, MediaLibrary, NowPlaying
from cockpit.core.outcome import Outcome, Status
from cockpit.core.signals import Value
from cockpit.core.text import Text
from cockpit.media.catalogue import Catalogue, Collection, Song, Station
from cockpit.media.search import Found, NotFound, find

logger = logging.getLogger(__name__)

RESTART_AFTER_S = 3.0  # "previous" this far into a track starts it again instead
WIND_S = 10.0  # FAST_FORWARD / FAST_BACKWARD
QUERY_KINDS = ("radio", "playlist", "album", "search")


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


class MediaPlayer:
    """Plays one station or one collection at a time; remembers the last one of every source."""

    def __init__(self, cockpit: Cockpit, catalogue: Catalogue) -> None:
        self._cockpit = cockpit
        self.catalogue = catalogue
        self.source = str(cockpit.value(sig.MEDIA_SOURCE))
        self.station: Station | None = None
        self.collection: Collection | None = None
        self.order: list[int] = []  # track indices in playing order (shuffled or not)
        self.cursor = 0  # where in `order` the current track is
        self.playing = False
        self.shuffle = bool(cockpit.value(sig.MEDIA_SHUFFLE))
        self.repeat = str(cockpit.value(sig.MEDIA_REPEAT))
        self.favourites: tuple[str, ...] = ()
        self._position = 0.0  # seconds into the track at `_since`
        self._since = cockpit.now
        self._remembered: dict[str, str] = {}  # source -> uri of the station or collection last chosen
        self._shuffles = 0
        self._shown: NowPlaying | None = None
        self._on_air: tuple[Song, str] | None = None
        self._stopped = True  # not playing because stopped (not paused): the Action says STOP

    def install(self) -> None:
        """Own the media actuators, follow the clock, announce the catalogue and what plays."""
        handlers: tuple[tuple[str, Callable[[SetSignal, Value], Outcome]], ...] = (
            (sig.MEDIA_ACTION, self._on_action),
            (sig.MEDIA_SOURCE, self._on_source),
            (sig.MEDIA_URI, self._on_uri),
            (sig.MEDIA_POSITION, self._on_seek),
            (sig.MEDIA_SHUFFLE, self._on_shuffle),
            (sig.MEDIA_REPEAT, self._on_repeat),
        )
        for path, handler in handlers:
            self._cockpit.add_actuator(path, handler)
        self._cockpit.add_system(self.step)
        self._publish_library()
        if self.source in SOURCES:
            self._choose(self._default_for(self.source))
        self._announce()

    # --- what other parts call ---------------------------------------------------------------------
    def use_driver(
        self, favourites: Sequence[tuple[str, float | None]], default_source: str, learned: bool
    ) -> None:
        """A new driver: their favourite stations as (name, FM frequency or None), best first (names
        the catalogue lacks are left out and logged). Without a station `learned` for them, their
        default source's first favourite is chosen, playing or not as before."""
        uris: list[str] = []
        for name, frequency in favourites:
            station = self._station_named(name, frequency)
            if station is None:
                logger.info("favourite station %r is not in the catalogue", name)
            elif station.uri not in uris:
                uris.append(station.uri)
        if tuple(uris) != self.favourites:
            self.favourites = tuple(uris)
            self._publish_library()
        if not learned and default_source in SOURCES:
            self._remembered.clear()  # what the last driver chose on each source was theirs
            self._choose(self._default_for(default_source))
            self._announce()

    @property
    def position(self) -> float:
        """Seconds into the current track now (0 on the radio)."""
        if self.collection is None:
            return 0.0
        if not self.playing:
            return self._position
        return self._position + self._cockpit.now - self._since

    @property
    def track(self) -> Song | None:
        return self.collection.tracks[self.order[self.cursor]] if self.collection is not None else None

    def step(self, dt: float) -> None:
        """Advance with the clock: the next track at the end of one, the next song on air."""
        if self.collection is not None and self.playing:
            track = self.track
            assert track is not None
            changed = False
            while self.playing and self.position >= track.seconds:
                overflow = self.position - track.seconds
                self._finished_track()
                self._set_position(overflow if self.playing else 0.0)
                track = self.track
                assert track is not None
                changed = True
            if changed:
                self._announce()
            else:
                self._write(sig.MEDIA_POSITION, int(self.position))
        elif self.station is not None:
            song, _, programme = self.station.on_air(self._cockpit.clock.time_of_day())
            if (song, programme) != self._on_air:
                self._announce()

    # --- the actuators -----------------------------------------------------------------------------
    def _on_action(self, command: SetSignal, value: Value) -> Outcome:
        action = str(value)
        if action == "UNKNOWN":
            return self._refuse(command, Text("UNKNOWN is not something the player can do"))
        if self.station is None and self.collection is None:
            if self.source not in SOURCES:
                return self._refuse(command, Text("there is nothing to play on {source}",
                                                  source=self.source))
            self._choose(self._default_for(self.source))
        if action == "PLAY":
            self._play(True)
            return self._done(command, Text("Playing {what}.", what=self._what()))
        if action in ("PAUSE", "STOP"):
            self._play(False, stopped=action == "STOP")
            return self._done(command, Text("Stopped.") if action == "STOP" else Text("Paused."))
        if action in ("FAST_FORWARD", "FAST_BACKWARD"):
            if self.collection is None:
                return self._refuse(command, Text("live radio cannot be wound on"))
            self._set_position(self.position + (WIND_S if action == "FAST_FORWARD" else -WIND_S))
            self._play(True)
            return self._done(command, Text("At {time}.", time=_clock(self.position)))
        forward = action == "SKIP_FORWARD"
        said = self._skip(forward)
        self._play(True)
        return self._done(command, Text("{said}: {what}.", said=said, what=self._what()))

    def _on_source(self, command: SetSignal, value: Value) -> Outcome:
        source = str(value)
        keep_state = command.source is Source.PROFILE
        if source not in SOURCES:  # TV, Bluetooth, AUX ...: the simulator has nothing to play there
            self.source, self.station, self.collection = source, None, None
            self.playing = False
            self._announce()
            shown = source.replace("_", " ").title()
            return self._done(command, Text("Switched to {source}.", source=shown))
        if source != self.source or (self.station is None and self.collection is None):
            self.source = source
            self._choose(self._default_for(source))
        if not keep_state:
            self._play(True)
        self._announce()
        return self._done(command, Text("Playing {what}.", what=self._what()))

    def _on_uri(self, command: SetSignal, value: Value) -> Outcome:
        uri = str(value).strip()
        if not uri:  # a profile with nothing learned: keep what is chosen
            return Outcome(Status.APPLIED, command, "", self._uri())
        found = self._resolve(uri)
        if not isinstance(found, Found):
            return Outcome(Status.REJECTED, command, found.reply, reply=found.reply)
        self.source = found.station.band if found.station is not None else LIBRARY_SOURCE
        self._choose((found.station or found.collection), found.index)  # type: ignore[arg-type]
        if command.source is not Source.PROFILE:
            self._play(True)
        self._announce()
        return self._done(command, Text("{reply}.", reply=found.reply))

    def _on_seek(self, command: SetSignal, value: Value) -> Outcome:
        if self.collection is None:
            return self._refuse(command, Text("live radio cannot be wound on"))
        self._set_position(float(value))  # type: ignore[arg-type]
        self._announce()
        return self._done(command, Text("At {time}.", time=_clock(self.position)))

    def _on_shuffle(self, command: SetSignal, value: Value) -> Outcome:
        self.shuffle = bool(value)
        if self.collection is not None:
            self._reorder()
        self._announce()
        return self._done(command, Text("Shuffle on.") if self.shuffle else Text("Shuffle off."))

    def _on_repeat(self, command: SetSignal, value: Value) -> Outcome:
        self.repeat = str(value)
        self._announce()
        said = {"OFF": Text("Repeat off."), "ALL": Text("Repeating everything."),
                "ONE": Text("Repeating this track.")}
        return self._done(command, said[self.repeat])

    # --- choosing and moving -------------------------------------------------------------------------
    def _resolve(self, uri: str) -> Found | NotFound:
        """A catalogue uri (station:ID, playlist:ID/N) or a query; NotFound when nothing matches."""
        base, _, number = uri.partition("/")
        station = self.catalogue.station(base)
        if station is not None:
            return Found(station, None, 0, Text("Playing {what}", what=station.name))
        collection = self.catalogue.collection(base)
        if collection is not None:
            track = number.isascii() and number.isdigit()  # ASCII: '²'.isdigit() is true, int('²') raises
            index = int(number) - 1 if track and 0 < int(number) <= len(collection.tracks) else None
            return Found(None, collection, index, Text("Playing {what}", what=collection.title))
        kind = uri.partition(":")[0]
        return find(self.catalogue, uri if kind in QUERY_KINDS else f"search:{uri}")

    def _default_for(self, source: str) -> Station | Collection:
        """What a source plays when chosen: the last thing played there, a favourite, the first."""
        remembered = self._remembered.get(source)
        chosen = (
            self.catalogue.station(remembered) or self.catalogue.collection(remembered)
            if remembered
            else None
        )
        if chosen is not None:
            return chosen
        if source == LIBRARY_SOURCE:
            return self.catalogue.library[0]
        band = self.catalogue.on_band(source)
        return next((s for uri in self.favourites for s in band if s.uri == uri), band[0])

    def _choose(self, item: Station | Collection, index: int | None = None) -> None:
        """Make `item` current; a collection from track `index`, or its first (a random one when
        shuffling)."""
        if isinstance(item, Station):
            self.station, self.collection = item, None
            self.source = item.band
        else:
            self.station, self.collection = None, item
            self.source = LIBRARY_SOURCE
            if index is None:
                index = (
                    random.Random(f"{item.id}:{self._shuffles}").randrange(len(item.tracks))
                    if self.shuffle
                    else 0
                )
            self._reorder(first=index)
        self._remembered[self.source] = item.uri
        self._set_position(0.0)

    def _reorder(self, first: int | None = None) -> None:
        """Playing order for the collection; the current (or `first`) track stays current."""
        assert self.collection is not None
        current = first if first is not None else (self.order[self.cursor] if self.order else 0)
        order = list(range(len(self.collection.tracks)))
        if self.shuffle:
            self._shuffles += 1
            rest = [i for i in order if i != current]
            random.Random(f"{self.collection.id}:{self._shuffles}").shuffle(rest)
            order = [current, *rest]
        self.order = order
        self.cursor = order.index(current)

    def _skip(self, forward: bool) -> Text:
        """Next or previous track (or station); returns how to say it."""
        if self.station is not None:
            band = self.catalogue.on_band(self.station.band)
            index = band.index(self.station) + (1 if forward else -1)
            self._choose(band[index % len(band)])
            return Text("Next") if forward else Text("Previous")
        if not forward and self.position > RESTART_AFTER_S:
            self._set_position(0.0)
            return Text("From the start")
        count = len(self.order)
        self.cursor = (self.cursor + (1 if forward else -1)) % count
        self._set_position(0.0)
        return Text("Next") if forward else Text("Previous")

    def _finished_track(self) -> None:
        """The end of a track: again (repeat one), the next, or the end of the collection."""
        if self.repeat == "ONE":
            return
        if self.cursor + 1 < len(self.order):
            self.cursor += 1
        elif self.repeat == "ALL":
            if self.shuffle:
                self._reorder(first=self.order[0])
            self.cursor = 0
        else:
            self.cursor = 0
            self._play(False, stopped=True)

    def _play(self, on: bool, stopped: bool = False) -> None:
        position = self.position
        self.playing = on
        self._stopped = stopped and not on
        self._set_position(0.0 if self._stopped else position)

    def _set_position(self, seconds: float) -> None:
        track = self.track
        limit = max(0.0, track.seconds - 0.5) if track is not None else 0.0
        self._position = min(max(0.0, seconds), limit)
        self._since = self._cockpit.now

    # --- telling the others ------------------------------------------------------------------------
    def _what(self) -> str:
        if self.station is not None:
            return self.station.name
        track = self.track
        return f"{track.title} by {track.artist}" if track is not None else self.source

    def _uri(self) -> str:
        if self.station is not None:
            return self.station.uri
        if self.collection is not None:
            return f"{self.collection.uri}/{self.order[self.cursor] + 1}"
        return ""

    def now_playing(self) -> NowPlaying:
        """What plays now, as the read model and the recorder see it."""
        base = NowPlaying(self.source, None, playing=self.playing, since=self._since, shuffle=self.shuffle,
                          repeat=self.repeat)
        if self.station is not None:
            song, _, programme = self.station.on_air(self._cockpit.clock.time_of_day())
            self._on_air = (song, programme)
            return replace(base, entry=self.station.entry(), title=song.title, artist=song.artist,
                           album=self.station.name, programme=programme)
        if self.collection is not None:
            track = self.track
            assert track is not None
            return replace(base, entry=self.collection.entry(), title=track.title, artist=track.artist,
                           album=self.collection.title, position_s=self._position,
                           duration_s=float(track.seconds), track_number=self.order[self.cursor] + 1,
                           track_count=len(self.collection.tracks))
        return base

    def _announce(self) -> None:
        shown = self.now_playing()
        action = "PLAY" if self.playing else "STOP" if self._stopped else "PAUSE"
        for path, value in (
            (sig.MEDIA_SOURCE, self.source),
            (sig.MEDIA_URI, self._uri()),
            (sig.MEDIA_TRACK, shown.title),
            (sig.MEDIA_ARTIST, shown.artist),
            (sig.MEDIA_ALBUM, shown.album),
            (sig.MEDIA_DURATION, int(shown.duration_s)),
            (sig.MEDIA_POSITION, int(self.position)),
            (sig.MEDIA_ACTION, action),
            (sig.MEDIA_SHUFFLE, self.shuffle),
            (sig.MEDIA_REPEAT, self.repeat),
        ):
            self._write(path, value)
        if shown != self._shown:
            self._shown = shown
            self._cockpit.bus.publish(MediaChanged(time=self._cockpit.now, now_playing=shown))

    def _write(self, path: str, value: Value) -> None:
        if self._cockpit.value(path) != value or self._cockpit.target(path) != value:
            self._cockpit.update(path, value)

    def _publish_library(self) -> None:
        tuned = (station for band in RADIO_SOURCES for station in self.catalogue.on_band(band))
        library = MediaLibrary(
            tuple(s.entry() for s in tuned), tuple(c.entry() for c in self.catalogue.library), self.favourites
        )
        self._cockpit.bus.publish(MediaLibraryChanged(time=self._cockpit.now, library=library))

    def _station_named(self, name: str, frequency: float | None) -> Station | None:
        found = find(self.catalogue, f"radio:{name}")
        if isinstance(found, Found) and found.station is not None:
            return found.station
        return next((s for s in self.catalogue.stations if frequency and s.frequency_mhz == frequency), None)

    def _done(self, command: SetSignal, reply: str) -> Outcome:
        self._announce()
        return Outcome(Status.APPLIED, command, "", self._cockpit.value(command.path), reply=reply)

    def _refuse(self, command: SetSignal, reason: str) -> Outcome:
        return Outcome(Status.REJECTED, command, reason)
