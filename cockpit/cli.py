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
import sys
from collections.abc import Callable, Sequence

from cockpit import __version__

# Modules with a `register(subparsers)` function, one per part of the cockpit.
PART_COMMANDS: tuple[str, ...] = (
    "cockpit.ui.cli",
    "cockpit.bench_cli",
    "cockpit.personalisation.cli",
    "cockpit.assistants.cli",
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
    """Entry point of the `cockpit` console script; returns the exit code."""
    try:
        return _main(argv)
    except KeyboardInterrupt:  # also while starting up, before a handler runs
        print("interrupted", file=sys.stderr)
        return 130


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
