"""The connected home inside a cockpit session: broker, link, simulated home, bridge, car, geofence.

`start()` returns at once: the embedded broker comes up in a background thread, so `cockpit run`
shows its first frame without waiting; commands given meanwhile queue. That thread only starts the
broker and hands the outcome over through a queue: the main loop points the link at the broker's
port and connects, so the link's settings are written by one thread before paho's thread exists.
`step(dt)` (added as a cockpit system, so `session.step` runs it) connects once the broker is up,
drains the MQTT queue on the main loop and advances the devices, the car's state and the charger.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import threading
import time
from pathlib import Path
from typing import Protocol

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.errors import BridgeError
from cockpit.home.bridge import HomeBridge
from cockpit.home.broker import EmbeddedBroker
from cockpit.home.car_device import CarDevice
from cockpit.home.connection import BrokerSettings
from cockpit.home.devices import Charger
from cockpit.home.geofence import Geofence
from cockpit.home.home_config import HomeConfig
from cockpit.home.link import MqttLink
from cockpit.home.node import HomeNode

logger = logging.getLogger(__name__)


class HomeSettings(Protocol):
    """The session settings the home reads (cockpit.session.Settings has them)."""

    @property
    def broker_url(self) -> str | None: ...
    @property
    def home_file(self) -> Path | None: ...
    @property
    def mqtt_ca_file(self) -> str | None: ...
    @property
    def mqtt_cert_file(self) -> str | None: ...
    @property
    def mqtt_key_file(self) -> str | None: ...
    @property
    def mqtt_version(self) -> str: ...


class HomeService:
    """Everything of the connected home a session holds; `close()` leaves no thread behind."""

    def __init__(self, cockpit: Cockpit, home: HomeConfig, broker: BrokerSettings | None = None, *,
                 simulate_home: bool = True) -> None:
        self.cockpit = cockpit
        self.home = home
        self.embedded = EmbeddedBroker() if broker is None else None
        self.link = MqttLink(broker or BrokerSettings(), availability_topic=f"{home.base}/status",
                             client_name=f"cockpit-{home.home_id}")
        self.node = HomeNode(home, self.link) if simulate_home else None
        self.bridge = HomeBridge(cockpit, home, self.link)
        self.car = CarDevice(cockpit, self.link, base=home.base, home_id=home.home_id,
                             prefix=home.discovery_prefix)
        self.geofence = Geofence(cockpit)
        self.use_home_file_routines()
        self._plugged = False
        self._starter: threading.Thread | None = None
        self._broker_started: queue.Queue[BaseException | None] = queue.Queue(maxsize=1)
        self._connecting = False  # the link was started (at once for a broker by URL)
        self._broker_failure: BaseException | None = None
        cockpit.add_system(self.step)

    def use_home_file_routines(self) -> None:
        """Point the geofence at the home file's position and routines (a driver may bring others)."""
        home, routines = self.home, self.home.routines
        self.geofence.configure(home.location.latitude, home.location.longitude, home.geofence_radius_m,
                                [step.command() for step in routines.arrive],
                                [step.command() for step in routines.leave])

    def start(self) -> None:
        """Connect to the broker, bringing the embedded one up in the background first; returns at once."""
        if self.embedded is None:
            if not self._connecting:
                self._connecting = True
                self.link.start()  # paho connects in its own thread
            return
        if self._starter is None:
            self._starter = threading.Thread(target=self._start_broker, name="home-start", daemon=True)
            self._starter.start()

    def _start_broker(self) -> None:
        """The start thread: only the broker, whose outcome goes to the main loop."""
        assert self.embedded is not None
        try:
            self.embedded.start()
        except Exception as error:  # logged here and handed over, never raised into the thread
            logger.error("embedded broker failed: %s", error)
            self._broker_started.put(error)
            return
        self._broker_started.put(None)

    def _connect_when_ready(self, wait: float = 0.0) -> None:
        """Main thread: once the embedded broker listens, point the link at its port and connect."""
        if self._connecting or self._starter is None:
            return
        try:
            failure = self._broker_started.get(block=wait > 0, timeout=wait or None)
        except queue.Empty:
            return
        self._connecting = True
        self._broker_failure = failure
        if failure is None and self.embedded is not None:
            self.link.settings = dataclasses.replace(self.link.settings, port=self.embedded.port)
            self.link.start()

    def wait_online(self, timeout: float) -> None:
        """Block until the link is connected (the embedded broker started first); raises BridgeError."""
        deadline = time.monotonic() + timeout
        self._connect_when_ready(wait=timeout)
        if not self._connecting:
            raise BridgeError(f"the embedded MQTT broker did not start within {timeout:g} s")
        if self._broker_failure is not None:
            raise BridgeError(f"the embedded MQTT broker failed to start: {self._broker_failure}")
        self.link.wait_online(max(0.0, deadline - time.monotonic()))

    def step(self, dt: float) -> None:
        """Drain MQTT, advance devices, couple the charger to the car, publish the car's state."""
        self._connect_when_ready()
        self.link.drain()
        if self.node is not None:
            self.node.step(dt)
            self._charge()
        self.bridge.step(dt)
        self.car.at_home = bool(self.geofence.inside)
        self.car.step(dt)

    def _charge(self) -> None:
        """A car plugged in at home is on the first wallbox: the wallbox sees the car and the car gets
        what the wallbox delivers (nothing while it is switched off)."""
        assert self.node is not None
        charger = next((d for d in self.node.devices.values() if isinstance(d, Charger)), None)
        if charger is None:
            return
        plugged = bool(self.geofence.inside) and bool(self.cockpit.value(sig.CABLE_CONNECTED))
        if plugged != self._plugged:
            self._plugged = plugged
            charger.connect_car(plugged)
        if plugged and self.cockpit.value(sig.CHARGE_POWER) != charger.power_kw:
            self.cockpit.update(sig.CHARGE_POWER, charger.power_kw)

    def close(self) -> None:
        """Stop the connection and the broker and join their threads; safe to call twice."""
        if self._starter is not None:
            self._starter.join()
            self._starter = None
        self.link.stop()
        if self.embedded is not None:
            self.embedded.stop()


def start_home(cockpit: Cockpit, settings: HomeSettings) -> HomeService:
    """Build the home for a session from its settings and start it; raises InvalidInput for bad options."""
    from cockpit.home.connection import parse_broker_url
    from cockpit.home.home_config import load_home

    broker = None
    if settings.broker_url:
        broker = parse_broker_url(settings.broker_url, ca_file=settings.mqtt_ca_file,
                                  cert_file=settings.mqtt_cert_file, key_file=settings.mqtt_key_file,
                                  mqtt_version=settings.mqtt_version)
    service = HomeService(cockpit, load_home(settings.home_file), broker)
    service.start()
    return service
