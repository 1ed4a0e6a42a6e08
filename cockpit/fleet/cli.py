"""Registers `cockpit fleet run | status | cluster up|down`.

Only argparse is imported here; the handlers import nats-py and paho when they run.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cockpit.home import cli as home_cli


def positive_int(text: str) -> int:
    """Parse a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, not {value}")
    return value


def rate(text: str) -> float:
    """Parse a rate in Hz: a finite number above 0 and at most 100."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, not {text!r}") from None
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError(f"expected a rate above 0 and at most 100 Hz, not {text}")
    return value


def register(subparsers: Any) -> None:
    fleet: argparse.ArgumentParser = subparsers.add_parser(
        "fleet", help="many headless cars over a NATS cluster (the fleet extra)")
    commands = fleet.add_subparsers(dest="fleet_command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run N headless cars across worker processes")
    run.add_argument("--cars", type=positive_int, metavar="N",
                     help="how many cars (default: the plan's, else 10)")
    run.add_argument("--broker", required=True, metavar="URL[,URL...]",
                     help="MQTT broker(s) for telemetry and remote commands; several are tried in turn")
    run.add_argument("--profiles", metavar="nats://HOST:PORT[,HOST:PORT]/BUCKET",
                     help="roaming profile store (default: the local profiles folder)")
    run.add_argument("--workers", type=positive_int, metavar="N",
                     help="worker processes (default: one per core)")
    run.add_argument("--plan", type=Path, metavar="FILE", help="fleet scenario: drivers moving between cars")
    run.add_argument("--seconds", type=home_cli.seconds, metavar="S",
                     help="stop after S seconds (default: the plan's duration, else Ctrl-C)")
    run.add_argument("--tick-hz", type=rate, default=10.0, metavar="HZ", help="simulation rate (default 10)")
    run.add_argument("--publish-hz", type=rate, default=1.0, metavar="HZ", help="telemetry rate (default 1)")
    run.add_argument("--discovery", action="store_true", help="announce every car to Home Assistant")
    run.add_argument("--state-dir", type=Path, metavar="DIR",
                     help="where the workers keep their cache and queue (default: under the state folder)")
    run.set_defaults(handler="cockpit.fleet.runner:run_command")

    status = commands.add_parser("status", help="show cars, messages per second, lag and errors, live")
    status.add_argument("--broker", required=True, metavar="URL", help="the fleet's MQTT broker")
    status.add_argument("--seconds", type=home_cli.seconds, metavar="S",
                        help="stop after S seconds (default: Ctrl-C)")
    status.add_argument("--once", action="store_true",
                        help="print one table after the first reports and stop")
    status.set_defaults(handler="cockpit.fleet.status:status_command")

    cluster = commands.add_parser("cluster", help="start or stop a local 3-node NATS cluster")
    actions = cluster.add_subparsers(dest="cluster_command", required=True, metavar="ACTION")
    up = actions.add_parser("up", help="start three nodes (JetStream and MQTT on each) on loopback")
    up.add_argument("--data", type=Path, required=True, metavar="DIR", help="folder for data, logs and pids")
    up.add_argument("--base-port", type=positive_int, metavar="PORT",
                    help="first of 12 consecutive ports (default: free ports)")
    up.set_defaults(handler="cockpit.fleet.cluster_cli:up_command")
    down = actions.add_parser("down", help="stop the nodes started with --data DIR")
    down.add_argument("--data", type=Path, required=True, metavar="DIR")
    down.set_defaults(handler="cockpit.fleet.cluster_cli:down_command")
