"""The handlers of `cockpit fleet cluster up | down`."""

from __future__ import annotations

import argparse
import sys

from cockpit.fleet import cluster


def up_command(args: argparse.Namespace) -> int:
    running = cluster.up(args.data, args.base_port)
    for node in running.nodes:
        print(f"{node.name}  pid {node.pid}  nats {node.nats_url}  mqtt {node.mqtt_url}  "
              f"monitor http://127.0.0.1:{node.http_port}")
    print(f"profiles: --profiles {running.nats_urls}/profiles")
    print(f"telemetry: --broker {running.mqtt_urls}")
    print(f"stop with: cockpit fleet cluster down --data {args.data}", file=sys.stderr)
    return 0


def down_command(args: argparse.Namespace) -> int:
    stopped = cluster.down(args.data)
    print(f"stopped {stopped} node(s)", file=sys.stderr)
    return 0
