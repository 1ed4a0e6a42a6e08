"""`cockpit home serve` and `cockpit home check`: the fake home alone on a broker, and file checks."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from cockpit import shutdown
from cockpit.core.errors import InvalidInput
from cockpit.home.broker import EmbeddedBroker
from cockpit.home.connection import BrokerSettings, parse_broker_url
from cockpit.home.home_config import HomeConfig, load_home
from cockpit.home.link import MqttLink
from cockpit.home.node import HomeNode

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 10.0
TICK_S = 0.05


def broker_from_args(args: argparse.Namespace) -> BrokerSettings | None:
    """The broker settings of --broker and its options (None: none given); raises InvalidInput."""
    if not getattr(args, "broker", None):
        return None
    return parse_broker_url(args.broker, ca_file=args.ca_file, cert_file=args.cert_file,
                            key_file=args.key_file, mqtt_version=args.mqtt_version)


def serve_command(args: argparse.Namespace) -> int:
    """Serve the home until Ctrl-C (or --seconds); raises BridgeError when the broker refuses us."""
    home = load_home(Path(args.home) if args.home else None)
    settings = broker_from_args(args)
    with shutdown.deferred():  # Ctrl-C and SIGTERM end the loop between two ticks, then clean up
        embedded = EmbeddedBroker() if settings is None else None
        try:
            if embedded is not None:
                settings = BrokerSettings(port=embedded.start().port)
            assert settings is not None
            _serve(home, settings, args.seconds)
        finally:
            if embedded is not None:
                embedded.stop()
            print("stopped", flush=True)
    return 0


def _serve(home: HomeConfig, settings: BrokerSettings, seconds: float | None) -> None:
    link = MqttLink(settings, availability_topic=f"{home.base}/status", client_name=f"home-{home.home_id}")
    node = HomeNode(home, link)
    try:
        link.start()
        link.wait_online(min(CONNECT_TIMEOUT_S, seconds or CONNECT_TIMEOUT_S))
        print(f"serving {len(node.devices)} devices of home {home.home_id!r} on {settings.url} "
              f"(discovery prefix {home.discovery_prefix!r}); Ctrl-C stops", flush=True)
        _run(link, node, seconds)
    finally:
        link.stop()


def _run(link: MqttLink, node: HomeNode, seconds: float | None) -> None:
    began = last = time.monotonic()
    while (seconds is None or last - began < seconds) and not shutdown.requested():
        link.drain(wait=TICK_S)
        now = time.monotonic()
        node.step(now - last)
        last = now


def check_command(args: argparse.Namespace) -> int:
    """Check each home file; print every problem as file:line: field: message; exit 2 if any."""
    failed = False
    for name in args.files:
        try:
            home = load_home(Path(name))
        except InvalidInput as error:
            failed = True
            print(error, file=sys.stderr)
            continue
        print(f"{name}: ok ({len(home.devices)} devices)")
    return 2 if failed else 0
