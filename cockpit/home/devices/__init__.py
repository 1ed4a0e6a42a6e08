"""The fake home devices, one module per type; `DEVICE_TYPES` maps the YAML `type` to its class."""

from __future__ import annotations

from cockpit.home.devices.alarm import AlarmPanel
from cockpit.home.devices.base import Device, Topics
from cockpit.home.devices.charger import Charger
from cockpit.home.devices.garage import GarageDoor
from cockpit.home.devices.light import Light
from cockpit.home.devices.lock import DoorLock
from cockpit.home.devices.thermostat import Thermostat

DEVICE_TYPES: dict[str, type[Device]] = {cls.kind: cls for cls in
                                         (GarageDoor, Light, Thermostat, DoorLock, AlarmPanel, Charger)}

__all__ = ["DEVICE_TYPES", "AlarmPanel", "Charger", "Device", "DoorLock", "GarageDoor", "Light", "Thermostat",
           "Topics"]
