"""The car as a Home Assistant device: battery, range, cabin temperature, lock, location, charging,
remote climate (pre-conditioning) and who drives (a select of the driver profiles).

Remote commands become SetSignal or ApplyProfile (source=REMOTE) through the cockpit, so the core
policy decides (parked only, remote-safe signals only, a restricted profile is left only with its
PIN, in the car). A refusal is published on the car's notice topic (the entities show it as an
attribute) and raised as a NoticeRaised for the driver. Commands are never taken from retained
messages.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import ApplyProfile, Command, SetSignal, Source
from cockpit.core.errors import InvalidValue
from cockpit.core.events import NoticeRaised, ProfilesLoaded
from cockpit.core.text import Text
from cockpit.home import payloads
from cockpit.home.devices.base import template
from cockpit.home.discovery import Announcer, DeviceBlock, Entity
from cockpit.home.link import MqttLink

logger = logging.getLogger(__name__)

PUBLISH_INTERVAL_S = 1.0
DEVICE_ID = "car"
# The fields that change in steps and are published at once; the others at most once per interval.
DISCRETE = ("locked", "charging", "climate_mode", "climate_target", "presence", "driver")
LOCK_WORDS: dict[str, sig.Value] = {"LOCK": True, "UNLOCK": False}
CLIMATE_WORDS: dict[str, sig.Value] = {"OFF": False, "HEAT_COOL": True}


class CarDevice:
    """Publishes the car's state for Home Assistant and turns HA's commands into cockpit commands."""

    def __init__(self, cockpit: Cockpit, link: MqttLink, *, base: str, home_id: str, name: str = "Car",
                 prefix: str = "homeassistant") -> None:
        self.cockpit = cockpit
        self.base = f"{base}/{DEVICE_ID}"
        self.at_home = False
        self.announcer = Announcer(f"smartcockpit_{home_id}_car", link.availability_topic, prefix)
        self.block = DeviceBlock(f"smartcockpit_{home_id}_car", name, "SmartCockpit simulated EV")
        self._link = link
        self._last: dict[str, Any] = {}
        self._last_time = float("-inf")
        self.drivers: tuple[str, ...] = ()  # profile ids, the options of the driver select
        link.on(f"{self.base}/lock/set", self._on_lock, retained=False)
        link.on(f"{self.base}/climate/mode/set", self._on_climate_mode, retained=False)
        link.on(f"{self.base}/climate/temperature/set", self._on_climate_temperature, retained=False)
        link.on(f"{self.base}/driver/set", self._on_driver, retained=False)
        link.on(f"{prefix}/status", self._on_ha_status)
        link.on_online(lambda online: self.announce() if online else None)
        cockpit.bus.subscribe(self._on_profiles, ProfilesLoaded)

    def state(self) -> dict[str, Any]:
        """The JSON state on `<base>/car/state` (rounded so small drifts do not flood the broker)."""
        value = self.cockpit.value
        return {"battery": round(float(value(sig.SOC)), 1), "range_km": round(int(value(sig.RANGE)) / 1000),
                "cabin_temperature": round(float(value(sig.CABIN_TEMP)), 1),
                "locked": "LOCKED" if value(sig.DOOR_LOCKED) else "UNLOCKED",
                "charging": "ON" if value(sig.IS_CHARGING) else "OFF",
                "climate_mode": "heat_cool" if value(sig.PRECONDITIONING) else "off",
                "climate_target": float(value(sig.DRIVER_TEMP)),
                "presence": "home" if self.at_home else "not_home",
                "latitude": round(float(value(sig.LATITUDE)), 5),
                "longitude": round(float(value(sig.LONGITUDE)), 5), "gps_accuracy": 10,
                "driver": str(value(sig.DRIVER_ID))}

    def step(self, dt: float) -> None:
        """Publish the state when a discrete field changed, or the rest changed and an interval passed."""
        state = self.state()
        if state == self._last:
            return
        discrete = any(state[key] != self._last.get(key) for key in DISCRETE)
        if discrete or self.cockpit.now - self._last_time >= PUBLISH_INTERVAL_S:
            self._publish_state(state)

    def announce(self) -> None:
        """Publish the discovery configs (retained) and the state."""
        for entity in self.entities():
            topic, payload = self.announcer.message(entity, DEVICE_ID, self.block)
            self._link.publish(topic, payload, retain=True)
        self._publish_state(self.state())

    def _publish_state(self, state: dict[str, Any]) -> None:
        if self._link.publish(f"{self.base}/state", json.dumps(state), retain=True):
            self._last, self._last_time = state, self.cockpit.now

    def entities(self) -> list[Entity]:
        state, notice = f"{self.base}/state", f"{self.base}/notice"

        def sensor(key: str, name: str, field: str, device_class: str, unit: str) -> Entity:
            return Entity("sensor", key, name, {"state_topic": state, "value_template": template(field),
                                                "device_class": device_class, "state_class": "measurement",
                                                "unit_of_measurement": unit})

        return [
            sensor("battery", "Battery", "battery", "battery", "%"),
            sensor("range", "Range", "range_km", "distance", "km"),
            sensor("cabin_temperature", "Cabin temperature", "cabin_temperature", "temperature", "°C"),
            Entity("lock", "lock", "Doors", {
                "command_topic": f"{self.base}/lock/set", "state_topic": state,
                "value_template": template("locked"), "payload_lock": "LOCK", "payload_unlock": "UNLOCK",
                "state_locked": "LOCKED", "state_unlocked": "UNLOCKED", "json_attributes_topic": notice,
                "optimistic": False}),
            Entity("device_tracker", "location", "Location", {
                "state_topic": state, "value_template": template("presence"), "payload_home": "home",
                "payload_not_home": "not_home", "source_type": "gps", "json_attributes_topic": state,
                "json_attributes_template": "{{ {'latitude': value_json.latitude, 'longitude': "
                                            "value_json.longitude, 'gps_accuracy': value_json.gps_accuracy}"
                                            " | tojson }}"}),
            Entity("binary_sensor", "charging", "Charging", {
                "state_topic": state, "value_template": template("charging"),
                "device_class": "battery_charging", "payload_on": "ON", "payload_off": "OFF"}),
            Entity("climate", "climate", "Remote climate", {
                "modes": ["off", "heat_cool"], "mode_command_topic": f"{self.base}/climate/mode/set",
                "mode_state_topic": state, "mode_state_template": template("climate_mode"),
                "temperature_command_topic": f"{self.base}/climate/temperature/set",
                "temperature_state_topic": state, "temperature_state_template": template("climate_target"),
                "current_temperature_topic": state,
                "current_temperature_template": template("cabin_temperature"),
                "min_temp": 16, "max_temp": 28, "temp_step": 0.5, "precision": 0.1, "temperature_unit": "C",
                "json_attributes_topic": notice, "optimistic": False}),
            Entity("select", "driver", "Driver", {
                "command_topic": f"{self.base}/driver/set", "state_topic": state,
                "value_template": template("driver"), "options": list(self.drivers) or ["guest"],
                "json_attributes_topic": notice, "optimistic": False}),
        ]

    # --- remote commands ------------------------------------------------------------------------
    def _remote(self, path: str, value: sig.Value) -> None:
        self._submit(SetSignal(path, value, source=Source.REMOTE))

    def _submit(self, command: Command) -> None:
        outcome = self.cockpit.submit(command)
        if outcome.rejected:
            logger.info("remote %s refused: %s", command.describe(), outcome.reason)
            self._link.publish(f"{self.base}/notice", json.dumps({"refused": command.describe(),
                                                                  "reason": outcome.reason}))
            text = Text("A request from home was refused: {reason}", reason=outcome.reason)
            self.cockpit.bus.publish(NoticeRaised(time=self.cockpit.now, text=text, level="warning"))
        self.step(0.0)

    def _on_lock(self, topic: str, payload: bytes) -> None:
        self._command(topic, payload, sig.DOOR_LOCKED, lambda: payloads.choice(payload, LOCK_WORDS))

    def _on_climate_mode(self, topic: str, payload: bytes) -> None:
        self._command(topic, payload, sig.PRECONDITIONING, lambda: payloads.choice(payload, CLIMATE_WORDS))

    def _on_climate_temperature(self, topic: str, payload: bytes) -> None:
        # any plain number: one outside the cabin's range reaches the policy, which says why
        self._command(topic, payload, sig.DRIVER_TEMP, lambda: payloads.number(payload))

    def _command(self, topic: str, payload: bytes, path: str, read: Callable[[], sig.Value]) -> None:
        try:
            value = read()
        except InvalidValue as error:
            logger.warning("bad command on %s dropped: %s; payload %s", topic, error, payloads.shown(payload))
            return
        self._remote(path, value)

    def _on_driver(self, topic: str, payload: bytes) -> None:
        try:
            profile_id = payloads.choice(payload, {driver.upper(): driver for driver in self.drivers})
        except InvalidValue as error:
            logger.warning("bad command on %s dropped: %s; payload %s", topic, error, payloads.shown(payload))
            return
        self._submit(ApplyProfile(profile_id, source=Source.REMOTE))

    def _on_profiles(self, event: ProfilesLoaded) -> None:
        drivers = tuple(driver.id for driver in event.drivers)
        if drivers != self.drivers:
            self.drivers = drivers
            if self._link.online:
                self.announce()  # the select's options changed

    def _on_ha_status(self, topic: str, payload: bytes) -> None:
        if payload.strip() == b"online":
            self.announce()

