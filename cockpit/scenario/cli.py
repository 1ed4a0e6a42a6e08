"""Registers `cockpit scenario run | check | schema | replay | from-recording`.

Only argparse is imported here; the handlers import the runner (pygame, pydantic, YAML) when they run.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def profiles(text: str) -> list[str]:
    """Parse A,B into profile ids."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError("give at least one profile id, e.g. alice,bernd")
    return names


def speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"speed must be a number, not {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("speed must be above 0 (times real time)")
    return value


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "scenario", help="run, check, replay scenarios; print their JSON Schema")
    commands = parser.add_subparsers(dest="scenario_command", required=True, metavar="ACTION")
    report = argparse.ArgumentParser(add_help=False)
    report.add_argument("--report", type=Path, metavar="DIR",
                        help="write events.jsonl, screenshots and report.html here")
    run = commands.add_parser("run", parents=[report], help="run scenarios headless; exit 1 on a failure")
    run.add_argument("files", nargs="+", type=Path, metavar="FILE")
    run.add_argument("--speed", type=speed, metavar="X",
                     help="X times real time (default: as fast as possible)")
    run.add_argument("--window", action="store_true", help="show the dashboard in a window")
    run.add_argument("--broker", metavar="URL", help="MQTT broker for scenarios with the home "
                                                     "(default: an embedded one)")
    run.add_argument("--profiles", type=profiles, metavar="A,B",
                     help="run once per driver profile and compare the runs side by side")
    run.add_argument("--language", default="en", metavar="TAG",
                     help="language of the report and the summary, e.g. de (default: en)")
    run.add_argument("--junit", type=Path, metavar="FILE", help="also write the results as JUnit XML")
    run.add_argument("--open", action="store_true",
                     help="open the report (the index for several files) in the default browser")
    run.set_defaults(handler="cockpit.scenario.commands:run_command")
    check = commands.add_parser("check", help="report every problem in scenario files")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.set_defaults(handler="cockpit.scenario.commands:check_command")
    schema = commands.add_parser("schema", help="print the scenario JSON Schema")
    schema.set_defaults(handler="cockpit.scenario.commands:schema_command")
    replay = commands.add_parser("replay", parents=[report], help="reproduce a `cockpit run --record` run")
    replay.add_argument("file", type=Path, metavar="FILE")
    replay.set_defaults(handler="cockpit.scenario.commands:replay_command")
    convert = commands.add_parser("from-recording", help="turn a recording into an editable scenario")
    convert.add_argument("file", type=Path, metavar="REC")
    convert.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                         help="scenario file to write (an existing file is never overwritten)")
    convert.set_defaults(handler="cockpit.scenario.commands:from_recording_command")
