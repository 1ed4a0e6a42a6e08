"""The scenario's side of the home: devices acting on their own, Home Assistant commands arriving,
and `settle()`, which waits for MQTT round trips so simulated time does not outrun the network.

Home Assistant is played by a second MQTT client (a second MqttLink) on the same broker: its
commands reach the cockpit the way a real HA's would. A sync marker published after them on
`<base>/scenario/sync` comes back only after the broker delivered what was sent before it.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable
from typing import Any

from cockpit import shutdown
from cockpit.core.errors import BridgeError, InvalidValue, ScenarioError
from cockpit.home.link import MqttLink
from cockpit.home.node import HomeNode
from cockpit.view import CockpitView

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 10.0
SETTLE_TIMEOUT_S = 5.0


class HomeLink:
    """Drives and observes one session's home for a scenario; `close()` stops the second client.

    `link` is the cockpit's own MQTT connection (its round trips are what `settle` waits for),
    `node` the simulated devices (None for a real home), `base` the home's base topic and
    `wait_online(timeout)` blocks until the cockpit's home is connected (raising BridgeError).
    """

    def __init__(self, link: MqttLink, node: HomeNode | None, base: str, view: CockpitView,
                 wait_online: Callable[[float], None]) -> None:
        self.link = link
        self.wait_online = wait_online
        self.node = node
        self.base = base
        self.view = view
        self.sync_topic = f"{self.base}/scenario/sync"
        self._tokens = itertools.count(1)
        self._seen = 0
        self._ha: MqttLink | None = None
        link.on(self.sync_topic, self._on_sync)

    def connect(self) -> None:
        """Wait for the cockpit's link and connect the Home Assistant stand-in; raises ScenarioError."""
        try:
            self.wait_online(CONNECT_TIMEOUT_S)
            self._ha = MqttLink(self.link.settings, availability_topic=f"{self.base}/scenario/ha",
                                client_name="scenario-ha")
            self._ha.start()
            self._ha.wait_online(CONNECT_TIMEOUT_S)
        except BridgeError as error:
            raise ScenarioError(f"the home needs an MQTT broker: {error}") from None
        self.settle()

    def settle(self) -> None:
        """Wait until what the cockpit sent came back (two round trips: command, then device state)."""
        for _ in range(2):
            self._round_trip(self.link)

    def publish(self, topic: str, payload: str) -> str:
        """Send a command as Home Assistant would; returns once the cockpit has handled it."""
        assert self._ha is not None
        full = topic[1:] if topic.startswith("/") else f"{self.base}/{topic}"
        if not self._ha.publish(full, payload):
            raise ScenarioError(f"could not publish to {full}: the Home Assistant client is offline")
        self._round_trip(self._ha)
        self.settle()
        return f"published {payload!r} on {full}"

    def device_acts(self, device_id: str, action: str, params: dict[str, Any]) -> str:
        """A device changes by itself (someone pressed the garage's wall button)."""
        node = self.node
        if node is None:
            raise ScenarioError("this home has no simulated devices")
        try:
            node.apply(device_id, action, params)
        except InvalidValue as error:
            raise ScenarioError(str(error)) from None
        self.settle()
        return f"{device_id}: {node.devices[device_id].state()}"

    def device_state(self, device_id: str) -> dict[str, Any] | None:
        """The simulated device's state now (the truth the read model catches up with)."""
        node = self.node
        if node is not None and device_id in node.devices:
            return node.devices[device_id].state()
        if self.view.device(device_id) is None:
            return None
        return dict(self.view.device_states.get(device_id, {}))

    def _round_trip(self, sender: MqttLink) -> None:
        token = next(self._tokens)
        if not sender.publish(self.sync_topic, str(token)):
            logger.warning("home offline: not waiting for MQTT")
            return
        link = self.link
        deadline = time.monotonic() + SETTLE_TIMEOUT_S
        while self._seen < token:
            shutdown.check()
            if time.monotonic() > deadline:
                raise ScenarioError(f"MQTT round trip to {link.settings.url} took over "
                                    f"{SETTLE_TIMEOUT_S:g} s")
            link.drain(wait=0.02)

    def _on_sync(self, topic: str, payload: bytes) -> None:
        try:
            self._seen = max(self._seen, int(payload))
        except ValueError:
            logger.warning("bad sync marker on %s: %r", topic, payload[:50])

    def close(self) -> None:
        if self._ha is not None:
            self._ha.stop()
            self._ha = None
