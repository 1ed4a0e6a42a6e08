"""The bridge over real brokers (embedded amqtt and mosquitto): commands, state, discovery, bad input."""

from __future__ import annotations

import json
import logging
import random
from pathlib import Path

import pytest

from cockpit.core.commands import HomeCommand, Source
from cockpit.core.events import HomeDeviceChanged
from cockpit.home.service import HomeService
from tests.home.conftest import RawClient, pump, wait_for

EXAMPLES = Path(__file__).parents[1] / "data" / "ha_discovery_examples"


def configs(raw: RawClient, service: HomeService) -> dict[str, dict[str, object]]:
    """Every discovery config, as Home Assistant gets them: it subscribes, then says it is online."""
    assert service.node is not None
    expected = service.node.discovery_topics() | {service.car.announcer.topic(entity, "car")
                                                  for entity in service.car.entities()}
    raw.subscribe(f"{service.home.discovery_prefix}/+/+/+/config")
    raw.publish(f"{service.home.discovery_prefix}/status", "online")
    wait_for(lambda: expected <= set(raw.topics()), pump(service),
             what=f"discovery configs, missing {expected - set(raw.topics())}")
    return {topic: json.loads(payload) for topic, payload in raw.topics().items()
            if topic.endswith("/config") and payload}


def test_a_raw_command_changes_the_device_and_its_state_comes_back(service: HomeService,
                                                                  raw: RawClient) -> None:
    base = service.home.base
    raw.subscribe(f"{base}/light_hallway/state")
    changes: list[HomeDeviceChanged] = []
    service.cockpit.bus.subscribe(changes.append, HomeDeviceChanged)

    raw.publish(f"{base}/light_hallway/set", json.dumps({"state": "ON", "brightness": 77,
                                                      "color": {"r": 255, "g": 10, "b": 0}}))

    def lit() -> bool:
        payload = raw.last(f"{base}/light_hallway/state")
        return payload is not None and json.loads(payload)["state"] == "ON"

    wait_for(lit, pump(service), what="the light's state echo")
    state = json.loads(raw.last(f"{base}/light_hallway/state") or b"{}")
    assert state["brightness"] == 77 and state["color"] == {"r": 255, "g": 10, "b": 0}
    wait_for(lambda: service.bridge.device("light_hallway").state.get("state") == "ON", pump(service))
    assert any(c.device_id == "light_hallway" and c.state["brightness"] == 77 for c in changes)


def test_a_home_command_travels_over_mqtt_and_the_garage_runs_on_the_simulated_clock(
        service: HomeService) -> None:
    # the driver's own tap on the Home tab (an assistant's "open" waits for a confirmation first)
    outcome = service.cockpit.submit(HomeCommand("garage_door", "open", source=Source.USER))
    assert outcome.applied, outcome.reason
    wait_for(lambda: service.bridge.device("garage_door").state.get("state") == "opening", pump(service))
    service.cockpit.tick(6.0)  # half of the 12 s travel
    wait_for(lambda: 50 <= service.bridge.device("garage_door").state.get("position", 0) <= 60,
             pump(service, 0.0))
    assert service.bridge.device("garage_door").state["state"] == "opening"
    service.cockpit.tick(6.5)
    wait_for(lambda: service.bridge.device("garage_door").state.get("state") == "open", pump(service, 0.0))


def test_bad_home_commands_are_refused_with_a_reason(service: HomeService) -> None:
    unknown = service.cockpit.submit(HomeCommand("sauna", "turn_on"))
    assert unknown.rejected and "sauna" in unknown.reason and "Garage door" in unknown.reason
    wrong = service.cockpit.submit(HomeCommand("alarm_panel", "explode"))
    assert wrong.rejected and "arm_away" in wrong.reason
    bad = service.cockpit.submit(HomeCommand("light_hallway", "turn_on", {"brightness": 900}))
    assert bad.rejected and "brightness" in bad.reason


