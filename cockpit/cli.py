"""The `cockpit` command line.

Each part of the cockpit registers its own subcommands from a small `cli.py` of its own that
imports nothing but argparse, and names its handler as "module:function". The handler's module is
imported only after the arguments are parsed, so `cockpit run` starts fast.

Exit codes: 0 success, 1 runtime failure, 2 invalid input (bad file, bad argument).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence

from cockpit import __version__, shutdown

# Modules with a `register(subparsers)` function, one per part of the cockpit.
PART_COMMANDS: tuple[str, ...] = (
    "cockpit.ui.cli",
    "cockpit.bench_cli",
    "cockpit.personalisation.cli",
    "cockpit.assistants.cli",
    "cockpit.assistants.speech.cli",
    "cockpit.home.cli",
    "cockpit.scenario.cli",
    "cockpit.vss.cli",
    "cockpit.fleet.cli",
)


def build_parser() -> argparse.ArgumentParser:
    """The full parser: global options plus every part's subcommands."""
    parser = argparse.ArgumentParser(prog="cockpit", description="SmartCockpit Sim")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="log debug output and show tracebacks")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in PART_COMMANDS:
        importlib.import_module(module_name).register(subparsers)
    return parser


def resolve(handler: str) -> Callable[[argparse.Namespace], int]:
    """Import "module:function" lazily and return the function."""
    module_name, _, function_name = handler.partition(":")
    function: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module_name),
                                                            function_name)
    return function


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `cockpit` console script; returns the exit code (128 + the signal's number
    after Ctrl-C or SIGTERM, whenever it came: see cockpit.shutdown)."""
    with shutdown.installed():
        try:
            code = _main(argv)
        except KeyboardInterrupt as error:  # raised outside a loop: starting up, in a one-shot command
            code = 128 + getattr(error, "signum", signal.SIGINT)
        status = shutdown.exit_status()
    if status is not None or code >= 128:
        print("interrupted", file=sys.stderr)
    _warn_about_threads()
    return status if status is not None else code


def _warn_about_threads() -> None:
    """Say so if a thread outlives the command: every part must stop what it started."""
    left = [thread.name for thread in threading.enumerate()
            if thread is not threading.main_thread() and thread.is_alive()]
    if left:
        print(f"warning: still running at exit: {', '.join(left)}", file=sys.stderr)


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    from cockpit.core.errors import CockpitError

    try:
        return resolve(args.handler)(args)
    except CockpitError as error:
        if args.debug:
            raise
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        # The reader went away (`cockpit alexa config | head`): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
