"""What the media controls do: each `media:` action (a key, a click on the now-playing card)
becomes a command on the media signals, submitted through the read model like any control.

The player (cockpit.media) carries the commands out; this module only reads what the read model
shows to decide, e.g., whether the play button means play or pause.
"""

from __future__ import annotations

from cockpit.core import signals as sig
from cockpit.core.commands import AdjustSignal, Command, SetSignal
from cockpit.core.media import SOURCES
from cockpit.ui.model import UiModel
from cockpit.view import CockpitView

VOLUME_STEP = 5
SEEK_STEP_S = 10
REPEAT_NEXT = {"OFF": "ALL", "ALL": "ONE", "ONE": "OFF"}


def press_media(view: CockpitView, model: UiModel, argument: str) -> None:
    """Carry out `media:<argument>`; raises ValueError for an unknown one."""
    name, _, rest = argument.partition(":")
    if name == "chip":  # only which source the list shows: a screen matter
        model.cursor["media_chip"] = SOURCES.index(rest)
        model.cursor.pop("media", None)
        return
    command = _command(view, name, rest)
    if command is not None:
        view.submit(command)


def _command(view: CockpitView, name: str, rest: str) -> Command | None:
    now = view.media
    if name == "toggle":
        return SetSignal(sig.MEDIA_ACTION, "PAUSE" if now is not None and now.playing else "PLAY")
    if name in ("next", "previous"):
        return SetSignal(sig.MEDIA_ACTION, "SKIP_FORWARD" if name == "next" else "SKIP_BACKWARD")
    if name == "shuffle":
        return SetSignal(sig.MEDIA_SHUFFLE, not view.value(sig.MEDIA_SHUFFLE))
    if name == "repeat":
        return SetSignal(sig.MEDIA_REPEAT, REPEAT_NEXT[str(view.value(sig.MEDIA_REPEAT))])
    if name == "mute":
        return SetSignal(sig.MUTED, not view.value(sig.MUTED))
    if name == "volume":
        return AdjustSignal(sig.VOLUME, VOLUME_STEP if rest == "up" else -VOLUME_STEP)
    if name == "seek":
        if now is None or now.live:
            return None
        step = SEEK_STEP_S if rest == "forward" else -SEEK_STEP_S
        return SetSignal(sig.MEDIA_POSITION, max(0, round(now.position_at(view.now)) + step))
    if name == "seek_to":
        return SetSignal(sig.MEDIA_POSITION, max(0, int(float(rest))))
    if name == "source":
        current = str(view.value(sig.MEDIA_SOURCE))
        following = SOURCES[(SOURCES.index(current) + 1) % len(SOURCES)] if current in SOURCES else SOURCES[0]
        return SetSignal(sig.MEDIA_SOURCE, following)
    if name == "play":
        return SetSignal(sig.MEDIA_URI, rest)
    raise ValueError(f"unknown media action {name!r}")
