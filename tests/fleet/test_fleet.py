"""Fleet workers over a real NATS cluster: VSS telemetry, roaming drivers, remote commands via the policy."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cockpit.core import signals as sig
from cockpit.fleet.cluster import Cluster
from cockpit.fleet.plan import Change, Move
from cockpit.fleet.worker import Worker, WorkerSpec
from cockpit.home.connection import parse_broker_url
from cockpit.home.link import MqttLink
from cockpit.personalisation.roaming import transfer
from cockpit.personalisation.roaming.address import parse_roaming_url
from tests.fleet.conftest import copy_profiles


class Listener:
    """A subscriber on another node than the workers': every message on fleet/# by topic."""

    def __init__(self, url: str) -> None:
        self.link = MqttLink(parse_broker_url(url), availability_topic="test/listener",
                             client_name="listener")
        self.messages: list[tuple[float, str, bytes]] = []
        self.link.on("fleet/#", self._received, qos=0)

    def _received(self, topic: str, payload: bytes) -> None:
        self.messages.append((time.monotonic(), topic, payload))

    def last(self, topic: str) -> object:
        values = [json.loads(payload) for _, name, payload in self.messages if name == topic]
        return values[-1] if values else None

    def wait_for(self, until: Callable[[], bool], timeout: float = 20.0,
                 explain: Callable[[], str] = lambda: "") -> None:
        deadline = time.monotonic() + timeout
        while not until():
            assert time.monotonic() < deadline, f"timed out after {timeout:g} s {explain()}"
            self.link.drain(wait=0.05)


@pytest.fixture
def listener(shared_cluster: Cluster) -> Iterator[Listener]:
    listening = Listener(shared_cluster.nodes[2].mqtt_url)
    listening.link.start()
    listening.link.wait_online(10.0)
    yield listening
    listening.link.stop()


def running(worker: Worker) -> threading.Thread:
    """Run a worker's loop as its process would (in a thread here, so the test can watch it)."""
    worker.start()
    thread = threading.Thread(target=worker.run, name="fleet-worker")
    thread.start()
    return thread


def stop(worker: Worker, thread: threading.Thread) -> None:
    worker.stopping = True
    thread.join(10.0)
    worker.close()


def test_worker_publishes_telemetry_and_drivers_roam_between_its_cars(
        shared_cluster: Cluster, bucket_url: str, listener: Listener, tmp_path: Path) -> None:
    laptop = copy_profiles(tmp_path / "laptop")
    transfer.push(parse_roaming_url(bucket_url), laptop, tmp_path / "laptop-state")
    moves = (Move(at_s=0.2, car=1, fob="fob-1"),
             Move(at_s=0.5, car=1, set=Change(signal=sig.DRIVER_TEMP, value=23.5)),
             Move(at_s=1.5, car=2, fob="fob-1"))
    brokers = tuple(node.mqtt_url for node in shared_cluster.nodes)
    worker = Worker(WorkerSpec(index=1, numbers=(1, 2, 3), brokers=brokers, state_dir=str(tmp_path / "fleet"),
                               profiles=bucket_url, tick_hz=20.0, publish_hz=2.0, moves=moves))
    thread = running(worker)
    try:
        listener.wait_for(lambda: listener.last(f"fleet/car-0002/{sig.DRIVER_ID}") == "alice"
                          and listener.last(f"fleet/car-0002/{sig.DRIVER_TEMP}") == 23.5)
        listener.wait_for(lambda: all(listener.last(f"fleet/car-000{n}/{sig.SPEED}") is not None
                                      for n in (1, 2, 3)))
    finally:
        stop(worker, thread)
    topics = {topic for _, topic, _ in listener.messages}
    assert {f"fleet/car-0003/{path}" for path in (sig.SPEED, sig.SOC, sig.LATITUDE)} <= topics
    assert listener.last(f"fleet/car-0003/{sig.DRIVER_ID}") == "guest"
    assert any(json.loads(payload) > 0 for _, topic, payload in listener.messages
               if topic.endswith(sig.SPEED)), "no car was driving"


