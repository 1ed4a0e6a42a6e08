"""Registers `cockpit say`, `cockpit assistants list` and `cockpit alexa config`."""

from __future__ import annotations

import argparse
from typing import Any

HANDLERS = "cockpit.assistants.commands"


def register(subparsers: Any) -> None:
    say: argparse.ArgumentParser = subparsers.add_parser(
        "say", help="send utterances (a conversation) or a native message through an assistant adapter"
    )
    add_session_options(say, "print the whole turn as one JSON object (several turns: a JSON array)")
    what = say.add_mutually_exclusive_group(required=True)
    what.add_argument("utterance", nargs="*", default=[], metavar="UTTERANCE",
                      help="what the driver says; several are one conversation, a second of simulated "
                           "time apart (\"unlock the front door\" \"yes\")")
    what.add_argument(
        "--message",
        metavar="FILE",
        help="a JSON file with the adapter's native input (an Alexa directive, a VehiclePropValue)",
    )
    what.add_argument("--audio", metavar="FILE.wav",
                      help="a recording of the driver speaking (any common sample rate; the voice extra): "
                           "each utterance in it goes to the assistant, as if push-to-talk were held")
    say.set_defaults(handler=f"{HANDLERS}:say")

    assistants: argparse.ArgumentParser = subparsers.add_parser(
        "assistants", help="installed assistant adapters"
    )
    actions = assistants.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="name, distribution, version and wake words of each adapter")
    listing.add_argument("--json", action="store_true", help="one JSON array")
    listing.set_defaults(handler=f"{HANDLERS}:list_adapters")

    alexa: argparse.ArgumentParser = subparsers.add_parser("alexa", help="the Alexa-style adapter")
    alexa_actions = alexa.add_subparsers(dest="action", required=True, metavar="ACTION")
    config = alexa_actions.add_parser("config", help="print the Alexa Auto SDK car-control configuration")
    config.add_argument("--profile", metavar="NAME", help="whose voice PIN guards unlocking (default: a yes)")
    config.set_defaults(handler=f"{HANDLERS}:alexa_config")
    discovery = alexa_actions.add_parser(
        "discovery", help="print the home's devices as an Alexa.Discovery Discover.Response")
    discovery.add_argument("--home", metavar="FILE", help="the home's devices (default: the shipped home)")
    discovery.add_argument("--profile", metavar="NAME",
                           help="whose voice PIN guards what opens the house (default: a yes)")
    discovery.set_defaults(handler=f"{HANDLERS}:alexa_discovery")


def add_session_options(parser: argparse.ArgumentParser, json_help: str) -> None:
    """--assistant, --profile, --json and the home's broker: the options of a command that talks to
    an assistant in a session of its own (`say`, `listen`)."""
    parser.add_argument("--assistant", metavar="NAME", help="adapter name (default: the driver's own)")
    parser.add_argument("--profile", metavar="NAME", help="driver profile to apply first")
    parser.add_argument("--json", action="store_true", help=json_help)
    broker = parser.add_mutually_exclusive_group()
    broker.add_argument("--broker", metavar="URL", help="MQTT broker of the home (default: an embedded one)")
    broker.add_argument("--no-broker", action="store_true", help="no home: home commands are refused")
    parser.add_argument("--home", metavar="FILE", help="the home's devices (default: the shipped home)")
