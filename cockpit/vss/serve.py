"""`cockpit vss serve`: a headless car on the KUKSA-compatible API; `cockpit vss export`: its VSS JSON.

The serve loop steps the session in real time (or `--speed` times faster) and wakes as soon as a
client asks for an actuation, so a set is answered without waiting for the next tick. Ctrl-C and
SIGTERM stop it cleanly (cockpit.shutdown): calls end, the port is released, no thread is left,
and the exit status is 128 + the signal like every other command's.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Final

from cockpit import shutdown
from cockpit.core.commands import Source
from cockpit.session import Session, Settings
from cockpit.vss import export
from cockpit.vss.settings import ApiSettings

TICK_S: Final = 0.02


def serve_command(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C, SIGTERM or --seconds; raises InvalidInput / VssApiError for bad options."""
    host, port = args.listen
    api = ApiSettings(host, port, args.tls_cert, args.tls_key, args.jwt_public_key, args.viss)
    settings = Settings(profile=args.profile, profiles_dir=Path(args.profiles) if args.profiles else None,
                        broker_url=args.broker, use_broker=bool(args.broker), headless=True, vss_api=api)
    with shutdown.deferred():  # Ctrl-C and SIGTERM end the loop between two ticks (cockpit.shutdown)
        session = Session(settings)
        try:
            session.start()
            assert session.vss is not None
            if args.drive_cycle:
                session.vehicle.drive_cycle(args.drive_cycle, source=Source.SCENARIO)
            print(f"serving {session.vss.describe()}; Ctrl-C stops", flush=True)
            _run(session, args.speed, args.seconds)
        finally:
            session.close()
            print("stopped", flush=True)
    return 0


def _run(session: Session, speed: float, seconds: float | None) -> None:
    assert session.vss is not None
    began = last = time.monotonic()
    while (seconds is None or last - began < seconds) and not shutdown.requested():
        session.vss.wait_for_work(TICK_S)
        now = time.monotonic()
        session.step((now - last) * speed)
        last = now


def export_command(args: argparse.Namespace) -> int:
    """Print the VSS JSON, or write it to --output (never over an existing file)."""
    text = export.write(args.output)
    if text:
        sys.stdout.write(text)
    else:
        print(f"wrote {args.output}", file=sys.stderr)
    return 0