def test_remote_commands_pass_the_policy_and_retained_ones_are_ignored(
        shared_cluster: Cluster, listener: Listener, tmp_path: Path) -> None:
    command = f"fleet/car-0001/cmd/{sig.DRIVER_TEMP}"
    listener.link.publish(command, "27", retain=True)  # a stale retained command must never act
    assert listener.link.flush(5.0)
    brokers = (shared_cluster.nodes[0].mqtt_url,)
    worker = Worker(WorkerSpec(index=1, numbers=(1, 2), brokers=brokers, state_dir=str(tmp_path / "fleet"),
                               tick_hz=20.0, publish_hz=2.0, moves=(Move(at_s=0.0, car=1, park=True),)))
    thread = running(worker)
    try:
        listener.wait_for(lambda: listener.last(f"fleet/car-0001/{sig.CURRENT_GEAR}") == sig.GEAR_PARK
                          and listener.last(f"fleet/car-0001/{sig.SPEED}") == 0.0, timeout=30.0)
        listener.wait_for(lambda: (listener.last(f"fleet/car-0002/{sig.SPEED}") or 0) > 0, timeout=30.0)
        for payload in ("22.5", "NaN", "1e308", "Infinity", '"warm"', "99"):
            listener.link.publish(command, payload)
        listener.link.publish(f"fleet/car-0002/cmd/{sig.DRIVER_TEMP}", "22.5")
        listener.link.publish(f"fleet/car-0001/cmd/{sig.SPEED}", "0")
        results = lambda car: [json.loads(p) for _, t, p in listener.messages  # noqa: E731
                               if t == f"fleet/{car}/cmd_result"]
        listener.wait_for(lambda: len(results("car-0001")) == 7 and len(results("car-0002")) == 1)
        listener.wait_for(lambda: listener.last(f"fleet/car-0001/{sig.DRIVER_TEMP}") == 22.5)
    finally:
        stop(worker, thread)
        listener.link.publish(command, "", retain=True)  # clear the retained message
    first = results("car-0001")
    assert [r["status"] for r in first] == ["applied", *["rejected"] * 6]
    assert all(r["reason"] == "expected a plain decimal number such as 21.5" for r in first[1:5]), first
    assert "above the maximum" in first[5]["reason"]
    assert first[6]["reason"] == "this is measured by the car and cannot be set"
    assert results("car-0002")[0]["reason"] == "remote commands are accepted only while the car is parked"
    assert 27 not in [listener.last(f"fleet/car-0001/{sig.DRIVER_TEMP}")]


def test_discovery_makes_every_car_a_home_assistant_device(shared_cluster: Cluster, tmp_path: Path) -> None:
    listener = Listener(shared_cluster.nodes[1].mqtt_url)
    configs: dict[str, dict[str, object]] = {}

    def on_config(topic: str, payload: bytes) -> None:
        if payload:
            configs[topic] = json.loads(payload)
    listener.link.on("homeassistant/#", on_config, qos=0)
    listener.link.start()
    worker = Worker(WorkerSpec(index=1, numbers=(1, 2), brokers=(shared_cluster.nodes[0].mqtt_url,),
                               state_dir=str(tmp_path / "fleet"), tick_hz=20.0, discovery=True))
    try:
        listener.link.wait_online(10.0)
        thread = running(worker)
        try:
            listener.wait_for(lambda: len(configs) >= 14)  # seven entities for each of the two cars
            listener.wait_for(lambda: listener.last("fleet/car-0002/car/state") is not None)
        finally:
            stop(worker, thread)
        for car in ("car-0001", "car-0002"):
            node = f"smartcockpit_{car}_car"
            lock = configs[f"homeassistant/lock/{node}/{node}_car_lock/config"]
            assert lock["command_topic"] == f"fleet/{car}/car/lock/set"
            assert lock["device"]["name"] == f"Fleet {car}"  # type: ignore[index]
    finally:
        for topic in configs:  # leave no retained configs behind on the shared cluster
            listener.link.publish(topic, "", retain=True)
        for car in ("car-0001", "car-0002"):
            listener.link.publish(f"fleet/{car}/car/state", "", retain=True)
        listener.link.flush(5.0)
        listener.link.stop()
