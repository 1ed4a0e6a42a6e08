"""W3C VISS v2 over a websocket beside the gRPC API: the same state, the same policy, the same tokens."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from websockets.sync.client import ClientConnection, connect

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal
from cockpit.session import Session
from cockpit.vss.settings import ApiSettings
from tests.vss.conftest import Certificate, Keys, answered, pump, serve
from tests.vss.test_sdk import drive_off


def ask(session: Session, ws: ClientConnection, **request: Any) -> dict[str, Any]:
    """Send one request from a client thread while this thread runs the main loop; the reply."""
    def exchange() -> dict[str, Any]:
        ws.send(json.dumps({"requestId": "r1", **request}))
        reply: dict[str, Any] = json.loads(ws.recv(timeout=10))
        return reply

    answer: dict[str, Any] = answered(session, exchange)
    return answer


def test_get_a_signal_a_branch_and_the_metadata(viss: Session, ws: ClientConnection) -> None:
    speed = ask(viss, ws, action="get", path="Vehicle.Speed")
    assert speed["action"] == "get" and speed["requestId"] == "r1"
    assert speed["data"]["path"] == sig.SPEED and speed["data"]["dp"]["value"] == "0.0"
    assert speed["data"]["dp"]["ts"].endswith("Z") and speed["ts"].endswith("Z")
    ac = ask(viss, ws, action="get", path="Vehicle/Cabin/HVAC/IsAirConditioningActive")  # "/" works too
    assert ac["data"]["dp"]["value"] in ("true", "false")
    station = ask(viss, ws, action="get", path="Vehicle.Cabin.HVAC.Station")
    assert {item["path"] for item in station["data"]} == {
        path for path in sig.CATALOGUE if path.startswith("Vehicle.Cabin.HVAC.Station.")}
    meta = ask(viss, ws, action="get", path=sig.DRIVER_TEMP, filter={"type": "static-metadata"})
    node = meta["metadata"]["Vehicle"]["children"]["Cabin"]["children"]["HVAC"]["children"]["Station"][
        "children"]["Row1"]["children"]["Driver"]["children"]["Temperature"]
    assert (node["type"], node["datatype"], node["min"], node["max"]) == ("actuator", "float", 16.0, 28.0)


def test_set_goes_through_the_policy(viss: Session, ws: ClientConnection) -> None:
    assert "error" not in ask(viss, ws, action="set", path=sig.DRIVER_TEMP, value="23.5")
    assert viss.cockpit.value(sig.DRIVER_TEMP) == 23.5
    drive_off(viss)
    deferred = ask(viss, ws, action="set", path=sig.SEAT_POSITION, value="200")
    assert deferred["error"] == {"number": 409, "reason": "deferred",
                                 "message": f"{sig.SEAT_POSITION}: deferred, waits until the car is parked"}
    assert deferred["action"] == "set" and deferred["requestId"] == "r1"


@pytest.mark.parametrize(("request_", "number", "reason"), [
    pytest.param({"action": "set", "path": sig.DRIVER_TEMP, "value": "99"}, 400, "invalid_value", id="range"),
    pytest.param({"action": "set", "path": sig.DRIVER_TEMP, "value": "nan"}, 400, "invalid_value", id="nan"),
    pytest.param({"action": "set", "path": sig.DRIVER_TEMP, "value": "1e308"}, 400, "invalid_value",
                 id="1e308"),
    pytest.param({"action": "set", "path": sig.DRIVER_TEMP, "value": "warm"}, 400, "invalid_value",
                 id="text"),
    pytest.param({"action": "set", "path": sig.DRIVER_TEMP, "value": ["21"]}, 400, "invalid_value",
                 id="list"),
    pytest.param({"action": "set", "path": sig.AC, "value": "yes"}, 400, "invalid_value", id="not-boolean"),
    pytest.param({"action": "set", "path": sig.DRIVER_FAN, "value": "50.5"}, 400, "invalid_value",
                 id="not-whole"),
    pytest.param({"action": "set", "path": sig.DRIVER_TEMP}, 400, "bad_request", id="no-value"),
    pytest.param({"action": "set", "path": sig.SPEED, "value": "99"}, 401, "read_only", id="sensor"),
    pytest.param({"action": "get", "path": "Vehicle.Trailer.Hitch"}, 404, "invalid_path", id="unknown"),
    pytest.param({"action": "get", "path": "Vehicle.*"}, 400, "bad_request", id="wildcard"),
    pytest.param({"action": "get"}, 400, "bad_request", id="no-path"),
    pytest.param({"action": "get", "path": sig.SPEED, "filter": {"type": "timebased"}}, 400, "bad_request",
                 id="filter"),
    pytest.param({"action": "fly", "path": sig.SPEED}, 400, "bad_request", id="unknown-action"),
    pytest.param({"action": "unsubscribe", "subscriptionId": "42"}, 404, "invalid_subscription_id",
                 id="unknown-subscription"),
])
def test_bad_requests_get_viss_errors(viss: Session, ws: ClientConnection, request_: dict[str, Any],
                                      number: int, reason: str) -> None:
    reply = ask(viss, ws, **request_)
    assert (reply["error"]["number"], reply["error"]["reason"]) == (number, reason)
    assert reply["requestId"] == "r1" and viss.cockpit.value(sig.DRIVER_TEMP) == 21.0
    assert ask(viss, ws, action="get", path=sig.SPEED)["data"]  # the connection goes on


def test_not_json_is_a_bad_request_and_the_connection_goes_on(viss: Session, ws: ClientConnection) -> None:
    def exchange() -> dict[str, Any]:
        ws.send("{not json")
        reply: dict[str, Any] = json.loads(ws.recv(timeout=10))
        return reply

    assert answered(viss, exchange)["error"]["reason"] == "bad_request"
    assert ask(viss, ws, action="get", path=sig.SPEED)["data"]


def test_subscribe_sends_the_value_then_each_change_until_unsubscribed(viss: Session,
                                                                      ws: ClientConnection) -> None:
    reply = ask(viss, ws, action="subscribe", path=sig.VOLUME)
    identifier = reply["subscriptionId"]
    first = json.loads(ws.recv(timeout=10))
    assert (first["action"], first["subscriptionId"], first["data"]["dp"]["value"]) == (
        "subscription", identifier, "30")
    viss.cockpit.submit(SetSignal(sig.VOLUME, 44))
    change = json.loads(ws.recv(timeout=10))
    assert change["data"] == {"path": sig.VOLUME, "dp": {"value": "44", "ts": change["data"]["dp"]["ts"]}}
    done = ask(viss, ws, action="unsubscribe", subscriptionId=identifier)
    assert done["action"] == "unsubscribe" and "error" not in done
    assert viss.vss is not None
    pump(viss, lambda: viss.vss is not None and viss.vss.hub.feeds == 0, what="the feed to close")


def test_tokens_are_required_and_scoped_as_on_grpc(keys: Keys, tmp_path: Path) -> None:
    session = serve(ApiSettings(port=0, viss=("127.0.0.1", 0), jwt_public_key=keys.public_pem),
                    state_dir=tmp_path / "state")
    try:
        assert session.vss is not None and session.vss.viss is not None
        with connect(f"ws://127.0.0.1:{session.vss.viss.port}") as ws:  # no subprotocol offered: served too
            missing = ask(session, ws, action="get", path=sig.SPEED)
            assert missing["error"]["reason"] == "token_missing"
            expired = ask(session, ws, action="get", path=sig.SPEED,
                          authorization=keys.token("read", expires_in=-60))
            assert expired["error"]["reason"] == "token_expired"
            reader = keys.token("read:Vehicle.Cabin")
            assert ask(session, ws, action="get", path=sig.DRIVER_TEMP, authorization=reader)["data"]
            outside = ask(session, ws, action="get", path=sig.SPEED, authorization=reader)
            assert (outside["error"]["number"], outside["error"]["reason"]) == (403, "user_forbidden")
            refused = ask(session, ws, action="set", path=sig.DRIVER_TEMP, value="24", authorization=reader)
            assert refused["error"]["number"] == 403
    finally:
        session.close()


def test_probes_that_are_no_websocket_leave_no_error_in_the_log(
        viss: Session, caplog: pytest.LogCaptureFixture) -> None:
    import socket
    import time

    assert viss.vss is not None and viss.vss.viss is not None
    address = ("127.0.0.1", viss.vss.viss.port)
    with socket.create_connection(address, timeout=10) as probe:
        probe.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert probe.recv(200).startswith(b"HTTP/1.1 4")  # a browser or curl
    socket.create_connection(address, timeout=10).close()  # a port scan, a health check
    with socket.create_connection(address, timeout=10) as probe:
        probe.sendall(b"\x16\x03\x01 not http\r\n\r\n")  # a TLS client on the plain port
    time.sleep(0.3)
    with connect(f"ws://{address[0]}:{address[1]}") as ws:
        assert ask(viss, ws, action="get", path=sig.SPEED)["data"]
    assert not [record for record in caplog.records if record.levelno >= 40]


def test_wss_with_the_apis_certificate(certificate: Certificate, tmp_path: Path) -> None:
    import ssl

    session = serve(ApiSettings(port=0, viss=("127.0.0.1", 0), tls_cert=certificate.cert,
                                tls_key=certificate.key), state_dir=tmp_path / "state")
    try:
        assert session.vss is not None and session.vss.viss is not None
        trust = ssl.create_default_context(cafile=str(certificate.cert))
        with connect(f"wss://localhost:{session.vss.viss.port}", ssl=trust) as ws:
            assert ask(session, ws, action="get", path=sig.SPEED)["data"]["dp"]["value"] == "0.0"
    finally:
        session.close()
