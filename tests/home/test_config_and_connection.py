"""Home files (YAML, file:line errors) and broker URLs (credentials, TLS files, versions)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cockpit.core.errors import InvalidInput
from cockpit.home.connection import parse_broker_url
from cockpit.home.home_config import DEFAULT_HOME, load_home


def test_the_default_home_has_every_device_type_and_both_routines() -> None:
    home = load_home()
    assert {device.type for device in home.devices} == {"garage_door", "light", "thermostat", "lock",
                                                        "alarm_panel", "ev_charger"}
    assert [step.action for step in home.routines.arrive] == ["open", "turn_on", "disarm"]
    assert [step.action for step in home.routines.leave] == ["close", "lock", "arm_away"]
    assert home.base == "smartcockpit/home_01"


BAD = {
    "unknown-field": ("devices:\n  - {id: g, type: garage_door, name: G, travel: 3}\n", "4:41",
                      "devices[0].travel: unknown key 'travel'; did you mean 'travel_s'?"),
    "unknown-type": ("devices:\n  - {id: l, type: lamp, name: L}\n", "4:19",
                     "devices[0].type: 'lamp' is not one of: garage_door, light, thermostat"),
    "out-of-range": ("devices:\n  - id: t\n    type: thermostat\n    name: T\n    current_c: 99\n", "7:16",
                     "devices[0].current_c: Input should be less than or equal to 40"),
    "quoted-number": ("geofence_radius_m: \"150\"\ndevices: []\n", "3:20",
                      "geofence_radius_m: Input should be a valid number (got a string '150')"),
    "nan": ("geofence_radius_m: .nan\ndevices: []\n", "3:20",
            "geofence_radius_m: Input should be a finite number"),
    "bad-id": ("devices:\n  - {id: 'my garage', type: garage_door, name: G}\n", "4:10", "devices[0].id"),
    "routine-device": ("routines:\n  arrive:\n    - {device: pool, action: open}\n", "5:16",
                       "no device 'pool'"),
}


@pytest.mark.parametrize(("body", "line", "message"), BAD.values(), ids=BAD.keys())
def test_an_invalid_home_file_names_file_line_and_field(tmp_path: Path, body: str, line: str,
                                                        message: str) -> None:
    path = tmp_path / "home.yaml"
    path.write_text("home_id: h\nlocation: {latitude: 1, longitude: 2}\n" + body)
    with pytest.raises(InvalidInput) as error:
        load_home(path)
    assert f"{path}:{line}: " in str(error.value) and message in str(error.value)


def test_broken_yaml_and_missing_files_are_clear(tmp_path: Path) -> None:
    path = tmp_path / "home.yaml"
    path.write_text("home_id: h\ndevices: [\n")
    with pytest.raises(InvalidInput, match=rf"{path}:3:1: yaml: "):
        load_home(path)
    with pytest.raises(InvalidInput, match="file: cannot read: No such file"):
        load_home(tmp_path / "nope.yaml")
    garbage = tmp_path / "garbage.yaml"
    garbage.write_bytes(bytes(range(128, 256)))
    with pytest.raises(InvalidInput, match=rf"{garbage}:1:1: file: not UTF-8 text \(byte 0x80\)"):
        load_home(garbage)
    assert DEFAULT_HOME.is_file()


def test_a_broker_url_carries_host_port_credentials_and_tls() -> None:
    settings = parse_broker_url("mqtts://ann:p%40ss@broker.lan:8884", env={})
    assert (settings.host, settings.port, settings.tls, settings.username, settings.password) == \
        ("broker.lan", 8884, True, "ann", "p@ss")
    assert "p@ss" not in repr(settings) and "p@ss" not in settings.url
    assert parse_broker_url("mqtt://h", env={}).port == 1883
    assert parse_broker_url("mqtts://h", env={}).port == 8883


def test_credentials_come_from_the_environment_when_the_url_has_none() -> None:
    env = {"COCKPIT_MQTT_USERNAME": "bob", "COCKPIT_MQTT_PASSWORD": "pw"}
    settings = parse_broker_url("mqtt://h:1", env=env)
    assert (settings.username, settings.password) == ("bob", "pw")
    assert parse_broker_url("mqtt://ann:x@h:1", env=env).username == "ann"


@pytest.mark.parametrize(("url", "options", "message"), [
    ("http://h", {}, "scheme must be mqtt:// or mqtts://"),
    ("mqtt://h:99999", {}, "port"),
    ("mqtt://:1883", {}, "no host"),
    ("mqtt://h/path", {}, "no path"),
    ("mqtt://h", {"mqtt_version": "4"}, "MQTT version '4'"),
    ("mqtts://h", {"cert_file": "c.pem"}, "both --cert-file and --key-file"),
    ("mqtts://h", {"ca_file": "/nonexistent/ca.pem"}, "--ca-file /nonexistent/ca.pem: no such file"),
    ("mqtt://h", {"ca_file": "ca.pem"}, "--ca-file, --cert-file and --key-file need mqtts://"),
], ids=["scheme", "port", "host", "path", "version", "cert-without-key", "missing-ca", "tls-without-mqtts"])
def test_bad_broker_options_are_invalid_input(url: str, options: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)):
        parse_broker_url(url, env={}, **options)  # type: ignore[arg-type]
