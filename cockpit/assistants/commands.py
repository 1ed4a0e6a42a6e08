"""Handlers of the assistant commands (imported only after the command line is parsed)."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cockpit import shutdown
from cockpit.core.errors import AdapterError, BridgeError, InvalidInput
from cockpit.core.text import localise
from cockpit.i18n import translator
from cockpit.personalisation.known import has_voice_pin
from cockpit.reading import ReadError, parse_json, read_limited
from cockpit.session import Session, Settings

HOME_ONLINE_TIMEOUT_S = 5.0
MAX_MESSAGE_BYTES = 64 * 1024  # an Alexa directive is well under 8 KiB
TURN_GAP_S = 1.0  # simulated seconds between the turns of one `cockpit say` conversation


def say(args: argparse.Namespace) -> int:
    """Turns through an adapter; prints each reply in the driver's language (or, with --json, each
    whole turn, and `said`: the reply as the driver hears it)."""
    if args.audio:
        from cockpit.assistants.speech.commands import say_audio

        return say_audio(args)
    message = _read_message(Path(args.message)) if args.message else None
    with assistant_session(args) as session:
        adapter = session.assistant
        if adapter is None:
            raise AdapterError("no assistant in this session")
        if message is not None:
            results = [adapter.handle_message(message)]
        else:
            results = []
            for utterance in args.utterance:
                if results:
                    session.step(TURN_GAP_S)
                results.append(adapter.respond(utterance))
        driver = session.view.driver
    tr = translator(driver.language if driver is not None else "en-GB")
    if args.json:
        turns = [{**result.to_dict(), "said": localise(result.reply, tr)} for result in results]
        print(json.dumps(turns[0] if len(turns) == 1 else turns, indent=2, default=str))
        return 0
    for result in results:
        print(localise(result.reply, tr))
        for outcome in result.outcomes:
            reason = f" ({localise(outcome.reason, tr)})" if outcome.reason else ""
            print(f"  {outcome.status.value}: {outcome.command.describe()}{reason}")
    return 0


@contextlib.contextmanager
def assistant_session(args: argparse.Namespace) -> Iterator[Session]:
    """A session for `say` and `listen` (their --assistant, --profile and home options), with the
    home online (or a warning), and what was sent to the home acknowledged at the end."""
    settings = Settings(assistant=args.assistant, profile=args.profile, broker_url=args.broker,
                        use_broker=not args.no_broker, home_file=Path(args.home) if args.home else None)
    with shutdown.deferred(), Session(settings) as session:  # Ctrl-C stops the waits, not a lock
        try:
            session.wait_for_home(HOME_ONLINE_TIMEOUT_S)  # a home command should reach it
        except BridgeError as error:
            print(f"warning: {error}; home commands will wait for the broker", file=sys.stderr)
        try:
            yield session
        finally:
            session.flush_home(HOME_ONLINE_TIMEOUT_S)


def _read_message(path: Path) -> dict[str, Any]:
    """The JSON object in `path`; raises InvalidInput naming the file, line and column.

    NaN and Infinity are let through to the adapter, which answers them natively (an Alexa
    INVALID_VALUE), as a real skill given such a message would.
    """
    try:
        message = parse_json(read_limited(path, MAX_MESSAGE_BYTES, "native message"), allow_nonfinite=True)
    except ReadError as error:
        raise InvalidInput(f"{path}:{error}") from None
    if not isinstance(message, dict):
        raise InvalidInput(f"{path}:1:1: (root): a native message must be a JSON object, not "
                           f"{type(message).__name__}")
    return message


def list_adapters(args: argparse.Namespace) -> int:
    from cockpit.assistants.registry import installed

    infos = installed()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "name": i.name,
                        "distribution": i.distribution,
                        "version": i.version,
                        "wake_words": list(i.wake_words),
                        "entry_point": i.target,
                    }
                    for i in infos
                ],
                indent=2,
            )
        )
        return 0
    rows = [("NAME", "DISTRIBUTION", "VERSION", "WAKE WORDS")]
    rows += [(i.name, i.distribution, i.version, ", ".join(i.wake_words)) for i in infos]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[3])
    return 0


def alexa_config(args: argparse.Namespace) -> int:
    from cockpit.assistants.alexa.carcontrol import configuration

    print(json.dumps(configuration(pin=_has_voice_pin(args.profile)), indent=2))
    return 0


def alexa_discovery(args: argparse.Namespace) -> int:
    from cockpit.assistants.alexa.discovery import discover_response
    from cockpit.home.home_config import load_home

    devices = load_home(Path(args.home) if args.home else None).device_list()
    print(json.dumps(discover_response(devices, pin=_has_voice_pin(args.profile)), indent=2))
    return 0


def _has_voice_pin(profile: str | None) -> bool:
    """Whether the profile guards what opens the house or the car with a voice PIN; raises
    ProfileError for an unknown profile."""
    return profile is not None and has_voice_pin(profile)
