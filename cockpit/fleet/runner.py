"""`cockpit fleet run`: N headless cars across worker processes, the plan's moves, a live table.

Cars are split into contiguous blocks, one block per worker process (one per core by default).
Ctrl-C or SIGTERM stops every worker cleanly (each closes its connections and flushes its queue);
a worker that does not stop within STOP_TIMEOUT_S is killed, so no process is left behind.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import queue
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from types import FrameType
from typing import Any

from cockpit.core.errors import CockpitError, InvalidInput
from cockpit.fleet.plan import FleetPlan, load_plan
from cockpit.fleet.status import LiveTable
from cockpit.fleet.worker import WorkerSpec, worker_main

STOP_TIMEOUT_S = 15.0


def split(cars: int, workers: int) -> list[tuple[int, ...]]:
    """Car numbers 1..cars in `workers` contiguous blocks whose sizes differ by at most one."""
    size, extra = divmod(cars, workers)
    blocks, first = [], 1
    for index in range(workers):
        count = size + (1 if index < extra else 0)
        blocks.append(tuple(range(first, first + count)))
        first += count
    return [block for block in blocks if block]


@dataclass(slots=True)
class FleetResult:
    """What the workers reported: the last report of each and every lag sample seen."""

    reports: dict[int, dict[str, Any]] = field(default_factory=dict)
    lags_ms: list[float] = field(default_factory=list)
    windows: list[tuple[float, list[float]]] = field(default_factory=list)  # (simulated s, lags) per report
    failed: list[str] = field(default_factory=list)


OnReport = Callable[[dict[int, dict[str, Any]]], None]


def run_fleet(specs: Sequence[WorkerSpec], on_report: OnReport = lambda reports: None,
              stop_after_s: float | None = None, *, handle_signals: bool = True) -> FleetResult:
    """Start a process per spec, collect reports until all are done (or a stop signal); raises nothing.

    With `handle_signals` (only from the main thread) Ctrl-C and SIGTERM stop the workers cleanly.
    """
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    reports: Any = context.Queue()
    processes = [context.Process(target=worker_main, args=(spec, stop, reports), name=f"fleet-w{spec.index}")
                 for spec in specs]
    result = FleetResult()
    previous = ({number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
                if handle_signals else {})

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    for number in previous:
        signal.signal(number, request_stop)
    started = time.monotonic()
    try:
        for process in processes:
            process.start()
        while any(process.is_alive() for process in processes):
            if stop_after_s is not None and time.monotonic() - started > stop_after_s:
                stop.set()
            _collect(reports, result, on_report, wait=0.2)
        _collect(reports, result, on_report, wait=0.0)
    finally:
        stop.set()
        deadline = time.monotonic() + STOP_TIMEOUT_S
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(2.0)
        for process in processes:
            if process.exitcode not in (0, None):
                result.failed.append(f"{process.name} exited with {process.exitcode}")
        reports.close()
        reports.join_thread()
        for number, handler in previous.items():
            signal.signal(number, handler)
    return result


def _collect(reports: Any, result: FleetResult, on_report: OnReport, *, wait: float) -> None:
    got = False
    try:
        while True:
            report = reports.get(timeout=wait) if wait and not got else reports.get_nowait()
            got = True
            lags = report.pop("lags_ms", [])
            result.lags_ms.extend(lags)
            result.windows.append((float(report.get("sim_s", 0.0)), lags))
            result.reports[int(report["worker"])] = report
    except queue.Empty:
        pass
    if got:
        on_report(result.reports)


def specs_for(args: argparse.Namespace, plan: FleetPlan | None) -> list[WorkerSpec]:
    """The workers' specs from the command line and the plan; raises InvalidInput."""
    from cockpit.home.connection import parse_broker_url
    from cockpit.personalisation.learned import default_state_dir
    from cockpit.personalisation.roaming.address import is_roaming, parse_roaming_url

    cars = args.cars if args.cars is not None else (plan.cars if plan else 10)
    if plan is not None and cars < plan.cars:
        raise InvalidInput(f"--cars {cars}: the plan {args.plan} moves drivers between {plan.cars} cars")
    brokers = tuple(url.strip() for url in args.broker.split(",") if url.strip())
    for url in brokers:
        parse_broker_url(url)
    if is_roaming(args.profiles):
        parse_roaming_url(args.profiles)
    seconds = args.seconds if args.seconds is not None else (plan.duration_s if plan else None)
    workers = min(args.workers or os.cpu_count() or 1, cars)
    state_dir = args.state_dir or default_state_dir() / "fleet"
    base = WorkerSpec(index=0, numbers=(), brokers=brokers, state_dir=str(state_dir), profiles=args.profiles,
                      tick_hz=args.tick_hz, publish_hz=args.publish_hz, discovery=args.discovery,
                      seconds=seconds, log_level=logging.getLogger().getEffectiveLevel())
    moves = plan.moves if plan else []
    specs = []
    for index, block in enumerate(split(cars, workers)):
        turn = index % len(brokers)  # each worker starts with another broker: they spread over the nodes
        specs.append(replace(base, index=index + 1, numbers=block, brokers=brokers[turn:] + brokers[:turn],
                             moves=tuple(move for move in moves if move.car in block)))
    return specs


def run_command(args: argparse.Namespace) -> int:
    plan = load_plan(args.plan) if args.plan else None
    specs = specs_for(args, plan)
    live = LiveTable()
    print(f"{sum(len(spec.numbers) for spec in specs)} cars in {len(specs)} worker(s); Ctrl-C stops",
          file=sys.stderr)
    result = run_fleet(specs, on_report=live.draw)
    for failure in result.failed:
        print(f"error: {failure}", file=sys.stderr)
    if result.failed:
        raise CockpitError("; ".join(result.failed))
    return 0


