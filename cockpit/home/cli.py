"""Registers `cockpit home serve|check` and the broker options shared with `cockpit run`."""

from __future__ import annotations

import argparse
from typing import Any


def add_broker_options(parser: argparse.ArgumentParser) -> None:
    """TLS and protocol options for --broker (the URL itself is added by the caller)."""
    parser.add_argument("--ca-file", metavar="PEM", help="CA certificate(s) to verify an mqtts:// broker")
    parser.add_argument("--cert-file", metavar="PEM", help="client certificate for mqtts://")
    parser.add_argument("--key-file", metavar="PEM", help="private key of the client certificate")
    parser.add_argument("--mqtt-version", choices=("3.1.1", "5"), default="3.1.1",
                        help="MQTT protocol version (default 3.1.1)")


def seconds(text: str) -> float:
    """Parse --seconds: a duration above zero."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"seconds must be a number, not {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"seconds must be a finite number above 0, not {text}")
    return value


def register(subparsers: Any) -> None:
    home: argparse.ArgumentParser = subparsers.add_parser("home", help="the simulated connected home")
    commands = home.add_subparsers(dest="home_command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="run the fake home devices alone, e.g. for Home Assistant",
                                description="User and password come from the URL or from "
                                            "COCKPIT_MQTT_USERNAME / COCKPIT_MQTT_PASSWORD.")
    serve.add_argument("--broker", metavar="URL",
                       help="MQTT broker (mqtt:// or mqtts://); default: start an embedded one")
    serve.add_argument("--home", metavar="FILE", help="home description (YAML); default: the shipped one")
    serve.add_argument("--seconds", type=seconds, metavar="S", help="stop after S seconds (default: Ctrl-C)")
    add_broker_options(serve)
    serve.set_defaults(handler="cockpit.home.serve:serve_command")
    check = commands.add_parser("check", help="check home description files")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.set_defaults(handler="cockpit.home.serve:check_command")