def test_discovery_configs_carry_the_keys_home_assistant_accepted(service: HomeService,
                                                                  raw: RawClient) -> None:
    found = configs(raw, service)
    for path in sorted(EXAMPLES.glob("*.json")):
        example = json.loads(path.read_text())
        if "cmps" in example["payload"]:
            continue  # device-based discovery (HA >= 2024.11); we announce per component
        component = example["topic"].split("/")[1]
        ours = [payload for topic, payload in found.items() if topic.split("/")[1] == component]
        assert ours, f"no {component} announced"
        wanted = set(example["payload"])
        best = max(ours, key=lambda payload: len(wanted & set(payload)))
        assert wanted <= set(best), f"{component} lacks {sorted(wanted - set(best))}"
        assert set(example["payload"]["device"]) <= set(best["device"])  # type: ignore[arg-type]
    for topic, payload in found.items():
        _, _, node, object_id, _ = topic.split("/")
        assert payload["unique_id"] == payload["object_id"] == object_id
        assert node.startswith("smartcockpit_home_01")
        availability = {"topic": f"{service.home.base}/status", "payload_available": "online",
                        "payload_not_available": "offline"}
        assert payload["availability"] == [availability]
        assert payload["origin"]["name"] == "smartcockpit-sim"  # type: ignore[index]
    components = {topic.split("/")[1] for topic in found}
    assert {"cover", "light", "climate", "lock", "alarm_control_panel", "switch", "sensor", "binary_sensor",
            "device_tracker"} <= components


def test_availability_is_retained_online_and_the_will_says_offline(service: HomeService,
                                                                   broker_port: int) -> None:
    late = RawClient(broker_port)  # connects after the bridge, as Home Assistant would
    try:
        late.subscribe(f"{service.home.base}/status")
        # HA's birth message: amqtt may not deliver every retained message to a new subscriber,
        # so the node says "online" again when HA comes online (mosquitto already delivered it)
        late.publish(f"{service.home.discovery_prefix}/status", "online")
        wait_for(lambda: late.last(f"{service.home.base}/status") == b"online", pump(service),
                 what="availability online")
        service.link.stop()
        wait_for(lambda: late.last(f"{service.home.base}/status") == b"offline")
    finally:
        late.stop()


def test_home_assistant_coming_online_brings_every_config_back(service: HomeService, raw: RawClient,
                                                              broker_port: int) -> None:
    before = configs(raw, service)
    cover = next(topic for topic in before if topic.split("/")[1] == "cover")
    raw.publish(cover, b"", retain=True)  # as if Home Assistant lost it
    seen = raw.count(cover)
    raw.publish(f"{service.home.discovery_prefix}/status", "online")
    wait_for(lambda: raw.count(cover) > seen and raw.last(cover), pump(service), what="the cover again")
    assert json.loads(raw.last(cover) or b"{}") == before[cover]
    late = RawClient(broker_port)  # and it is retained again for whoever comes next
    try:
        late.subscribe(cover)
        wait_for(lambda: late.last(cover), what="the retained cover config")
    finally:
        late.stop()


def test_a_device_that_is_gone_is_removed_with_an_empty_retained_config(service: HomeService,
                                                                        raw: RawClient) -> None:
    stale = f"{service.home.discovery_prefix}/light/smartcockpit_home_01/smartcockpit_home_01_attic/config"
    leftover = json.dumps({"unique_id": "smartcockpit_home_01_attic"}).encode()
    raw.publish(stale, leftover, retain=True)
    raw.subscribe(stale)
    wait_for(lambda: raw.last(stale) == leftover, what="the leftover config stored by the broker")
    service.link.on(stale, lambda topic, payload: None)  # the node sees it through its config filter
    wait_for(lambda: raw.last(stale) == b"", pump(service), what="the stale config removed")


def test_malformed_and_unknown_payloads_are_logged_with_topic_and_dropped(
        service: HomeService, raw: RawClient, caplog: pytest.LogCaptureFixture) -> None:
    base = service.home.base
    caplog.set_level(logging.WARNING)
    raw.publish(f"{base}/garage_door/set", b"\xff\xfe")
    raw.publish(f"{base}/light_hallway/set", b"{not json")
    raw.publish(f"{base}/sauna/set", b"ON")
    raw.publish(f"{base}/thermostat/temperature/set", b"warm")
    wait_for(lambda: "thermostat/temperature/set" in caplog.text, pump(service), what="the log")
    for fragment in ("garage_door/set", "light_hallway/set", "{not json", "sauna/set", "b'warm'"):
        assert fragment in caplog.text
    raw.publish(f"{base}/garage_door/set", "OPEN")  # and the bridge still works
    wait_for(lambda: service.bridge.device("garage_door").state.get("state") == "opening", pump(service))


