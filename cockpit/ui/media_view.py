"""What the media controls do: each media action (a key, a click on the now-playing card) becomes a
command on the media signals, submitted through the read model like any control.

The player (cockpit.media) carries the commands out; these actions only read what the read model
shows to decide, e.g., whether the play button means play or pause.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cockpit.core import signals as sig
from cockpit.core.commands import AdjustSignal, SetSignal
from cockpit.core.media import LIBRARY_SOURCE, SOURCES
from cockpit.core.text import Text
from cockpit.i18n import N_
from cockpit.ui.actions import Action

if TYPE_CHECKING:
    from cockpit.ui.keys import Controls
    from cockpit.view import CockpitView

VOLUME_STEP = 5
SEEK_STEP_S = 10
REPEAT_NEXT = {"OFF": "ALL", "ALL": "ONE", "ONE": "OFF"}
SOURCE_LABELS = {"FM": N_("FM"), "DAB": N_("DAB"), "INTERNET": N_("Internet"), LIBRARY_SOURCE: N_("Library")}


def _media(what: Text) -> Text:
    return Text("Media: {what}", what=what)


@dataclass(frozen=True, slots=True)
class PlayPause(Action):
    def do(self, ui: Controls) -> None:
        now = ui.cockpit.media
        ui.cockpit.submit(SetSignal(sig.MEDIA_ACTION, "PAUSE" if now is not None and now.playing else "PLAY"))

    def words(self, view: CockpitView) -> Text:
        return _media(Text("Pause") if view.media is not None and view.media.playing else Text("Play"))


@dataclass(frozen=True, slots=True)
class Skip(Action):
    """The next (or previous) track or station."""

    forward: bool

    def do(self, ui: Controls) -> None:
        ui.cockpit.submit(SetSignal(sig.MEDIA_ACTION, "SKIP_FORWARD" if self.forward else "SKIP_BACKWARD"))

    def words(self, view: CockpitView) -> Text:
        return _media(Text("Next") if self.forward else Text("Previous"))


@dataclass(frozen=True, slots=True)
class Shuffle(Action):
    def do(self, ui: Controls) -> None:
        ui.cockpit.submit(SetSignal(sig.MEDIA_SHUFFLE, not ui.cockpit.value(sig.MEDIA_SHUFFLE)))

    def words(self, view: CockpitView) -> Text:
        return _media(Text("Shuffle"))


@dataclass(frozen=True, slots=True)
class Repeat(Action):
    """Off, then all, then one, then off again."""

    def do(self, ui: Controls) -> None:
        ui.cockpit.submit(SetSignal(sig.MEDIA_REPEAT, REPEAT_NEXT[str(ui.cockpit.value(sig.MEDIA_REPEAT))]))

    def words(self, view: CockpitView) -> Text:
        return _media(Text("Repeat"))


@dataclass(frozen=True, slots=True)
class Mute(Action):
    def do(self, ui: Controls) -> None:
        ui.cockpit.submit(SetSignal(sig.MUTED, not ui.cockpit.value(sig.MUTED)))

    def words(self, view: CockpitView) -> Text:
        return _media(Text("Sound on") if view.value(sig.MUTED) else Text("Mute"))


@dataclass(frozen=True, slots=True)
class Louder(Action):
    """Volume up (`step` > 0) or down."""

    step: int = VOLUME_STEP

    def do(self, ui: Controls) -> None:
        ui.cockpit.submit(AdjustSignal(sig.VOLUME, self.step))


@dataclass(frozen=True, slots=True)
class Seek(Action):
    """Back or forward by `step_s` in a track (a live station cannot seek)."""

    step_s: int = SEEK_STEP_S

    def do(self, ui: Controls) -> None:
        now = ui.cockpit.media
        if now is None or now.live:
            return
        second = round(now.position_at(ui.cockpit.now)) + self.step_s
        ui.cockpit.submit(SetSignal(sig.MEDIA_POSITION, max(0, second)))


@dataclass(frozen=True, slots=True)
class SeekTo(Action):
    """A second into the track (a click on the progress bar)."""

    second: int

    def do(self, ui: Controls) -> None:
        ui.cockpit.submit(SetSignal(sig.MEDIA_POSITION, max(0, self.second)))

    def words(self, view: CockpitView) -> Text:
        minutes, seconds = divmod(max(0, self.second), 60)
        return _media(Text("Go to {minutes}:{seconds:02d}", minutes=minutes, seconds=seconds))


@dataclass(frozen=True, slots=True)
class NextSource(Action):
    def do(self, ui: Controls) -> None:
        current = str(ui.cockpit.value(sig.MEDIA_SOURCE))
        following = SOURCES[(SOURCES.index(current) + 1) % len(SOURCES)] if current in SOURCES else SOURCES[0]
        ui.cockpit.submit(SetSignal(sig.MEDIA_SOURCE, following))


@dataclass(frozen=True, slots=True)
class Play(Action):
    """A station, playlist or album of the catalogue, by its URI."""

    uri: str

    def do(self, ui: Controls) -> None:
        ui.cockpit.submit(SetSignal(sig.MEDIA_URI, self.uri))

    def words(self, view: CockpitView) -> Text | None:
        entry = view.media_library.entry(self.uri)
        return _media(Text("Play {title}", title=entry.title)) if entry is not None else None


@dataclass(frozen=True, slots=True)
class ListSource(Action):
    """Which source's entries the Media tab lists: a screen matter, nothing is played."""

    source: str

    def do(self, ui: Controls) -> None:
        ui.model.cursor["media_chip"] = SOURCES.index(self.source)
        ui.model.cursor.pop("media", None)

    def words(self, view: CockpitView) -> Text:
        return _media(Text("Show {source}", source=Text(SOURCE_LABELS[self.source])))
