"""The embedded broker and the home inside a cockpit session (the way `cockpit run` holds it)."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import pytest

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import HomeCommand, PlugCable, SetSignal
from cockpit.core.events import HomeDeviceChanged
from cockpit.home.broker import EmbeddedBroker
from cockpit.home.connection import BrokerSettings
from cockpit.home.home_config import HomeConfig
from cockpit.home.link import MqttLink
from cockpit.home.service import HomeService
from cockpit.session import Session, Settings
from tests.home.conftest import RawClient, pump, wait_for


def test_the_embedded_broker_listens_on_a_free_port_and_stops_without_a_trace() -> None:
    first, second = EmbeddedBroker().start(), EmbeddedBroker().start()
    try:
        assert first.port != second.port and first.port > 0
        assert first.url == f"mqtt://127.0.0.1:{first.port}"
        assert 0 < first.start_seconds < 5
        client = RawClient(first.port)
        client.subscribe("a/b")
        client.publish("a/b", "hello")
        wait_for(lambda: client.last("a/b") == b"hello")
        client.stop()
    finally:
        first.stop()
        second.stop()
        second.stop()  # idempotent
    assert not first.running and "mqtt-broker" not in {t.name for t in threading.enumerate()}


def step_until(session: Session, condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    wait_for(condition, lambda: session.step(0.02), timeout=timeout)


def test_a_session_starts_the_home_in_the_background_and_closes_it_cleanly() -> None:
    with Session() as session:
        assert session.home is not None
        changes: list[HomeDeviceChanged] = []
        session.cockpit.bus.subscribe(changes.append, HomeDeviceChanged)
        outcome = session.cockpit.submit(HomeCommand("light_kitchen", "turn_on"))
        assert outcome.applied or outcome.deferred  # the broker may still be starting: then it waits
        step_until(session, lambda: session.home is not None and session.home.bridge.online)
        step_until(session, lambda: any(c.device_id == "light_kitchen" and c.state["state"] == "ON"
                                        for c in changes))
        views = {view.id: view for view in session.home.bridge.devices()}
        assert views["light_kitchen"].state["state"] == "ON" and views["garage_door"].known
    assert session.home.embedded is not None and not session.home.embedded.running


def test_no_broker_means_no_home(tmp_path: Path) -> None:
    with Session(Settings(use_broker=False)) as session:
        assert session.home is None
        assert session.cockpit.submit(HomeCommand("garage_door", "open")).rejected


def test_a_car_parked_at_home_charges_from_the_switched_on_wallbox() -> None:
    with Session() as session:
        home = session.home
        assert home is not None
        step_until(session, lambda: home.bridge.online)
        session.cockpit.update(sig.LATITUDE, home.home.location.latitude)
        session.cockpit.update(sig.LONGITUDE, home.home.location.longitude)
        session.step(0.1)
        assert session.cockpit.value(sig.CABLE_CONNECTED) is False  # parked at home, not plugged in
        assert session.cockpit.submit(PlugCable(True, "home")).applied
        session.step(0.1)
        assert session.cockpit.value(sig.CABLE_CONNECTED) is True
        assert session.cockpit.value(sig.CHARGE_POWER) == 0.0  # the wallbox is off
        assert session.cockpit.submit(HomeCommand("wallbox", "turn_on")).applied
        step_until(session, lambda: session.cockpit.value(sig.CHARGE_POWER) == 11.0)
        step_until(session, lambda: home.bridge.device("wallbox").state.get("power_kw") == 11.0)
        session.cockpit.submit(SetSignal(sig.BRAKE, 100))
        refused = session.cockpit.submit(SetSignal(sig.SELECTED_GEAR, sig.GEAR_DRIVE))
        assert refused.rejected and "unplug the charging cable" in refused.reason
        assert session.cockpit.submit(PlugCable(False)).applied
        step_until(session, lambda: home.bridge.device("wallbox").state.get("power_kw") == 0.0)
        assert session.cockpit.value(sig.CHARGE_POWER) == 0.0
        assert session.cockpit.submit(SetSignal(sig.SELECTED_GEAR, sig.GEAR_DRIVE)).applied


def test_an_unreachable_broker_is_reported_once_not_on_every_reconnect(
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="cockpit.home.link")
    link = MqttLink(BrokerSettings(port=1), availability_topic="smartcockpit/x/status")
    link.start()
    try:
        wait_for(lambda: len(link.problems) >= 3, lambda: link.drain(wait=0.05), timeout=10,
                 what="three failed connection attempts")
    finally:
        link.stop()
    unreachable = [r for r in caplog.records if "cannot reach MQTT broker" in r.getMessage()]
    assert [r.levelname for r in unreachable][:3] == ["WARNING", "DEBUG", "DEBUG"]


def test_the_start_thread_only_starts_the_broker_and_the_main_loop_connects(home: HomeConfig) -> None:
    service = HomeService(Cockpit(), home)  # the embedded broker, on a port it picks when it starts
    settings = service.link.settings
    service.start()
    try:
        assert service.embedded is not None
        wait_for(lambda: service.embedded is not None and service.embedded.start_seconds > 0,
                 what="the embedded broker")
        time.sleep(0.2)  # time enough for the start thread to have touched the link, if it did
        assert service.link.settings is settings and not service.link.online
        service.cockpit.tick(0.0)  # the main loop takes the broker's port and connects
        assert service.link.settings.port == service.embedded.port != 0
        wait_for(lambda: service.bridge.online, pump(service), what="the bridge online")
    finally:
        service.close()
