"""Nothing lost when the broker goes away: reconnect, re-announce, queued commands delivered or refused."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest

from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import HomeCommand
from cockpit.core.events import CommandRejected, NoticeRaised
from cockpit.home.connection import BrokerSettings
from cockpit.home.home_config import HomeConfig
from cockpit.home.mosquitto import Mosquitto
from cockpit.home.service import HomeService
from cockpit.view import Broker, CockpitView
from tests.home.conftest import RawClient, pump, wait_for


@pytest.fixture
def outage(mosquitto_factory: Callable[..., Mosquitto],
           home: HomeConfig) -> Iterator[tuple[HomeService, Mosquitto]]:
    broker = mosquitto_factory()
    service = HomeService(Cockpit(), home, BrokerSettings(port=broker.port))
    service.start()
    try:
        wait_for(lambda: service.bridge.online, pump(service), what="the bridge online")
        yield service, broker
    finally:
        service.close()


def test_broker_killed_and_restarted_the_bridge_reconnects_reannounces_and_delivers_the_queue(
        outage: tuple[HomeService, Mosquitto]) -> None:
    service, broker = outage
    notices: list[NoticeRaised] = []
    service.cockpit.bus.subscribe(notices.append, NoticeRaised)
    view = CockpitView(service.cockpit)  # what the screen knows, from the bridge's events alone

    broker.stop()
    wait_for(lambda: not service.bridge.online, pump(service), what="the bridge to notice the outage")
    assert any("offline" in notice.text for notice in notices)
    assert view.broker is Broker.OFFLINE
    queued = service.cockpit.submit(HomeCommand("garage_door", "open"))
    light = service.cockpit.submit(HomeCommand("light_hallway", "turn_on", {"rgb": [0, 0, 255]}))
    assert queued.deferred and "offline" in queued.reason and light.deferred
    assert [c.device_id for c in service.bridge.waiting()] == ["garage_door", "light_hallway"]
    assert view.queued == ("garage_door", "light_hallway")

    broker.start()  # same port, empty: no retained messages survive (persistence is off)
    wait_for(lambda: service.bridge.online, pump(service), timeout=20,  # backoff reaches 5 s
             what="the reconnection")
    wait_for(lambda: service.bridge.device("garage_door").state.get("state") == "opening", pump(service),
             what="the queued garage command delivered")
    wait_for(lambda: service.bridge.device("light_hallway").state.get("color") == {"r": 0, "g": 0, "b": 255},
             pump(service))
    assert service.bridge.waiting() == ()
    assert view.queued == () and view.broker is Broker.ONLINE
    assert view.device_states["garage_door"]["state"] == "opening"
    assert not any("online" in notice.text or "mqtt://" in notice.text for notice in notices), \
        "online is the status bar's dot; an address is never on screen"
    assert any("Sent 2 home commands" in notice.text for notice in notices)

    late = RawClient(broker.port)  # what Home Assistant would find now: everything announced again
    try:
        late.subscribe("homeassistant/+/+/+/config")
        late.subscribe(f"{service.home.base}/status")
        assert service.node is not None
        wanted = service.node.discovery_topics()
        wait_for(lambda: wanted <= set(late.topics()), what="the re-announced discovery")
        assert late.last(f"{service.home.base}/status") == b"online"
        cover = next(topic for topic in wanted if "/cover/" in topic)
        assert json.loads(late.last(cover) or b"{}")["device_class"] == "garage"
    finally:
        late.stop()


def test_commands_queued_while_offline_are_bounded_and_expire_with_a_visible_reason(
        outage: tuple[HomeService, Mosquitto]) -> None:
    service, broker = outage
    service.bridge.queue_limit = 2
    rejected: list[CommandRejected] = []
    notices: list[NoticeRaised] = []
    service.cockpit.bus.subscribe(rejected.append, CommandRejected)
    service.cockpit.bus.subscribe(notices.append, NoticeRaised)
    view = CockpitView(service.cockpit)
    broker.stop()
    wait_for(lambda: not service.bridge.online, pump(service))

    assert service.cockpit.submit(HomeCommand("alarm_panel", "arm_home")).deferred
    assert service.cockpit.submit(HomeCommand("alarm_panel", "disarm")).deferred
    full = service.cockpit.submit(HomeCommand("garage_door", "close"))
    assert full.rejected and "2 commands are already waiting" in full.reason

    assert view.queued == ("alarm_panel", "alarm_panel")
    service.cockpit.tick(service.bridge.expiry_s + 1)
    assert service.bridge.waiting() == () and view.queued == ()
    expired = [event for event in rejected if "stayed offline" in event.reason]
    assert [event.command.action for event in expired] == ["arm_home", "disarm"]  # type: ignore[attr-defined]
    assert sum("not sent" in notice.text for notice in notices) == 2
