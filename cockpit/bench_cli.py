"""Registers `cockpit bench`."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "bench", help="run the benchmarks and print medians and ratios to the budgets")
    parser.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default: all)")
    parser.add_argument("--json", action="store_true", help="one JSON object per benchmark")
    parser.set_defaults(handler="cockpit.bench_cli:run_command")


def run_command(args: argparse.Namespace) -> int:
    from cockpit import bench

    bench.pin_to_one_core()
    bench.run(args.names, args.json)
    return 0
