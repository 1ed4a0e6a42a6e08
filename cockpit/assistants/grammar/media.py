"""Media: play, pause, next, previous, a station or playlist by name, volume, mute, video."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cockpit.assistants.grammar import units as u
from cockpit.assistants.grammar.intent import Context, Intent
from cockpit.assistants.grammar.rules import Capability, GrammarPlugin, Order, rule
from cockpit.core import signals as sig
from cockpit.core.commands import AdjustSignal, Command, SetSignal, Source
from cockpit.core.outcome import Outcome
from cockpit.core.text import Text
from cockpit.i18n import N_

A = Source.ASSISTANT
VOLUME_STEP = 10
_NAME_TAIL = re.compile(r"\b(?:please|on spotify|in the car|for me)\b|^(?:some|a bit of|a little) ")


def _action(action: str) -> SetSignal:
    return SetSignal(sig.MEDIA_ACTION, action, source=A)


def _play(query: str) -> tuple[Command, ...]:
    """Ask the player for `kind:words`: it finds the station or music, switches source and plays it
    (or answers with the closest names it has)."""
    return (SetSignal(sig.MEDIA_URI, query, source=A),)


def _name(raw: str) -> str:
    return _NAME_TAIL.sub("", raw).strip()


@rule(
    r"\b(?:watch|play|put|show|start|switch to|turn on)\b.*"
    r"\b(?P<source>tv|television|dvd|video|videos|movie|film|youtube)\b"
)
def video(match: re.Match[str], context: Context) -> Intent:
    source = "DVD" if match.group("source") in ("dvd", "movie", "film") else "TV"
    return Intent(
        "media.video",
        {"source": source},
        (SetSignal(sig.MEDIA_SOURCE, source, source=A),),
        Text('Switching to {source}.', source=source),
    )


@rule(r"\b(?:unmute|un mute|sound (?:back )?on|turn the sound back on)\b")
def unmute(match: re.Match[str], context: Context) -> Intent:
    return Intent("media.unmute", {}, (SetSignal(sig.MUTED, False, source=A),), Text('Sound back on.'))


@rule(r"\b(?:mute|silence|quiet please|sound off)\b")
def mute(match: re.Match[str], context: Context) -> Intent:
    return Intent("media.mute", {}, (SetSignal(sig.MUTED, True, source=A),), Text('Muted.'))


@rule(
    r"\b(?:volume|louder|quieter|softer|turn it (?:up|down)|turn (?:the )?(?:music|sound|radio) (?:up|down)"
    r"|too (?:loud|quiet))\b"
)
def volume(match: re.Match[str], context: Context) -> Intent:
    text = match.string
    value = u.number(text)
    if value is not None and not re.search(r"\bby\b", text):
        level = int(value)  # out of range: the cockpit refuses it and the reply says why
        return Intent(
            "media.volume_set",
            {"value": level},
            (SetSignal(sig.VOLUME, level, source=A),),
            Text('Volume {level}.', level=level),
        )
    up = re.search(r"\b(?:up|louder|increase|raise|higher|too quiet|more)\b", text) is not None
    step = int(value) if value is not None else VOLUME_STEP
    delta = step if up else -step
    said = Text('Turning it up.') if up else Text('Turning it down.')

    def done(outcomes: Sequence[Outcome]) -> str:
        reached = u.reached(outcomes)
        return said if reached is None else f"{said[:-1]} to {reached:g}."

    return Intent(
        "media.volume_up" if up else "media.volume_down",
        {"delta": delta},
        (AdjustSignal(sig.VOLUME, delta, source=A),),
        said,
        done=done,
    )


@rule(r"\b(?:shuffle|random order)\b(?! (?:my|the|playlist))(?: (?P<off>off|stop))?"
      r"|\b(?P<stop>stop|turn off|no) (?:shuffl(?:e|ing)|random)")
def shuffle(match: re.Match[str], context: Context) -> Intent:
    on = not (match.group("off") or match.group("stop"))
    return Intent("media.shuffle", {"on": on}, (SetSignal(sig.MEDIA_SHUFFLE, on, source=A),),
                  Text('Shuffle on.') if on else Text('Shuffle off.'))


@rule(r"\b(?:repeat|loop)\b(?: (?P<what>this|the|off|all|everything|one))?"
      r"|\b(?:stop|no) (?:repeating|looping)")
def repeat(match: re.Match[str], context: Context) -> Intent:
    text = match.string
    if re.search(r"\b(?:off|stop|no)\b", text):
        mode = "OFF"
    elif re.search(r"\b(?:song|track|this one|one)\b", text) and "all" not in text:
        mode = "ONE"
    else:
        mode = "ALL"
    said = {"OFF": Text("Repeat off."), "ONE": Text("Repeating this track."),
            "ALL": Text("Repeating everything.")}
    return Intent("media.repeat", {"mode": mode.lower()}, (SetSignal(sig.MEDIA_REPEAT, mode, source=A),),
                  said[mode])


@rule(r"\b(?:next|skip|forward)\b")
def next_track(match: re.Match[str], context: Context) -> Intent:
    return Intent("media.next", {}, (_action("SKIP_FORWARD"),), Text('Next track.'))


@rule(r"\b(?:previous|last (?:song|track)|go back|back a (?:song|track)|restart the (?:song|track)|rewind)\b")
def previous_track(match: re.Match[str], context: Context) -> Intent:
    return Intent("media.previous", {}, (_action("SKIP_BACKWARD"),), Text('Previous track.'))


@rule(r"\b(?:pause|stop (?:the )?(?:music|playback|song|radio|podcast|audio|playing)|stop$|hold the music)\b")
def pause(match: re.Match[str], context: Context) -> Intent:
    return Intent("media.pause", {}, (_action("PAUSE"),), Text('Paused.'))


@rule(r"\b(?:play|put on|start|shuffle)\b (?:(?:the|my) )?(?:playlist (?P<a>.+)|(?P<b>.+?) playlist)\b")
def playlist(match: re.Match[str], context: Context) -> Intent:
    name = _name(match.group("a") or match.group("b"))
    shuffled = match.string.startswith("shuffle")
    commands = (SetSignal(sig.MEDIA_SHUFFLE, True, source=A),) if shuffled else ()
    return Intent(
        "media.playlist",
        {"name": name, "shuffle": shuffled},
        (*commands, *_play(f"playlist:{name}")),
        Text('Playing the playlist {name}.', name=name),
    )


@rule(
    r"\b(?:tune (?:in )?to|play|put on|switch to|listen to|change (?:the )?station to)\b (?:the )?"
    r"(?:(?:radio )?station (?P<a>.+)|radio (?P<b>.+)|(?P<c>.+? (?:radio|fm|am|station)(?: \d+)?)$"
    r"|(?P<fm>\d+(?:\.\d+)? ?fm))|\btune (?:in )?to (?P<d>.+)"
)
def station(match: re.Match[str], context: Context) -> Intent:
    name = _name(
        match.group("a") or match.group("b") or match.group("c") or match.group("fm") or match.group("d")
    )
    spoken = f"radio {name}" if match.group("b") else name  # "radio bob" is the name the driver said
    return Intent("media.station", {"name": name}, _play(f"radio:{spoken}"),
                  Text("Tuning to {name}.", name=name))


@rule(
    r"^(?:play|resume|continue|unpause|start)(?: (?:the )?(?:music|playback|song|radio|something|some music"
    r"|playing|audio|it))?$|\b(?:resume|unpause|continue) (?:the )?(?:music|playback|song|playing)\b"
    r"|^play some music\b|\bput some music on\b"
)
def play(match: re.Match[str], context: Context) -> Intent:
    return Intent("media.play", {}, (_action("PLAY"),), Text('Playing.'))


@rule(r"^(?:play|put on|listen to) (?!.*\b(?:fan|temperature|seat|navigate)\b)(?P<query>.+)$")
def search(match: re.Match[str], context: Context) -> Intent:
    query = _name(match.group("query"))
    return Intent("media.search", {"query": query}, _play(f"search:{query}"),
                  Text("Playing {name}.", name=query))


PLUGIN = GrammarPlugin(
    "media",
    rules=(video, unmute, mute, volume, shuffle, repeat, next_track, previous_track, pause, playlist, station,
           play, search),
    capabilities=(
        Capability("media", N_('music'),
                   (N_('Play the radio'), N_('Play BBC Radio 4'), N_('Next track'), N_('Volume up'),
                    N_('Set the volume to 20'),
                    N_('Shuffle'), N_('Mute'))),
    ),
    order=Order.MEDIA,
)
