"""Handlers of `cockpit say --audio`, `cockpit listen` and `cockpit voice devices`.

Each turn is printed as it is finished: what was heard (and how sure the recogniser was), the
assistant's reply and what became of each command; with --json as one object (the keys of
`turn_dict`). Latency is from the end of speech to the assistant having acted; for a file it is
what it would have been had the audio come in real time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from cockpit.assistants import speech
from cockpit.assistants.base import command_dict
from cockpit.assistants.commands import assistant_session

if TYPE_CHECKING:  # numpy and pocketsphinx are imported only once the voice extra is known to be there
    from cockpit.assistants.speech.voice import Turn

FILE_LEAD_S: Final = 0.5  # silence played before a file's audio, as a microphone would have it


def say_audio(args: argparse.Namespace) -> int:
    """Every utterance in a WAV file to the assistant, as if push-to-talk were held for each."""
    speech.require()
    from cockpit.assistants.speech.audio import SamplesSource, read_wav
    from cockpit.assistants.speech.run import play

    samples = read_wav(Path(args.audio))  # a bad file fails before the session starts
    with assistant_session(args) as session:
        turns = play(session, SamplesSource(samples, leading_silence_s=FILE_LEAD_S), open_mic=True,
                     on_turn=None if args.json else _print_turn)
    if args.json:
        shown = [turn_dict(turn) for turn in turns]
        print(json.dumps(shown[0] if len(shown) == 1 else shown, indent=2, default=str))
    elif not turns:
        print("heard nothing", file=sys.stderr)
    return 0


def listen(args: argparse.Namespace) -> int:
    """A live microphone until Ctrl-C, SIGTERM or --seconds of audio."""
    speech.require()
    from cockpit.assistants.speech.audio import MicrophoneSource, device_named
    from cockpit.assistants.speech.run import SecondsOf, play

    device = device_named(args.device)
    with assistant_session(args) as session:  # Ctrl-C and SIGTERM end play() between two ticks
        microphone = MicrophoneSource(device)
        source = SecondsOf(microphone, args.seconds) if args.seconds is not None else microphone
        how = "after a wake word" if args.wake_word else "every utterance"
        print(f"listening on {microphone.name} ({how}); Ctrl-C stops", file=sys.stderr, flush=True)
        try:
            play(session, source, open_mic=not args.wake_word, wake_words=True if args.wake_word else None,
                 on_turn=_print_json_line if args.json else _print_turn)
        finally:
            source.close()
    return 0


def devices(args: argparse.Namespace) -> int:
    """The input devices PortAudio sees; the default one is marked."""
    speech.require()
    from cockpit.assistants.speech.audio import input_devices

    found = input_devices()
    if args.json:
        print(json.dumps([{"index": d.index, "name": d.name, "channels": d.channels,
                           "default_rate": d.default_rate, "default": d.default} for d in found], indent=2))
        return 0
    if not found:
        print("no audio input devices", file=sys.stderr)
        return 0
    for d in found:
        mark = "*" if d.default else " "
        print(f"{mark}{d.index:>3}  {d.name}  ({d.channels} ch, {d.default_rate:.0f} Hz)")
    return 0


def turn_dict(turn: Turn) -> dict[str, Any]:
    """One turn as JSON."""
    return {
        "heard": turn.heard, "check": turn.check, "verdict": turn.verdict,
        "confidence": round(turn.confidence, 2), "adapter": turn.adapter, "reply": turn.reply,
        "intent": turn.intent.to_dict() if turn.intent is not None else None,
        "commands": [command_dict(o.command, o) for o in turn.outcomes],
        "outcomes": [o.to_dict() for o in turn.outcomes],
        "speech_start_s": round(turn.start_s, 2),
        "latency_ms": round(turn.latency_ms, 1) if turn.latency_ms is not None else None,
    }


def _print_turn(turn: Turn) -> None:
    who = turn.adapter or "assistant"
    if not turn.addressed:
        print(f'(not for the assistant) "{turn.heard}"', flush=True)
        return
    if turn.verdict == "wake":
        print(f"{who}: listening", flush=True)
        return
    print(f'{who} heard "{turn.heard}" ({turn.verdict}, confidence {turn.confidence:.2f})')
    if turn.reply:
        print(f"  {turn.reply}")
    for outcome in turn.outcomes:
        reason = f" ({outcome.reason})" if outcome.reason else ""
        print(f"  {outcome.status.value}: {outcome.command.describe()}{reason}")
    sys.stdout.flush()


def _print_json_line(turn: Turn) -> None:
    print(json.dumps(turn_dict(turn), default=str), flush=True)
