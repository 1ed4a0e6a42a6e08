"""The simulated home on MQTT: its devices, their discovery, their state and their commands.

Runs inside the cockpit session (advanced by the cockpit's clock) or alone under
`cockpit home serve`. All methods run on the main loop; MQTT traffic arrives through the link's
queue. A bad payload is logged with topic and payload and dropped; a device that raises is logged
and left alone - the node and every other device keep working.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from cockpit.core.errors import InvalidValue
from cockpit.home import payloads
from cockpit.home.devices import Device, Topics
from cockpit.home.discovery import Announcer, DeviceBlock
from cockpit.home.home_config import HomeConfig
from cockpit.home.link import MqttLink

logger = logging.getLogger(__name__)

ChangeListener = Callable[[str, dict[str, Any]], None]


class HomeNode:
    """Owns the devices of one home and speaks for them on MQTT (when given a link)."""

    def __init__(self, config: HomeConfig, link: MqttLink | None = None) -> None:
        self.config = config
        self.devices: dict[str, Device] = {entry.id: entry.build() for entry in config.devices}
        self.announcer = Announcer(f"smartcockpit_{config.home_id}", f"{config.base}/status",
                                   config.discovery_prefix)
        self._published: dict[str, dict[str, Any]] = {}
        self._failing: set[str] = set()
        self._listeners: list[ChangeListener] = []
        self._link = link
        if link is not None:
            base = config.base
            link.on(f"{base}/+/set", self._on_command, retained=False)
            link.on(f"{base}/+/+/set", self._on_command, retained=False)
            link.on(f"{config.discovery_prefix}/status", self._on_ha_status)
            link.on(self.announcer.config_filter(), self._on_old_config)
            link.on_online(lambda online: self.announce() if online else None)

    def topics(self, device_id: str) -> Topics:
        return Topics(self.config.base, device_id)

    def on_change(self, listener: ChangeListener) -> None:
        """Call `listener(device_id, state)` after every state change of a device."""
        self._listeners.append(listener)

    # --- acting ---------------------------------------------------------------------------------
    def apply(self, device_id: str, action: str, params: dict[str, Any]) -> None:
        """Carry out an action now; raises InvalidValue for an unknown device, action or parameter."""
        device = self.devices.get(device_id)
        if device is None:
            raise InvalidValue(f"no device {device_id!r} in home {self.config.home_id!r}")
        device.apply(action, params)
        self._publish_if_changed(device)

    def step(self, dt: float) -> None:
        """Advance every device by `dt` simulated seconds and publish what changed."""
        for device in self.devices.values():
            try:
                device.step(dt)
                self._publish_if_changed(device)
            except Exception:
                if device.id not in self._failing:
                    self._failing.add(device.id)
                    logger.exception("device %s failed; the others keep running", device.id)

    # --- MQTT -----------------------------------------------------------------------------------
    def announce(self) -> None:
        """Publish availability, every discovery config and every state (retained): on connect and
        when HA restarts (it may have missed the retained messages)."""
        if self._link is None:
            return
        self._link.say_online()
        node_id = self.announcer.node_id
        for device in self.devices.values():
            block = DeviceBlock(f"{node_id}_{device.id}", device.name, device.model, device.room)
            for entity in device.entities(self.topics(device.id)):
                topic, payload = self.announcer.message(entity, device.id, block)
                self._link.publish(topic, payload, retain=True)
        self._published.clear()
        for device in self.devices.values():
            self._publish_if_changed(device)

    def discovery_topics(self) -> set[str]:
        """Every config topic this node announces now."""
        return {self.announcer.topic(entity, device.id) for device in self.devices.values()
                for entity in device.entities(self.topics(device.id))}

    def _publish_if_changed(self, device: Device) -> None:
        state = device.state()
        if self._published.get(device.id) == state:
            return
        self._published[device.id] = state
        if self._link is not None:
            self._link.publish(self.topics(device.id).state, json.dumps(state), retain=True)
        for listener in list(self._listeners):
            listener(device.id, state)

    def _on_command(self, topic: str, payload: bytes) -> None:
        device_id, _, suffix = topic[len(self.config.base) + 1:].partition("/")
        if device_id == "car":
            return  # the car's own topics; the car device answers them
        device = self.devices.get(device_id)
        if device is None:
            logger.warning("command for unknown device on %s dropped: %s", topic, payloads.shown(payload))
            return
        try:
            action, params = device.decode(suffix, payload)
            self.apply(device_id, action, params)
        except InvalidValue as error:
            logger.warning("bad command on %s dropped: %s; payload %s", topic, error, payloads.shown(payload))
        except Exception:
            logger.exception("device %s failed on %s with payload %s", device_id, topic,
                             payloads.shown(payload))

    def _on_ha_status(self, topic: str, payload: bytes) -> None:
        if payload.strip() == b"online":
            logger.info("Home Assistant came online: announcing %d devices again", len(self.devices))
            self.announce()

    def _on_old_config(self, topic: str, payload: bytes) -> None:
        if payload and self._link is not None and topic not in self.discovery_topics():
            logger.info("removing %s: that device is gone from the home", topic)
            self._link.publish(topic, b"", retain=True)
