"""`cockpit bench vss`: a signal change to a kuksa-client subscriber, and gets per second.

The cockpit serves the API here, on a real session; the client is the unmodified kuksa-client SDK in
its own process (cockpit.vss.bench_client), as a VSS app would be, on the same core when the bench pins
itself to one. subscribe_latency: the main loop sets the driver temperature as the dashboard does and
waits until the client reports that update; both stamp with CLOCK_MONOTONIC, which Linux shares between
processes. gets_per_second: the client reads one signal with get_current_values in a loop, in windows
of WINDOW_S seconds.
"""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
from typing import Final

from cockpit.bench import Metric
from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal, Source
from cockpit.core.errors import CockpitError
from cockpit.session import Session, Settings
from cockpit.vss.settings import ApiSettings

SAMPLES: Final = 300
WINDOWS: Final = 8
WINDOW_S: Final = 0.5
ANSWER_S: Final = 10.0
LATENCY_BUDGET_MS: Final = 5.0  # DESIGN.md: signal change to subscriber, p99


def run() -> list[Metric]:
    with Session(Settings(use_broker=False, vss_api=ApiSettings(port=0))) as session:
        assert session.vss is not None
        client = _Client(session.vss.port)
        try:
            client.expect("U")  # the subscription's snapshot
            latency = Metric("subscribe_latency", "ms", _latencies(session, client),
                             budget=LATENCY_BUDGET_MS, budget_on="p99")
            gets = Metric("gets_per_second", "gets/s", [client.gets(WINDOW_S) for _ in range(WINDOWS)])
        finally:
            client.close()
    return [latency, gets]


def _latencies(session: Session, client: _Client) -> list[float]:
    samples = []
    for number in range(SAMPLES):
        value = 16.5 + (number % 22) * 0.5  # 16.5 .. 27.0: each differs from the one before
        began = time.monotonic()
        session.cockpit.submit(SetSignal(sig.DRIVER_TEMP, value, source=Source.USER))
        words = client.expect("U")
        if float(words[1]) != value:
            raise CockpitError(f"bench client reported {words[1]}, expected {value}")
        samples.append((float(words[2]) - began) * 1000.0)
    return samples


class _Client:
    """The bench client process and its replies, read by a thread so a wait can time out."""

    def __init__(self, port: int) -> None:
        self._process = subprocess.Popen([sys.executable, "-m", "cockpit.vss.bench_client", str(port)],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self._lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, name="bench-client-output")
        self._reader.start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self._lines.put(line)

    def expect(self, kind: str) -> list[str]:
        """The next reply of `kind`; raises CockpitError when none comes within ANSWER_S."""
        try:
            words = self._lines.get(timeout=ANSWER_S).split()
        except queue.Empty:
            raise CockpitError(f"the bench client did not answer within {ANSWER_S:g} s") from None
        if not words or words[0] != kind:
            raise CockpitError(f"the bench client said {' '.join(words)!r}, expected {kind}")
        return words

    def gets(self, seconds: float) -> float:
        assert self._process.stdin is not None
        self._process.stdin.write(f"G {seconds}\n")
        self._process.stdin.flush()
        _, count, elapsed = self.expect("G")
        return int(count) / float(elapsed)

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join()
