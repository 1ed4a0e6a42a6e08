"""Fixtures for the connected home: real brokers (embedded amqtt, mosquitto), a raw MQTT client, waiting."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from cockpit.core.cockpit import Cockpit
from cockpit.home.broker import EmbeddedBroker
from cockpit.home.connection import BrokerSettings
from cockpit.home.home_config import HomeConfig, load_home
from cockpit.home.mosquitto import Mosquitto, find_mosquitto
from cockpit.home.service import HomeService

MOSQUITTO_MISSING = "mosquitto is not installed (CI installs it with apt in .ci/run)"


def wait_for(condition: Callable[[], Any], step: Callable[[], object] = lambda: time.sleep(0.005),
             timeout: float = 15.0, what: str = "condition") -> Any:
    """Call `step` until `condition()` is truthy; fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        step()


SUBSCRIBE_ATTEMPTS = 3


class RawClient:
    """A plain paho client, as another program (Home Assistant) would be; records every message."""

    def __init__(self, port: int, **credentials: str) -> None:
        self.messages: list[tuple[str, bytes, bool]] = []
        self._lock = threading.Lock()
        self._client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"raw-{uuid.uuid4().hex[:6]}")
        if credentials:
            self._client.username_pw_set(credentials["username"], credentials["password"])
        self._acked: set[int] = set()
        self._client.on_message = self._on_message
        self._client.on_subscribe = self._on_subscribe
        self._client.connect("127.0.0.1", port)
        self._client.loop_start()
        wait_for(self._client.is_connected, what="raw client connection")

    def _on_message(self, client: Any, userdata: Any, message: mqtt.MQTTMessage) -> None:
        with self._lock:
            self.messages.append((message.topic, bytes(message.payload), bool(message.retain)))

    def subscribe(self, topic: str) -> None:
        """Subscribe and wait for the broker's SUBACK; asks again if it does not come.

        Seen once in CI: amqtt never answered a SUBSCRIBE sent while it was busy storing retained
        messages. Subscribing again is harmless (MQTT replaces the subscription).
        """
        for attempt in range(SUBSCRIBE_ATTEMPTS):
            _, mid = self._client.subscribe(topic, qos=1)
            last = attempt == SUBSCRIBE_ATTEMPTS - 1
            try:
                wait_for(lambda mid=mid: mid in self._acked, timeout=15.0 if last else 3.0,
                         what=f"SUBACK for {topic}")
                return
            except AssertionError:
                if last:
                    raise

    def _on_subscribe(self, client: Any, userdata: Any, mid: int, codes: Any, properties: Any) -> None:
        self._acked.add(mid)

    def publish(self, topic: str, payload: str | bytes, retain: bool = False) -> None:
        self._client.publish(topic, payload, qos=1, retain=retain).wait_for_publish(5)

    def last(self, topic: str) -> bytes | None:
        with self._lock:
            return next((payload for t, payload, _ in reversed(self.messages) if t == topic), None)

    def count(self, topic: str) -> int:
        with self._lock:
            return sum(1 for t, _, _ in self.messages if t == topic)

    def topics(self) -> dict[str, bytes]:
        with self._lock:
            return {topic: payload for topic, payload, _ in self.messages}

    def stop(self) -> None:
        self._client.disconnect()
        self._client.loop_stop()


@pytest.fixture
def home() -> HomeConfig:
    return load_home()


@pytest.fixture
def embedded() -> Iterator[EmbeddedBroker]:
    broker = EmbeddedBroker().start()
    yield broker
    broker.stop()


@pytest.fixture
def mosquitto_factory(tmp_path: Path) -> Iterator[Callable[..., Mosquitto]]:
    """Make mosquitto brokers with generated configs in tmp_path; all are killed afterwards."""
    if find_mosquitto() is None:
        pytest.skip(MOSQUITTO_MISSING)
    made: list[Mosquitto] = []

    def make(**options: Any) -> Mosquitto:
        workdir = tmp_path / f"mosquitto{len(made)}"
        workdir.mkdir()
        broker = Mosquitto(workdir, **options).start()
        made.append(broker)
        return broker

    yield make
    for broker in made:
        broker.stop()


@pytest.fixture
def mosquitto(mosquitto_factory: Callable[..., Mosquitto]) -> Mosquitto:
    return mosquitto_factory()


@pytest.fixture(params=["embedded", "mosquitto"])
def broker_port(request: pytest.FixtureRequest) -> int:
    """The port of a real broker: once the embedded amqtt one, once mosquitto."""
    if request.param == "embedded":
        broker: EmbeddedBroker = request.getfixturevalue("embedded")
        return broker.port
    process: Mosquitto = request.getfixturevalue("mosquitto")
    return process.port


@pytest.fixture
def raw(broker_port: int) -> Iterator[RawClient]:
    client = RawClient(broker_port)
    yield client
    client.stop()


@pytest.fixture
def service(broker_port: int, home: HomeConfig) -> Iterator[HomeService]:
    """The home as a session holds it (devices, bridge, car), connected to a real broker and online."""
    cockpit = Cockpit()
    home_service = HomeService(cockpit, home, BrokerSettings(port=broker_port))
    home_service.start()
    try:
        wait_for(lambda: home_service.bridge.online, lambda: cockpit.tick(0.01), what="the bridge online")
        assert home_service.link.flush(5.0), "the announcement was not acknowledged"
        yield home_service
    finally:
        home_service.close()


def pump(service: HomeService, dt: float = 0.01) -> Callable[[], None]:
    """A `step` for wait_for: advance the cockpit (which drains MQTT) and yield the CPU briefly."""
    def step() -> None:
        service.cockpit.tick(dt)
        time.sleep(0.002)
    return step
