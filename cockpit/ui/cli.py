"""Registers `cockpit run`, the demo."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cockpit.home import cli as home_cli
from cockpit.vss import cli as vss_cli


def size(text: str) -> tuple[int, int]:
    """Parse WxH, e.g. 1920x720."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must be WxH, e.g. 1920x720, not {text!r}") from None
    if not (320 <= width <= 7680 and 200 <= height <= 4320):
        raise argparse.ArgumentTypeError(f"size {text} is outside 320x200 .. 7680x4320")
    return width, height


def frame_count(text: str) -> int:
    """Parse --frames: a whole number of at least 1 (0 frames would save a black screenshot)."""
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"frames must be a whole number, not {text!r}") from None
    if count < 1:
        raise argparse.ArgumentTypeError(f"frames must be at least 1, not {count}")
    return count


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser("run", help="start the cockpit demo")
    parser.add_argument("--profile", metavar="NAME", help="driver profile to start with")
    parser.add_argument("--profiles", metavar="DIR|URL",
                        help="profiles folder (default: $COCKPIT_PROFILES or the shipped profiles/), or a "
                             "roaming store nats://host:port[,host:port]/bucket (the fleet extra)")
    parser.add_argument("--assistant", metavar="NAME", help="use this assistant for every driver")
    parser.add_argument("--home", metavar="FILE", help="home description (YAML; default: the shipped one)")
    broker = parser.add_mutually_exclusive_group()
    broker.add_argument("--broker", metavar="URL", help="MQTT broker URL (mqtt:// or mqtts://)")
    broker.add_argument("--no-broker", action="store_true", help="run without MQTT")
    home_cli.add_broker_options(parser)
    vss_cli.add_api_options(parser)
    parser.add_argument("--headless", action="store_true", help="render off-screen, no window")
    parser.add_argument("--frames", type=frame_count, metavar="N", help="stop after N frames")
    parser.add_argument("--screenshot", metavar="PATH", help="save the last frame to PATH.png")
    parser.add_argument("--record", type=Path, metavar="FILE",
                        help="record every input with its simulated time (see cockpit scenario replay)")
    parser.add_argument("--size", type=size, default=(1920, 720), metavar="WxH",
                        help="window size (default 1920x720)")
    parser.add_argument("--listen", action="store_true",
                        help="speech input from a microphone (the voice extra): wake words as the driver's "
                             "profile says, Space is push-to-talk")
    parser.add_argument("--device", metavar="N",
                        help="with --listen: the input device, its number or name as `cockpit voice devices` "
                             "lists it (default: the system's)")
    parser.set_defaults(handler="cockpit.ui.app:run_command")
