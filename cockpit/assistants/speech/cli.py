"""Registers `cockpit listen` and `cockpit voice devices` (`cockpit say --audio` is `say`'s)."""

from __future__ import annotations

import argparse
from typing import Any

from cockpit.assistants.cli import add_session_options

HANDLERS = "cockpit.assistants.speech.commands"


def register(subparsers: Any) -> None:
    listen: argparse.ArgumentParser = subparsers.add_parser(
        "listen", help="voice input from a microphone: prints what it heard and what the assistant did",
        description="Listen to a live microphone (the voice extra) until Ctrl-C, SIGTERM or --seconds. "
                    "Every utterance is for the driver's assistant unless --wake-word is given.")
    listen.add_argument("--device", metavar="N",
                        help="input device: its number or name as `cockpit voice devices` lists it "
                             "(default: the system's)")
    listen.add_argument("--wake-word", action="store_true",
                        help="act only on what follows a wake word (\"Alexa, ...\"), as in the car")
    listen.add_argument("--seconds", type=float, metavar="S", help="stop after S seconds of audio")
    add_session_options(listen, "print each turn as one JSON object, one per line")
    listen.set_defaults(handler=f"{HANDLERS}:listen")

    voice: argparse.ArgumentParser = subparsers.add_parser("voice", help="speech input (the voice extra)")
    actions = voice.add_subparsers(dest="action", required=True, metavar="ACTION")
    devices = actions.add_parser("devices", help="the audio input devices `cockpit listen --device` takes")
    devices.add_argument("--json", action="store_true", help="one JSON array")
    devices.set_defaults(handler=f"{HANDLERS}:devices")

