"""The cockpit's side of the home: HomeCommand handler, device states, offline queue, notices.

A HomeCommand (from the driver, an assistant or a routine) is encoded into the payloads Home
Assistant would send and published on the device's command topic; the device's state comes back
on its state topic and is announced as a HomeDeviceChanged event. The screen learns everything
else from events too: HomeAttached (the devices), BrokerStateChanged and HomeQueueChanged. While
the broker is offline a command waits in a bounded queue with an expiry and is sent on reconnect;
a full queue, an expired command or no broker at all is refused with a reason the driver can
read - never dropped silently.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import HomeCommand
from cockpit.core.errors import BridgeError, InvalidValue
from cockpit.core.events import (
    BrokerStateChanged,
    CommandRejected,
    HomeAttached,
    HomeDeviceChanged,
    HomeQueueChanged,
    NoticeRaised,
)
from cockpit.core.facts import ALL_LIGHTS
from cockpit.core.outcome import Outcome, Status
from cockpit.core.text import Text
from cockpit.home import payloads
from cockpit.home.devices import Device, Topics
from cockpit.home.home_config import HomeConfig
from cockpit.home.link import MqttLink

logger = logging.getLogger(__name__)

QUEUE_LIMIT = 50
QUEUE_EXPIRY_S = 120.0


@dataclass(frozen=True, slots=True)
class DeviceView:
    """What the home panel shows for one device: who it is, what it can do, and its last state."""

    id: str
    name: str
    kind: str
    room: str | None
    actions: tuple[str, ...]
    state: dict[str, Any] = field(default_factory=dict)

    @property
    def known(self) -> bool:
        """False until the device has reported a state."""
        return bool(self.state)


@dataclass(frozen=True, slots=True)
class _Waiting:
    command: HomeCommand
    expires_at: float


class HomeBridge:
    """Registered as the cockpit's HomeCommand handler; announces the home's devices when built."""

    def __init__(self, cockpit: Cockpit, config: HomeConfig, link: MqttLink | None, *,
                 queue_limit: int = QUEUE_LIMIT, expiry_s: float = QUEUE_EXPIRY_S) -> None:
        self.cockpit = cockpit
        self.config = config
        self.queue_limit = queue_limit
        self.expiry_s = expiry_s
        self._link = link
        self._codecs: dict[str, Device] = {entry.id: entry.build() for entry in config.devices}
        self._states: dict[str, dict[str, Any]] = {}
        self._waiting: deque[_Waiting] = deque()
        cockpit.add_handler(HomeCommand, self.handle)
        if link is not None:
            link.on(f"{config.base}/+/state", self._on_state)
            link.on_online(self._on_online)
            link.on_problem(self._on_problem)
        devices = config.device_list()
        cockpit.bus.publish(HomeAttached(time=cockpit.now, home_id=config.home_id, devices=devices))

    # --- the read model -------------------------------------------------------------------------
    @property
    def online(self) -> bool:
        """Whether the home's broker is reachable right now."""
        return self._link is not None and self._link.online

    @property
    def broker_url(self) -> str | None:
        return self._link.settings.url if self._link is not None else None

    def devices(self) -> list[DeviceView]:
        """Every device of the home in file order, with its last reported state."""
        return [DeviceView(device.id, device.name, device.kind, device.room, device.actions,
                           dict(self._states.get(device.id, {}))) for device in self._codecs.values()]

    def device(self, device_id: str) -> DeviceView:
        """One device's view; raises InvalidValue for an unknown id."""
        for view in self.devices():
            if view.id == device_id:
                return view
        raise InvalidValue(f"no device {device_id!r} in home {self.config.home_id!r}")

    def waiting(self) -> tuple[HomeCommand, ...]:
        """Commands queued while offline, oldest first."""
        return tuple(entry.command for entry in self._waiting)

    # --- commands -------------------------------------------------------------------------------
    def handle(self, command: HomeCommand) -> Outcome:
        """The cockpit's HomeCommand handler: send now, queue while offline, or refuse with a reason."""
        try:
            messages = self._encode(command)
        except InvalidValue as error:
            return Outcome(Status.REJECTED, command, error.message)
        if self._link is None:
            return Outcome(Status.REJECTED, command, Text("the home is not connected"))
        if self._link.online and self._send(messages):
            sent = Text("sent to {device}", device=self._name(command.device_id))
            return Outcome(Status.APPLIED, command, sent)
        if len(self._waiting) >= self.queue_limit:
            return Outcome(Status.REJECTED, command, Text("the home is offline and {count} commands are "
                                                          "already waiting", count=self.queue_limit))
        self._waiting.append(_Waiting(command, self.cockpit.now + self.expiry_s))
        self._queue_changed()
        waits = Text("the home is offline: sent when it reconnects (within {seconds} s)",
                     seconds=format(self.expiry_s, "g"))
        return Outcome(Status.DEFERRED, command, waits)

    def _name(self, device_id: str) -> str:
        """A device as the driver knows it: its name from the home file."""
        codec = self._codecs.get(device_id)
        return codec.name if codec is not None else Text("every light")

    def _encode(self, command: HomeCommand) -> list[tuple[str, str]]:
        if command.device_id == ALL_LIGHTS:
            lights = [c for c in self._codecs.values() if c.kind == "light"]
            if not lights:
                raise InvalidValue(Text("this home has no lights"))
            return [message for light in lights
                    for message in self._encode(HomeCommand(light.id, command.action, command.params))]
        codec = self._codecs.get(command.device_id)
        if codec is None:
            known = ", ".join(codec.name for codec in self._codecs.values())
            raise InvalidValue(Text("no device {device} in this home; it has {known}",
                                    device=repr(command.device_id), known=known))
        action = command.action
        if action == "toggle":
            action = "turn_off" if self._states.get(codec.id, {}).get("state") == "ON" else "turn_on"
        topics = Topics(self.config.base, codec.id)
        return [(topics.command(suffix), payload) for suffix, payload in codec.encode(action, command.params)]

    def _send(self, messages: list[tuple[str, str]]) -> bool:
        assert self._link is not None
        return all(self._link.publish(topic, payload) for topic, payload in messages)

    def step(self, dt: float) -> None:
        """Refuse, with a notice, queued commands that waited too long."""
        now = self.cockpit.now
        expired = False
        while self._waiting and self._waiting[0].expires_at <= now:
            command = self._waiting.popleft().command
            expired = True
            reason = Text("{device}: not sent, the home stayed offline for {seconds} s",
                          device=self._name(command.device_id), seconds=format(self.expiry_s, "g"))
            self.cockpit.bus.publish(CommandRejected(time=now, command=command, reason=reason))
            self._notice(reason, "warning")
        if expired:
            self._queue_changed()

    def _queue_changed(self) -> None:
        device_ids = tuple(entry.command.device_id for entry in self._waiting)
        self.cockpit.bus.publish(HomeQueueChanged(time=self.cockpit.now, device_ids=device_ids))

    # --- MQTT -----------------------------------------------------------------------------------
    def _on_online(self, online: bool) -> None:
        url = self.broker_url
        self.cockpit.bus.publish(BrokerStateChanged(time=self.cockpit.now, online=online, url=url or ""))
        logger.info("home broker %s %s", url, "online" if online else "offline; reconnecting")
        if not online:  # online is the status bar's green dot; an address is never on screen
            self._notice(Text("The home is offline: reconnecting"), "warning")
        if online and self._waiting:
            waiting, self._waiting = list(self._waiting), deque()
            for entry in waiting:
                outcome = self.handle(entry.command)
                logger.info("queued %s: %s", entry.command.describe(), outcome.reason)
            self._queue_changed()
            self._notice(Text("Sent {count} home commands that waited for the connection",
                              count=len(waiting)))

    def _on_problem(self, problem: BridgeError) -> None:
        """The broker's own words name addresses and topics: they are in the log (MqttLink)."""
        self._notice(Text("The home connection has a problem: details are in the log"), "error")

    def _notice(self, text: str, level: str = "info") -> None:
        self.cockpit.bus.publish(NoticeRaised(time=self.cockpit.now, text=text, level=level))

    def _on_state(self, topic: str, payload: bytes) -> None:
        device_id = topic[len(self.config.base) + 1:].partition("/")[0]
        if device_id not in self._codecs:
            return  # the car's state, or a device of another home on the same base
        try:
            state = self._codecs[device_id].reported(payloads.json_object(payload))
        except InvalidValue as error:
            logger.warning("bad state on %s dropped: %s; payload %s", topic, error, payloads.shown(payload))
            return
        if self._states.get(device_id) != state:
            self._states[device_id] = state
            self.cockpit.bus.publish(HomeDeviceChanged(time=self.cockpit.now, device_id=device_id,
                                                       state=state))
