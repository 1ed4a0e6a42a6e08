"""Registers `cockpit vss serve | export` and the `--vss-api` options of `cockpit run`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cockpit.core.errors import InvalidInput
from cockpit.home.cli import seconds
from cockpit.vss.settings import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_VISS_PORT, ApiSettings, parse_listen


def listen(text: str) -> tuple[str, int]:
    """argparse type for [HOST:]PORT."""
    try:
        return parse_listen(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _viss_and_security_options(parser: argparse.ArgumentParser, prefix: str) -> None:
    parser.add_argument(f"--{prefix}viss", type=listen, nargs="?", const=(DEFAULT_HOST, DEFAULT_VISS_PORT),
                        metavar="[HOST:]PORT", help=f"also serve W3C VISS v2 over a websocket (default "
                                                    f"{DEFAULT_HOST}:{DEFAULT_VISS_PORT}; port 0 picks one)")
    parser.add_argument(f"--{prefix}tls-cert", type=Path, metavar="PEM",
                        help="serve TLS with this certificate (chain); needs the key too")
    parser.add_argument(f"--{prefix}tls-key", type=Path, metavar="PEM", help="the certificate's private key")
    parser.add_argument(f"--{prefix}jwt-public-key", type=Path, metavar="PEM",
                        help="require KUKSA databroker JWT bearer tokens signed by this key's private key")


def add_api_options(parser: argparse.ArgumentParser) -> None:
    """`--vss-api [HOST:]PORT` and its TLS and token options, for `cockpit run`."""
    parser.add_argument("--vss-api", type=listen, metavar="[HOST:]PORT",
                        help=f"serve the KUKSA-compatible VSS API (kuksa.val v1/v2 over gRPC; host "
                             f"default {DEFAULT_HOST}, port 0 picks a free one; needs the vss extra)")
    _viss_and_security_options(parser, "vss-")


def api_settings(args: argparse.Namespace) -> ApiSettings | None:
    """The API settings of `cockpit run`'s options; None without --vss-api."""
    if args.vss_api is None:
        if args.vss_viss is not None:
            raise InvalidInput("--vss-viss serves beside the gRPC API: give --vss-api too")
        return None
    host, port = args.vss_api
    return ApiSettings(host, port, args.vss_tls_cert, args.vss_tls_key, args.vss_jwt_public_key,
                       args.vss_viss)


def register(subparsers: Any) -> None:
    vss: argparse.ArgumentParser = subparsers.add_parser(
        "vss", help="the VSS ecosystem: a KUKSA-compatible databroker API, the catalogue as VSS JSON")
    commands = vss.add_subparsers(dest="vss_command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="a headless car serving kuksa.val v1 and v2 over gRPC",
                                description="Serve the cockpit's signals to KUKSA clients (kuksa-client, "
                                            "databroker-cli, VSS apps) until Ctrl-C or SIGTERM.")
    serve.add_argument("listen", nargs="?", type=listen, default=(DEFAULT_HOST, DEFAULT_PORT),
                       metavar="[HOST:]PORT", help=f"where to listen (default {DEFAULT_HOST}:{DEFAULT_PORT}; "
                                                   f"port 0 picks a free one and prints it)")
    _viss_and_security_options(serve, "")
    serve.add_argument("--profile", metavar="NAME", help="driver profile to start with")
    serve.add_argument("--profiles", metavar="DIR", help="profiles folder (default: the shipped profiles/)")
    serve.add_argument("--drive-cycle", metavar="NAME", help="drive this cycle (wltp_class3b, epa_udds)")
    serve.add_argument("--speed", type=_speed, default=1.0, metavar="X",
                       help="simulate X times faster than real time (default 1)")
    serve.add_argument("--broker", metavar="URL",
                       help="also connect the car and its home to this MQTT broker (default: no MQTT)")
    serve.add_argument("--seconds", type=seconds, metavar="S", help="stop after S seconds (default: Ctrl-C)")
    serve.set_defaults(handler="cockpit.vss.serve:serve_command")
    export = commands.add_parser("export", help="write the cockpit's signals as VSS JSON (as vss-tools does)")
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write here (an existing file is never replaced); default: standard output")
    export.set_defaults(handler="cockpit.vss.serve:export_command")



def _speed(text: str) -> float:
    """Parse --speed: times real time, above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"speed must be a number, not {text!r}") from None
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError(f"speed must lie above 0 and at most 1000 (times real time), "
                                         f"not {text}")
    return value
