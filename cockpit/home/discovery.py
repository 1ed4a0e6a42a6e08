"""Home Assistant MQTT discovery: the retained per-component config messages.

Topic `<prefix>/<component>/<node_id>/<object_id>/config`; the payload carries unique_id and
object_id (the same, per HA's best practice), a device block, the origin and the availability
topic. An empty retained payload on the same topic removes the entity. Shapes follow
tests/data/ha_discovery_examples (accepted by a real Home Assistant).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from cockpit import __version__

ORIGIN: dict[str, str] = {"name": "smartcockpit-sim", "sw_version": __version__,
                          "url": "https://example.invalid/smartcockpit-sim"}
MANUFACTURER = "SmartCockpit Sim"
SAFE_ID = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True, slots=True)
class Entity:
    """One Home Assistant entity of a device; `fields` holds the component's own keys (topics ...)."""

    component: str
    key: str
    name: str | None
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DeviceBlock:
    """The `device` block that groups entities under one device in Home Assistant."""

    identifier: str
    name: str
    model: str
    area: str | None = None

    def to_dict(self) -> dict[str, Any]:
        block: dict[str, Any] = {"identifiers": [self.identifier], "name": self.name,
                                 "manufacturer": MANUFACTURER, "model": self.model, "sw_version": __version__}
        if self.area:
            block["suggested_area"] = self.area
        return block


@dataclass(frozen=True, slots=True)
class Announcer:
    """Builds config topics and payloads for one node (one installation's home, or its car)."""

    node_id: str
    availability_topic: str
    prefix: str = "homeassistant"

    def topic(self, entity: Entity, device_id: str) -> str:
        """The retained config topic of `entity` of `device_id`."""
        return f"{self.prefix}/{entity.component}/{self.node_id}/{self.object_id(entity, device_id)}/config"

    def object_id(self, entity: Entity, device_id: str) -> str:
        object_id = f"{self.node_id}_{device_id}" if entity.key == device_id else \
            f"{self.node_id}_{device_id}_{entity.key}"
        if not SAFE_ID.match(object_id):
            raise ValueError(f"object id {object_id!r} may only use letters, digits, '_' and '-'")
        return object_id

    def payload(self, entity: Entity, device_id: str, device: DeviceBlock) -> dict[str, Any]:
        """The discovery config of `entity`, ready for json.dumps."""
        object_id = self.object_id(entity, device_id)
        payload: dict[str, Any] = {"unique_id": object_id, "object_id": object_id, "name": entity.name,
                                   "device": device.to_dict(), "origin": dict(ORIGIN),
                                   "availability": [{"topic": self.availability_topic,
                                                     "payload_available": "online",
                                                     "payload_not_available": "offline"}],
                                   "qos": 1}
        payload.update(entity.fields)
        return payload

    def message(self, entity: Entity, device_id: str, device: DeviceBlock) -> tuple[str, str]:
        """(topic, JSON payload) to publish retained."""
        return self.topic(entity, device_id), json.dumps(self.payload(entity, device_id, device))

    def config_filter(self) -> str:
        """A subscription that returns every config this node announced before (retained)."""
        return f"{self.prefix}/+/{self.node_id}/+/config"
