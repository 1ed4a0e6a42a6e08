"""The fake devices on the simulated clock, and their MQTT payloads (the same ones Home Assistant sends)."""

from __future__ import annotations

import pytest

from cockpit.core.errors import InvalidValue
from cockpit.home.devices import AlarmPanel, Charger, DoorLock, GarageDoor, Light, Thermostat
from cockpit.home.devices.base import Device


def run(device: Device, seconds: float, dt: float = 0.1) -> None:
    for _ in range(round(seconds / dt)):
        device.step(dt)


def test_the_garage_door_takes_its_travel_time_and_can_stop() -> None:
    door = GarageDoor("garage", "Garage", travel_s=12)
    door.apply("open", {})
    run(door, 6)
    assert door.state() == {"state": "opening", "position": 50, "obstructed": False}
    door.apply("stop", {})
    run(door, 3)
    assert door.state()["state"] == "stopped" and door.state()["position"] == 50
    door.apply("open", {})
    run(door, 6.1)
    assert door.state()["state"] == "open"
    door.apply("close", {})
    run(door, 12.1)
    assert door.state()["state"] == "closed"


def test_an_obstruction_while_closing_opens_the_door_again() -> None:
    door = GarageDoor("garage", "Garage", travel_s=12)
    door.position = 100.0
    door.apply("close", {})
    run(door, 3)
    door.obstruct()
    assert door.state()["state"] == "opening" and door.state()["obstructed"] is True
    run(door, 4)
    assert door.state()["state"] == "open"


def test_a_light_takes_brightness_and_colour_and_refuses_nonsense() -> None:
    light = Light("hall", "Hall")
    payload = b'{"state": "ON", "brightness": 40, "color": {"r": 1, "g": 2, "b": 3}}'
    action, params = light.decode("set", payload)
    light.apply(action, params)
    assert light.state() == {"state": "ON", "brightness": 40, "color_mode": "rgb",
                             "color": {"r": 1, "g": 2, "b": 3}}
    for bad in ({"brightness": 256}, {"brightness": "dim"}, {"rgb": [1, 2]}, {"rgb": [1, 2, 300]}):
        with pytest.raises(InvalidValue):
            light.apply("turn_on", bad)
    assert light.state()["brightness"] == 40
    light.apply("toggle", {})
    assert light.state()["state"] == "OFF"


def test_the_thermostat_heats_toward_its_setpoint_and_drifts_when_off() -> None:
    thermostat = Thermostat("t", "T", current_c=18.0, outside_c=5.0)
    thermostat.apply("set_mode", {"mode": "heat"})
    thermostat.apply("set_temperature", {"temperature": 21.3})
    assert thermostat.state()["temperature"] == 21.5 and thermostat.state()["action"] == "heating"
    run(thermostat, 600, dt=1.0)
    assert thermostat.state()["current_temperature"] > 19.0
    thermostat.apply("set_mode", {"mode": "off"})
    before = thermostat.current
    run(thermostat, 600, dt=1.0)
    assert thermostat.current < before and thermostat.state()["action"] == "off"
    with pytest.raises(InvalidValue, match=r"outside 7\.\.30"):
        thermostat.apply("set_temperature", {"temperature": 45})


def test_the_lock_moves_its_bolt_and_can_jam() -> None:
    lock = DoorLock("door", "Door")
    lock.apply("unlock", {})
    assert lock.state() == {"state": "UNLOCKING"}
    run(lock, 1.1)
    assert lock.state() == {"state": "UNLOCKED"}
    lock.jam()
    assert lock.state() == {"state": "JAMMED"}
    lock.apply("lock", {})
    run(lock, 1.1)
    assert lock.state() == {"state": "LOCKED"}


def test_the_alarm_arms_and_disarms() -> None:
    alarm = AlarmPanel("alarm", "Alarm")
    for payload, state in ((b"ARM_AWAY", "armed_away"), (b"ARM_HOME", "armed_home"), (b"DISARM", "disarmed")):
        alarm.apply(*alarm.decode("set", payload))
        assert alarm.state() == {"state": state}


def test_the_charger_delivers_power_only_to_a_connected_car_and_counts_energy() -> None:
    charger = Charger("wallbox", "Wallbox", max_power_kw=11)
    charger.apply("turn_on", {})
    run(charger, 60, dt=1.0)
    assert charger.state()["power_kw"] == 0 and charger.state()["energy_kwh"] == 0
    charger.connect_car(True)
    run(charger, 3600, dt=10.0)
    assert charger.state() == {"state": "ON", "power_kw": 11, "energy_kwh": 11.0, "car_connected": True}


DEVICES = [GarageDoor("g", "G"), Light("l", "L"), Thermostat("t", "T"), DoorLock("d", "D"),
           AlarmPanel("a", "A"), Charger("c", "C")]
COMMANDS = [("g", "open", {}), ("g", "stop", {}), ("l", "turn_on", {"brightness": 9, "rgb": [9, 8, 7]}),
            ("l", "turn_off", {}), ("t", "set_mode", {"mode": "cool"}),
            ("t", "set_temperature", {"temperature": 22.5}),
            ("d", "unlock", {}), ("a", "arm_home", {}), ("c", "turn_on", {})]


@pytest.mark.parametrize(("device_id", "action", "params"), COMMANDS,
                         ids=[f"{c[0]}-{c[1]}" for c in COMMANDS])
def test_encode_then_decode_gives_back_the_command(device_id: str, action: str,
                                                   params: dict[str, object]) -> None:
    device = next(d for d in DEVICES if d.id == device_id)
    for suffix, payload in device.encode(action, params):
        assert device.decode(suffix, payload.encode()) == (action, params)


@pytest.mark.parametrize("payload", [b"", b"\xff", b"open sesame", b"[]", b"{}", b'{"state": 1}', b"null"],
                         ids=["empty", "binary", "words", "list", "object", "number-state", "null"])
@pytest.mark.parametrize("device", DEVICES, ids=[d.kind for d in DEVICES])
def test_bad_payloads_raise_invalid_value_and_change_nothing(device: Device, payload: bytes) -> None:
    before = device.state()
    for suffix in device.command_suffixes():
        with pytest.raises(InvalidValue):
            device.apply(*device.decode(suffix, payload))
    assert device.state() == before
