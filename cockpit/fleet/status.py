"""`cockpit fleet status`: the workers' reports as a live table (cars, messages per second, lag, errors).

Each worker publishes a report on `fleet/_status/worker-<n>` once a second; this command
subscribes to them on the fleet's broker and redraws the table (on a terminal) or prints it once
per second (into a file or a pipe). The runner shows the same table.
"""

from __future__ import annotations

import argparse
import logging
import math
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any, Final

from cockpit import shutdown
from cockpit.core.errors import brief
from cockpit.reading import ReadError, parse_json

logger = logging.getLogger(__name__)

Row = Mapping[str, Any]
# (heading, how a report shows in it); the total row is a report summed (or maximised) over workers.
COLUMNS: tuple[tuple[str, Callable[[Row], str]], ...] = (
    ("worker", lambda r: str(r.get("worker", ""))),
    ("cars", lambda r: str(r.get("cars", 0))),
    ("sim s", lambda r: f"{r['sim_s']:.0f}" if "sim_s" in r else ""),
    ("ticks/s", lambda r: f"{r['ticks_per_s']:.1f}" if "ticks_per_s" in r else ""),
    ("lag ms", lambda r: f"{r.get('lag_ms', 0):.1f}"),
    ("max lag", lambda r: f"{r.get('max_lag_ms', 0):.1f}"),
    ("msg/s", lambda r: f"{r.get('messages_per_s', 0):.0f}"),
    ("commands", lambda r: str(r.get("commands", 0))),
    ("refused", lambda r: str(r.get("refused", 0))),
    ("errors", lambda r: str(r.get("errors", 0))),
    ("broker", lambda r: (r.get("broker", "") if r.get("online") else "offline") if "online" in r else ""),
    ("roaming", lambda r: r.get("roaming", "") or ("-" if "online" in r else "")),
    ("cpu s", lambda r: f"{r.get('cpu_s', 0):.1f}"),
    ("rss MB", lambda r: f"{r.get('rss_mb', 0):.0f}"),
)
SUMMED = ("cars", "messages_per_s", "commands", "refused", "errors", "cpu_s", "rss_mb")
MAXIMISED = ("lag_ms", "max_lag_ms")
NUMBERS: Final = (*SUMMED, *MAXIMISED, "sim_s", "ticks_per_s", "messages")
WORDS: Final = ("broker", "roaming")
MAX_REPORT_BYTES: Final = 4096  # a report is ~400 bytes
LARGEST: Final = 1e12  # no count, rate, duration or size of a fleet gets near this


def parse_report(payload: bytes) -> dict[str, Any]:
    """A worker's report read from the broker; raises ValueError saying why it is none.

    Anyone on the broker can publish on the status topics: a report's numbers must be finite and
    plausible and its words one short printable line, before they reach the table or the terminal.
    """
    if len(payload) > MAX_REPORT_BYTES:
        raise ValueError(f"{len(payload):,} bytes; a report is at most {MAX_REPORT_BYTES:,}")
    try:
        report = parse_json(payload)
    except ReadError as error:
        raise ValueError(str(error)) from None
    if not isinstance(report, dict):
        raise ValueError("not a JSON object")
    worker = report.get("worker")
    if type(worker) is not int or not 0 <= worker < 100_000:
        raise ValueError(f"worker must be a whole number, not {brief(worker, 40)}")
    for key in NUMBERS:
        value = report.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
                math.isfinite(value) and 0 <= value < LARGEST):
            raise ValueError(f"{key} must be a number from 0, not {brief(value, 40)}")
    for key in WORDS:
        value = report.get(key, "")
        if not isinstance(value, str) or len(value) > 200 or not value.isprintable():
            raise ValueError(f"{key} must be one short line of text, not {brief(value, 40)}")
    return report


def total(reports: Mapping[int, Row]) -> dict[str, Any]:
    """One report for the whole fleet."""
    values = list(reports.values())
    summary: dict[str, Any] = {"worker": "all"}
    summary.update({key: sum(r.get(key, 0) for r in values) for key in SUMMED})
    summary.update({key: max((r.get(key, 0) for r in values), default=0) for key in MAXIMISED})
    return summary


def table(reports: Mapping[int, Row]) -> list[str]:
    """The table's lines: one row per worker and a total."""
    rows = [tuple(heading for heading, _ in COLUMNS)]
    rows += [tuple(show(reports[index]) for _, show in COLUMNS) for index in sorted(reports)]
    rows.append(tuple(show(total(reports)) for _, show in COLUMNS))
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    return ["  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in rows]


class LiveTable:
    """Draws the table in place on a terminal; elsewhere prints it each time with a blank line."""

    def __init__(self, out: Any = sys.stdout) -> None:
        self.out = out
        self._drawn = 0

    def draw(self, reports: Mapping[int, Mapping[str, Any]]) -> None:
        lines = table(reports)
        if self.out.isatty() and self._drawn:
            self.out.write(f"\x1b[{self._drawn}F\x1b[J")
        elif self._drawn:
            self.out.write("\n")
        self.out.write("\n".join(lines) + "\n")
        self.out.flush()
        self._drawn = len(lines)


def status_command(args: argparse.Namespace) -> int:
    with shutdown.deferred():  # Ctrl-C ends the watch between two drains, never inside one
        return _watch(args)


def _watch(args: argparse.Namespace) -> int:
    from cockpit.core.errors import BridgeError
    from cockpit.fleet.worker import STATUS_TOPIC
    from cockpit.home.connection import parse_broker_url
    from cockpit.home.link import MqttLink

    first, *others = (parse_broker_url(url.strip()) for url in args.broker.split(","))
    link = MqttLink(first, fallbacks=others, availability_topic=f"{STATUS_TOPIC}/viewer/availability",
                    client_name="fleet-status")
    reports: dict[int, dict[str, Any]] = {}

    def on_report(topic: str, payload: bytes) -> None:
        try:
            report = parse_report(payload)
        except ValueError as error:
            logger.warning("%s: not a worker's report (%s): %s", topic, error, brief(payload, 120))
            return
        reports[report["worker"]] = report

    link.on(f"{STATUS_TOPIC}/+", on_report, qos=0)
    live = LiveTable()
    link.start()
    try:
        link.wait_online(10.0)
        deadline = time.monotonic() + args.seconds if args.seconds else None
        next_draw, seen = time.monotonic() + 1.0, 0
        while (deadline is None or time.monotonic() < deadline) and not shutdown.requested():
            link.drain(wait=0.1)
            if time.monotonic() >= next_draw:
                next_draw += 1.0
                # --once: the table when a whole second brought no worker not seen before (each
                # reports once a second), so a worker that started a moment later is in it too.
                if args.once and reports and len(reports) == seen:
                    live.draw(reports)
                    return 0
                seen = len(reports)
                if reports and not args.once:
                    live.draw(reports)
        if not reports:
            print("no fleet worker reported on this broker", file=sys.stderr)
            return 1
    except BridgeError:
        raise
    except KeyboardInterrupt:
        pass
    finally:
        link.stop()
    return 0
