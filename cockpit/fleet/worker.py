"""One fleet worker process: many cars ticked in one batch per period, one MQTT connection and (with
roaming profiles) one NATS connection and one profile store shared by all of its cars.

The loop: drain the MQTT queue and the roaming store, apply the plan's moves that are due, tick
every car by one period, sleep until the next period. When the cars cost more than a period the
worker falls behind real time; `lag_ms` says by how much (it is never hidden by skipping ticks).
Once a second it reports on `fleet/_status/worker-<n>` and to the runner.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from cockpit.core.commands import SetSignal, Source
from cockpit.fleet.car import BASE, FleetCar
from cockpit.fleet.plan import Move
from cockpit.home.connection import parse_broker_url
from cockpit.home.link import MqttLink
from cockpit.personalisation.learned import LearnedStore
from cockpit.personalisation.roaming.address import is_roaming
from cockpit.personalisation.roaming.sync import RoamingSync, shared_roaming
from cockpit.personalisation.store import ProfileStore
from cockpit.vehicle.cycles import load

logger = logging.getLogger(__name__)

STATUS_TOPIC = f"{BASE}/_status"
REPORT_EVERY_S = 1.0


@dataclass(frozen=True, slots=True)
class WorkerSpec:
    """What one worker runs; picklable, so the runner can hand it to a new process."""

    index: int
    numbers: tuple[int, ...]
    brokers: tuple[str, ...]
    state_dir: str
    profiles: str | None = None  # nats://... roaming store, a folder, or None for the shipped one
    tick_hz: float = 10.0
    publish_hz: float = 1.0
    discovery: bool = False
    seconds: float | None = None
    moves: tuple[Move, ...] = ()
    cycle: str = "wltp_class3b"
    log_level: int = logging.WARNING  # the runner's, so --debug reaches the workers too


@dataclass(slots=True)
class Report:
    """What a worker says once a second (and once more when it stops)."""

    worker: int
    cars: int
    sim_s: float = 0.0
    ticks_per_s: float = 0.0
    lag_ms: float = 0.0
    max_lag_ms: float = 0.0
    messages_per_s: float = 0.0
    messages: int = 0
    commands: int = 0
    refused: int = 0
    errors: int = 0
    broker: str = ""
    online: bool = False
    roaming: str = ""
    cpu_s: float = 0.0
    rss_mb: float = 0.0
    done: bool = False
    lags_ms: list[float] = field(default_factory=list)

    def to_json(self) -> str:
        data = asdict(self)
        data.pop("lags_ms")
        return json.dumps(data)


class Worker:
    """The cars of one process and their connections; `run()` until stopped or the time is up."""

    def __init__(self, spec: WorkerSpec, on_report: Callable[[Report], None] = lambda report: None,
                 should_stop: Callable[[], bool] = lambda: False) -> None:
        self.spec = spec
        self.stopping = False
        self._on_report = on_report
        self._should_stop = should_stop
        first, *others = (parse_broker_url(url) for url in spec.brokers)
        self.link = MqttLink(first, fallbacks=others, client_name=f"fleet-w{spec.index}",
                             availability_topic=f"{STATUS_TOPIC}/worker-{spec.index}/availability")
        self.sync: RoamingSync | None = None
        self.store = self._store()
        cycle = load(spec.cycle)
        every = 1.0 / spec.publish_hz
        self.cars = {car.id: car for car in (FleetCar(number, self.store, self._publish, cycle,
                                                      publish_every_s=every) for number in spec.numbers)}
        self.devices: list[Any] = []
        self._moves = deque(sorted(spec.moves, key=lambda move: move.at_s))
        self._errors = 0
        self.report = Report(spec.index, len(self.cars))
        # QoS 0: on NATS a QoS 1 subscription is a JetStream consumer, which takes seconds to elect
        # a new leader when a node dies; a command is answered on cmd_result, so a lost one is seen.
        self.link.on(f"{BASE}/+/cmd/#", self._on_command, retained=False, qos=0)
        self.link.on_problem(lambda problem: self._count_error())

    def _store(self) -> ProfileStore:
        spec = self.spec
        state = Path(spec.state_dir) / f"worker-{spec.index}"
        if is_roaming(spec.profiles):
            assert spec.profiles is not None
            self.sync = shared_roaming(spec.profiles, state, node=f"fleet-w{spec.index}-{os.getpid()}")
            return self.sync.store
        return ProfileStore(Path(spec.profiles) if spec.profiles else None, LearnedStore(state))

    def _publish(self, topic: str, payload: str) -> bool:
        return self.link.publish(topic, payload, qos=0)

    def _count_error(self) -> None:
        self._errors += 1

    def _on_command(self, topic: str, payload: bytes) -> None:
        car_id, _, rest = topic[len(BASE) + 1:].partition("/")
        car = self.cars.get(car_id)
        if car is None or not rest.startswith("cmd/"):
            return  # another worker's car
        self.report.commands += 1
        car.command(rest[len("cmd/"):], payload)

    def start(self) -> None:
        """Connect (in the background), load the profiles and put every car in its start state."""
        self.link.start()
        if self.sync is not None:
            for car in self.cars.values():
                self.sync.attach(car.profiles)
            self.sync.start()
        else:
            self.store.load()
        for car in self.cars.values():
            car.start()
        if self.spec.discovery:
            self._announce_cars()

    def _announce_cars(self) -> None:
        from cockpit.home.car_device import CarDevice  # Home Assistant entities, only when asked

        for car in self.cars.values():
            self.devices.append(CarDevice(car.cockpit, self.link, base=f"{BASE}/{car.id}", home_id=car.id,
                                          name=f"Fleet {car.id}"))

    def run(self) -> Report:
        """Tick every car at `tick_hz` until stopped or `seconds` passed; returns the last report."""
        spec, period = self.spec, 1.0 / self.spec.tick_hz
        begun = next_tick = time.monotonic()
        window_start, window_ticks, window_messages, lags = begun, 0, 0, []
        ticks = 0
        while not (self.stopping or self._should_stop()) and (spec.seconds is None
                                                              or ticks * period < spec.seconds):
            self.link.drain()
            if self.sync is not None:
                self.sync.poll()
            self._apply_moves(ticks * period)
            lags.append(max(0.0, time.monotonic() - next_tick) * 1000.0)
            for car in self.cars.values():
                car.tick(period)
            for device in self.devices:
                device.step(period)
            ticks += 1
            window_ticks += 1
            next_tick += period
            now = time.monotonic()
            if now - window_start >= REPORT_EVERY_S:
                messages = sum(car.messages for car in self.cars.values())
                self._report(ticks * period, window_ticks / (now - window_start),
                             (messages - window_messages) / (now - window_start), lags)
                window_start, window_ticks, window_messages, lags = now, 0, messages, []
            self._sleep_until(next_tick)
        self.report.done = True  # the last report keeps the rates of the last full second
        self._report(ticks * period, self.report.ticks_per_s, self.report.messages_per_s, lags)
        return self.report

    def _sleep_until(self, deadline: float) -> None:
        """Wait for the next tick, handling remote commands and roaming updates meanwhile (a driver's
        fob should not wait a whole tick for the fresh copy of their profile)."""
        while (remaining := deadline - time.monotonic()) > 0:
            handled = self.link.drain(wait=min(remaining, 0.005))
            if self.sync is not None:
                self.sync.poll()
            if handled == 0 and remaining <= 0.005:
                return

    def _apply_moves(self, now: float) -> None:
        while self._moves and self._moves[0].at_s <= now:
            move = self._moves.popleft()
            car = self.cars[f"car-{move.car:04d}"]
            if move.fob is not None:
                car.fobs.present(move.fob)
            elif move.set is not None:
                car.cockpit.submit(SetSignal(move.set.signal, move.set.value, source=Source.USER))
            elif move.park:
                car.park()
            else:
                car.drive()

    def _report(self, sim_s: float, ticks_per_s: float, messages_per_s: float, lags: list[float]) -> None:
        report = self.report
        usage = resource.getrusage(resource.RUSAGE_SELF)
        report.sim_s, report.ticks_per_s, report.messages_per_s = sim_s, ticks_per_s, messages_per_s
        report.lag_ms = lags[-1] if lags else 0.0
        report.max_lag_ms = max(lags, default=0.0)
        report.lags_ms.extend(lags)
        report.messages = sum(car.messages for car in self.cars.values())
        report.refused = sum(car.refused for car in self.cars.values())
        report.errors = self._errors
        report.broker, report.online = self.link.settings.url, self.link.online
        if self.sync is not None:
            report.roaming = "online" if self.sync.backend.online else self.sync.backend.status
        report.cpu_s = usage.ru_utime + usage.ru_stime
        report.rss_mb = usage.ru_maxrss / 1024.0
        self.link.publish(f"{STATUS_TOPIC}/worker-{self.spec.index}", report.to_json(), qos=0)
        self._on_report(report)

    def close(self) -> None:
        self.link.flush(1.0)
        self.link.stop()
        if self.sync is not None:
            self.sync.close()


def worker_main(spec: WorkerSpec, stop: Any, reports: Any) -> None:
    """The entry point of a worker process: run until `stop` (an Event) is set; reports go to `reports`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the runner decides when to stop
    logging.basicConfig(level=spec.log_level,
                        format=f"%(levelname)s worker-{spec.index} %(name)s: %(message)s")

    def send(report: Report) -> None:
        reports.put(json.loads(report.to_json()) | {"lags_ms": report.lags_ms[-1000:]})
        report.lags_ms.clear()

    worker = Worker(spec, on_report=send, should_stop=stop.is_set)
    signal.signal(signal.SIGTERM, lambda signum, frame: setattr(worker, "stopping", True))
    try:
        worker.start()
        worker.run()
    finally:
        worker.close()