def test_a_faulty_device_never_takes_the_bridge_down(service: HomeService, raw: RawClient) -> None:
    assert service.node is not None
    thermostat = service.node.devices["thermostat"]

    def broken(dt: float) -> None:
        raise RuntimeError("sensor fell off the wall")

    thermostat.step = broken  # type: ignore[method-assign]
    raw.publish(f"{service.home.base}/front_door/set", "UNLOCK")
    wait_for(lambda: service.bridge.device("front_door").state.get("state") == "UNLOCKING", pump(service))
    service.cockpit.tick(1.5)
    wait_for(lambda: service.bridge.device("front_door").state.get("state") == "UNLOCKED", pump(service))


def test_a_thousand_random_payloads_on_every_command_topic_leave_consistent_state(
        service: HomeService, raw: RawClient, caplog: pytest.LogCaptureFixture,
        request: pytest.FixtureRequest) -> None:
    caplog.set_level(logging.ERROR)  # the warnings for each bad payload are expected
    assert service.node is not None
    base = service.home.base
    topics = [f"{base}/{device.id}/{suffix}" for device in service.node.devices.values()
              for suffix in device.command_suffixes()]
    # 1000 on every topic over mosquitto; amqtt is about ten times slower, so 1000 spread over all there
    on_mosquitto = request.node.callspec.params["broker_port"] == "mosquitto"
    per_topic = 1000 if on_mosquitto else 1000 // len(topics) + 1
    rng = random.Random(5)
    words = [b"ON", b"OFF", b"OPEN", b"CLOSE", b"STOP", b"LOCK", b"UNLOCK", b"ARM_AWAY", b"DISARM", b"heat",
             b"21.5", b"-1e309", b"nan", b'{"state": "ON", "brightness": 300}',
             b'{"state": "ON", "color": 5}',
             b'{"state": "ON", "brightness": 12, "color": {"r": 1, "g": 2, "b": 3}}', b"[]", b"null", b""]
    for topic in topics:
        for _ in range(per_topic):
            payload = rng.choice(words) if rng.random() < 0.5 else rng.randbytes(rng.randrange(0, 40))
            raw._client.publish(topic, payload, qos=0)
    raw.publish(f"{base}/alarm_panel/set", "ARM_HOME")  # qos 1, after the flood: the last one wins
    wait_for(lambda: service.bridge.device("alarm_panel").state.get("state") == "armed_home", pump(service),
             timeout=20, what="the flood to drain")
    for device in service.node.devices.values():
        state = device.state()
        wait_for(lambda d=device.id, s=state: service.bridge.device(d).state == s, pump(service, 0.0))
        assert json.loads(json.dumps(state)) == state  # valid JSON, no NaN
    light = service.node.devices["light_hallway"].state()
    assert 0 <= light["brightness"] <= 255 and all(0 <= v <= 255 for v in light["color"].values())
    thermostat = service.node.devices["thermostat"].state()
    assert 7 <= thermostat["temperature"] <= 30 and thermostat["mode"] in ("off", "heat", "cool", "auto")


def test_assistant_light_words_reach_every_light(service):
    """set_brightness (percent), set_color (RRGGBB) and light_all, as the assistants say them."""
    wait_for(lambda: service.bridge.online, pump(service))
    assert service.cockpit.submit(HomeCommand("light_kitchen", "set_brightness", {"brightness": 40})).applied
    wait_for(lambda: service.bridge.device("light_kitchen").state.get("brightness") == 102, pump(service))
    assert service.cockpit.submit(HomeCommand("light_all", "set_color", {"rgb": "FF8000"})).applied
    lights = [view.id for view in service.bridge.devices() if view.id.startswith("light_")]
    orange = {"r": 255, "g": 128, "b": 0}
    for light in lights:
        wait_for(lambda light=light: service.bridge.device(light).state.get("color") == orange, pump(service))
    assert service.cockpit.submit(HomeCommand("light_all", "set_brightness", {"brightness": 300})).rejected
