"""`cockpit bench mqtt`: command -> device -> state round trips and one bridge's throughput.

round_trip_embedded / round_trip_mosquitto (ms): a HomeCommand submitted to the cockpit travels
to the broker, reaches the simulated light, and its new state comes back into the bridge's read
model - the whole path a panel tap takes, on loopback. throughput (msg/s): commands another client
in another process fires at 50 lights, each answered with a state message by one node. Bounded in count
and time; mosquitto figures are left out (with a log line) when it is not installed.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import tempfile
import threading
import time
from pathlib import Path

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from cockpit.bench import Metric
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import HomeCommand
from cockpit.home.broker import EmbeddedBroker
from cockpit.home.connection import BrokerSettings
from cockpit.home.home_config import HomeConfig, load_home
from cockpit.home.link import MqttLink
from cockpit.home.mosquitto import Mosquitto, find_mosquitto
from cockpit.home.node import HomeNode
from cockpit.home.service import HomeService

logger = logging.getLogger(__name__)

ROUND_TRIPS = 1000
THROUGHPUT_DEVICES = 50
THROUGHPUT_MESSAGES = 2000
THROUGHPUT_RUNS = 3
TIME_LIMIT_S = 10.0
ROUND_TRIP_BUDGET_MS = 5.0


def round_trips(port: int, count: int = ROUND_TRIPS) -> list[float]:
    """Milliseconds from submitting a HomeCommand to the device's new state in the read model."""
    cockpit = Cockpit()
    service = HomeService(cockpit, load_home(), BrokerSettings(port=port))
    service.start()
    samples: list[float] = []
    try:
        service.wait_online(5.0)
        deadline = time.monotonic() + TIME_LIMIT_S
        for index in range(count + 10):
            wanted = "ON" if index % 2 == 0 else "OFF"
            began = time.perf_counter()
            cockpit.submit(HomeCommand("light_hallway", "turn_on" if wanted == "ON" else "turn_off"))
            while service.bridge.device("light_hallway").state.get("state") != wanted:
                service.link.drain(wait=0.05)
                if time.monotonic() > deadline:
                    return samples
            if index >= 10:  # the first few warm up connections and caches
                samples.append((time.perf_counter() - began) * 1000)
    finally:
        service.close()
    return samples


def many_lights(count: int) -> HomeConfig:
    """A home of `count` lights, for the throughput run."""
    return HomeConfig.model_validate({
        "home_id": "bench", "location": {"latitude": 0, "longitude": 0},
        "devices": [{"id": f"light{i}", "type": "light", "name": f"Light {i}"} for i in range(count)]})


def throughput(port: int) -> float:
    """State messages per second one node answers while another process fires commands at 50 lights.

    The load comes from a separate process (as Home Assistant would be), so it does not share the
    node's interpreter lock or its pinned core.
    """
    home = many_lights(THROUGHPUT_DEVICES)
    node_link = MqttLink(BrokerSettings(port=port), availability_topic=f"{home.base}/status",
                         client_name="bench")
    HomeNode(home, node_link)  # answers through node_link's handlers
    context = multiprocessing.get_context("spawn")
    results: multiprocessing.Queue[float] = context.Queue()
    try:
        node_link.start()
        node_link.wait_online(5.0)
        node_link.flush(5.0)
        driver = context.Process(target=drive, args=(port, home.base, results), daemon=True)
        driver.start()
        deadline = time.monotonic() + TIME_LIMIT_S + 5
        while time.monotonic() < deadline:
            node_link.drain(wait=0.005)
            with contextlib.suppress(queue.Empty):
                return results.get_nowait()
        driver.kill()
        return 0.0
    finally:
        node_link.stop()


def drive(port: int, base: str, results: multiprocessing.Queue[float]) -> None:
    """The load generator (in its own process): send commands, count state answers, report the rate."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, range(os.cpu_count() or 1))
    answers = threading.Semaphore(0)
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"bench-driver-{os.getpid()}")
    client.on_message = lambda c, u, message: answers.release()
    client.connect("127.0.0.1", port)
    client.loop_start()
    try:
        client.subscribe(f"{base}/+/state", qos=1)
        for _ in range(THROUGHPUT_DEVICES):  # the retained states arrive first
            answers.acquire(timeout=5)
        began = time.perf_counter()
        for index in range(THROUGHPUT_MESSAGES):
            state = "ON" if (index // THROUGHPUT_DEVICES) % 2 == 0 else "OFF"
            client.publish(f"{base}/light{index % THROUGHPUT_DEVICES}/set", f'{{"state": "{state}"}}', qos=1)
        received = sum(answers.acquire(timeout=TIME_LIMIT_S) for _ in range(THROUGHPUT_MESSAGES))
        results.put(received / (time.perf_counter() - began))
    finally:
        client.disconnect()
        client.loop_stop()


def run() -> list[Metric]:
    """The mqtt benchmark: round trips on both brokers side by side, and one bridge's throughput."""
    metrics = []
    with EmbeddedBroker() as embedded:
        metrics.append(Metric("round_trip_embedded", "ms", round_trips(embedded.port), ROUND_TRIP_BUDGET_MS,
                              budget_on="p99"))
        embedded_throughput = [throughput(embedded.port) for _ in range(THROUGHPUT_RUNS)]
    if find_mosquitto() is None:
        logger.warning("mosquitto is not installed: round_trip_mosquitto left out")
        metrics.append(Metric("throughput", "msg/s", embedded_throughput))
        return metrics
    with tempfile.TemporaryDirectory() as workdir, Mosquitto(Path(workdir)) as mosquitto:
        mosquitto_trips = round_trips(mosquitto.port)
        metrics.append(Metric("round_trip_mosquitto", "ms", mosquitto_trips, ROUND_TRIP_BUDGET_MS,
                              budget_on="p99"))
        rates = [throughput(mosquitto.port) for _ in range(THROUGHPUT_RUNS)]
        metrics.append(Metric("throughput", "msg/s", rates))
    metrics.append(Metric("throughput_embedded", "msg/s", embedded_throughput))
    return metrics
