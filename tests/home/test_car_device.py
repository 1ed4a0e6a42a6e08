"""The car as a Home Assistant device, over a real broker: state out, remote commands in, refusals shown."""

from __future__ import annotations

import json

import pytest

from cockpit.core import signals as sig
from cockpit.core.events import NoticeRaised
from cockpit.home.service import HomeService
from cockpit.personalisation.engine import ProfileEngine
from cockpit.personalisation.store import ProfileStore
from tests.home.conftest import RawClient, pump, wait_for
from tests.personalisation.conftest import SHIPPED as SHIPPED_PROFILES


def car_state(raw: RawClient, service: HomeService) -> dict[str, object]:
    payload = raw.last(f"{service.home.base}/car/state")
    return json.loads(payload) if payload else {}


def test_the_car_publishes_battery_range_temperature_lock_location_and_charging(
        service: HomeService, raw: RawClient) -> None:
    raw.subscribe(f"{service.home.base}/car/state")
    cockpit = service.cockpit
    cockpit.update(sig.SOC, 63.26)
    cockpit.update(sig.RANGE, 251_400)
    cockpit.update(sig.CABIN_TEMP, 19.04)
    cockpit.update(sig.LATITUDE, 48.2)
    cockpit.update(sig.IS_CHARGING, True)
    cockpit.tick(1.1)
    state = wait_for(lambda: car_state(raw, service).get("charging") == "ON" and car_state(raw, service),
                     pump(service), what="the car state")
    assert state["battery"] == 63.3 and state["range_km"] == 251 and state["cabin_temperature"] == 19.0
    assert state["latitude"] == 48.2 and state["locked"] == "UNLOCKED"
    assert state["longitude"] == sig.CATALOGUE[sig.LONGITUDE].default
    assert state["presence"] == "not_home"


def test_remote_climate_is_accepted_while_parked(service: HomeService, raw: RawClient) -> None:
    raw.subscribe(f"{service.home.base}/car/state")
    raw.publish(f"{service.home.base}/car/climate/temperature/set", "23.5")
    raw.publish(f"{service.home.base}/car/climate/mode/set", "heat_cool")
    raw.publish(f"{service.home.base}/car/lock/set", "LOCK")
    wait_for(lambda: service.cockpit.value(sig.PRECONDITIONING) is True, pump(service))
    assert service.cockpit.value(sig.DRIVER_TEMP) == 23.5
    wait_for(lambda: service.cockpit.value(sig.DOOR_LOCKED) is True, pump(service))
    wait_for(lambda: car_state(raw, service).get("climate_mode") == "heat_cool"
             and car_state(raw, service).get("locked") == "LOCKED", pump(service))


def test_remote_climate_is_refused_while_driving_with_the_reason_on_mqtt_and_on_screen(
        service: HomeService, raw: RawClient) -> None:
    notices: list[NoticeRaised] = []
    service.cockpit.bus.subscribe(notices.append, NoticeRaised)
    raw.subscribe(f"{service.home.base}/car/notice")
    service.cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    service.cockpit.update(sig.SPEED, 50.0)
    raw.publish(f"{service.home.base}/car/climate/mode/set", "heat_cool")
    notice = wait_for(lambda: raw.last(f"{service.home.base}/car/notice"), pump(service),
                      what="the refusal on the notice topic")
    assert json.loads(notice)["reason"] == "remote commands are accepted only while the car is parked"
    assert service.cockpit.value(sig.PRECONDITIONING) is False
    assert any("refused" in n.text and "parked" in n.text and n.level == "warning" for n in notices)


def test_bad_car_commands_are_logged_or_refused_never_applied(service: HomeService, raw: RawClient,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    notice_topic = f"{service.home.base}/car/notice"
    raw.subscribe(notice_topic)
    raw.publish(f"{service.home.base}/car/lock/set", "OPEN SESAME")
    raw.publish(f"{service.home.base}/car/climate/temperature/set", "nan")  # not a number: dropped
    raw.publish(f"{service.home.base}/car/climate/temperature/set", "99")  # a number: the policy says no
    wait_for(lambda: raw.count(notice_topic) == 1, pump(service), what="the refusal")
    reasons = [json.loads(payload)["reason"] for topic, payload, _ in raw.messages if topic == notice_topic]
    assert len(reasons) == 1 and "99.0 is above the maximum 28" in reasons[0]
    assert "car/lock/set" in caplog.text and "OPEN SESAME" in caplog.text
    assert "car/climate/temperature/set dropped: expected a plain decimal number" in caplog.text
    assert service.cockpit.value(sig.DRIVER_TEMP) == 21.0 and service.cockpit.value(sig.DOOR_LOCKED) is False


def _with_profiles(service: HomeService) -> ProfileEngine:
    engine = ProfileEngine.install(service.cockpit, ProfileStore(SHIPPED_PROFILES))
    engine.start("alice")
    return engine


def test_home_assistant_picks_the_driver_through_the_same_policy(service: HomeService,
                                                                 raw: RawClient) -> None:
    engine = _with_profiles(service)
    base = service.home.base
    raw.subscribe("homeassistant/select/#")
    raw.subscribe(f"{base}/car/notice")

    def options() -> set[str]:
        configs = [json.loads(payload) for topic, payload in raw.topics().items()
                   if topic.endswith("driver/config")]
        return set(configs[-1]["options"]) if configs else set()

    wait_for(lambda: {"alice", "bernd", "valet"} <= options(), pump(service), what="the driver select")
    raw.publish(f"{base}/car/driver/set", "bernd")
    wait_for(lambda: service.cockpit.target(sig.DRIVER_ID) == "bernd", pump(service), what="bernd applied")

    service.cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    service.cockpit.update(sig.SPEED, 30.0)
    raw.publish(f"{base}/car/driver/set", "alice")
    notice = wait_for(lambda: raw.last(f"{base}/car/notice"), pump(service), what="the refusal")
    assert json.loads(notice)["reason"] == "remote commands are accepted only while the car is parked"
    assert engine.active is not None and engine.active.id == "bernd"


def test_home_assistant_cannot_leave_a_restricted_profile(service: HomeService, raw: RawClient) -> None:
    engine = _with_profiles(service)
    engine.apply("valet")
    base = service.home.base
    raw.subscribe(f"{base}/car/notice")
    raw.publish(f"{base}/car/driver/set", "bernd")
    notice = wait_for(lambda: raw.last(f"{base}/car/notice"), pump(service), what="the refusal")
    assert "needs the PIN, entered in the car" in json.loads(notice)["reason"]
    assert service.cockpit.target(sig.DRIVER_ID) == "valet"
