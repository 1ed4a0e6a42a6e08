"""Username/password, ACLs and TLS against mosquitto; refusals are BridgeErrors naming broker and topic."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import HomeCommand
from cockpit.core.errors import BridgeError
from cockpit.home.connection import parse_broker_url
from cockpit.home.home_config import HomeConfig
from cockpit.home.link import MqttLink
from cockpit.home.mosquitto import Mosquitto, make_tls
from cockpit.home.service import HomeService
from tests.home.conftest import pump, wait_for

ACL = """\
user car
topic readwrite smartcockpit/#
topic readwrite homeassistant/#

user viewer
topic read smartcockpit/#
"""
USERS = {"car": "s3cret word", "viewer": "look"}


@pytest.fixture
def secured(mosquitto_factory: Callable[..., Mosquitto]) -> Mosquitto:
    return mosquitto_factory(users=USERS, acl=ACL)


def run_home(home: HomeConfig, url: str, **options: str) -> Iterator[HomeService]:
    service = HomeService(Cockpit(), home, parse_broker_url(url, **options))  # type: ignore[arg-type]
    service.start()
    try:
        wait_for(lambda: service.bridge.online, pump(service), what=f"online at {url}")
        yield service
    finally:
        service.close()


def garage_round_trip(service: HomeService) -> None:
    assert service.cockpit.submit(HomeCommand("garage_door", "open")).applied
    wait_for(lambda: service.bridge.device("garage_door").state.get("state") == "opening", pump(service))


def test_user_and_password_from_the_url_work(secured: Mosquitto, home: HomeConfig) -> None:
    for service in run_home(home, f"mqtt://car:s3cret%20word@127.0.0.1:{secured.port}"):
        garage_round_trip(service)


def test_user_and_password_from_the_environment_work(secured: Mosquitto, home: HomeConfig,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COCKPIT_MQTT_USERNAME", "car")
    monkeypatch.setenv("COCKPIT_MQTT_PASSWORD", "s3cret word")
    for service in run_home(home, f"mqtt://127.0.0.1:{secured.port}"):
        garage_round_trip(service)


@pytest.mark.parametrize("version", ["3.1.1", "5"])
def test_a_wrong_password_is_a_clear_error_naming_the_broker(secured: Mosquitto, version: str) -> None:
    link = MqttLink(parse_broker_url(f"mqtt://car:wrong@127.0.0.1:{secured.port}", mqtt_version=version),
                    availability_topic="smartcockpit/x/status")
    link.start()
    try:
        with pytest.raises(BridgeError) as error:
            link.wait_online(5.0)
    finally:
        link.stop()
    message = str(error.value)
    assert f"127.0.0.1:{secured.port}" in message and "'car'" in message and "refused" in message
    assert "wrong" not in message  # never the password


def test_an_acl_forbidden_publish_names_the_topic_on_mqtt_5(secured: Mosquitto) -> None:
    link = MqttLink(parse_broker_url(f"mqtt://viewer:look@127.0.0.1:{secured.port}", mqtt_version="5"),
                    availability_topic="smartcockpit/x/status")
    problems: list[BridgeError] = []
    link.on_problem(problems.append)
    link.start()
    try:
        link.wait_online(5.0)
        assert link.publish("smartcockpit/home_01/garage/set", "OPEN")
        wait_for(lambda: [p for p in problems if "garage/set" in str(p)], lambda: link.drain(wait=0.01),
                 what="the refused publish")
    finally:
        link.stop()
    assert any("refused a publish to topic 'smartcockpit/home_01/garage/set'" in str(p) for p in problems)
    # the viewer may not even say it is online: that refusal names its topic too
    assert any("refused a publish to topic 'smartcockpit/x/status'" in str(p) for p in problems)
    assert all(f"127.0.0.1:{secured.port}" in str(p) for p in problems)


@pytest.fixture
def tls_broker(mosquitto_factory: Callable[..., Mosquitto], tmp_path: Path) -> Mosquitto:
    try:
        tls = make_tls(tmp_path)
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"openssl could not make test certificates: {error}")
    return mosquitto_factory(users=USERS, acl=ACL, tls=tls)


def test_tls_with_our_ca_and_a_password_works(tls_broker: Mosquitto, home: HomeConfig) -> None:
    assert tls_broker.tls is not None
    for service in run_home(home, f"mqtts://car:s3cret%20word@127.0.0.1:{tls_broker.port}",
                            ca_file=str(tls_broker.tls.ca_file)):
        garage_round_trip(service)


def test_tls_without_trusting_the_ca_is_refused(tls_broker: Mosquitto) -> None:
    link = MqttLink(parse_broker_url(f"mqtts://car:s3cret%20word@127.0.0.1:{tls_broker.port}"),
                    availability_topic="smartcockpit/x/status")
    link.start()
    try:
        with pytest.raises(BridgeError, match=f"mqtts://car@127.0.0.1:{tls_broker.port}"):
            link.wait_online(1.0)
    finally:
        link.stop()
