"""Security as the databroker does it: JWT bearer tokens with read/actuate scopes, and TLS."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from kuksa.val.v2 import types_pb2 as types
from kuksa.val.v2 import val_pb2 as val
from kuksa.val.v2 import val_pb2_grpc as val_grpc
from kuksa_client.grpc import Datapoint, VSSClient, VSSClientError

from cockpit.core import signals as sig
from cockpit.core.errors import InvalidInput
from cockpit.session import Session
from cockpit.vss.settings import ApiSettings
from tests.vss.conftest import Certificate, Keys, answered, refusal, rsa_key, serve

UNAUTHENTICATED = grpc.StatusCode.UNAUTHENTICATED.value[0]


@pytest.fixture
def guarded(keys: Keys, tmp_path: Path) -> Iterator[Session]:
    """A served session that requires tokens signed by `keys`."""
    session = serve(ApiSettings(port=0, jwt_public_key=keys.public_pem), state_dir=tmp_path / "state")
    yield session
    session.close()


def sdk(session: Session, token: str | None) -> VSSClient:
    assert session.vss is not None
    return VSSClient("127.0.0.1", session.vss.port, token=token)


def set_temperature(session: Session, client: VSSClient, value: float) -> VSSClientError | None:
    error: VSSClientError | None = answered(session, refusal(
        lambda: client.set_target_values({sig.DRIVER_TEMP: Datapoint(value)})))
    return error


def test_without_a_token_nothing_is_read(guarded: Session) -> None:
    with sdk(guarded, None) as client, pytest.raises(VSSClientError) as refused:
        client.get_current_values([sig.SPEED])
    assert refused.value.error["code"] == UNAUTHENTICATED


@pytest.mark.parametrize(("make", "words"), [
    pytest.param(lambda keys: keys.token("read", key=rsa_key()), "signature does not match",
                 id="wrong-signature"),
    pytest.param(lambda keys: keys.token("read", expires_in=-60), "expired", id="expired"),
    pytest.param(lambda keys: keys.token("read", audience=["another.service"]), "kuksa.val",
                 id="wrong-audience"),
    pytest.param(lambda keys: keys.token("read", drop=("scope",)), "'scope' claim", id="no-scope"),
    pytest.param(lambda keys: keys.token("read", drop=("sub",)), "'sub' claim", id="no-subject"),
    pytest.param(lambda keys: keys.token("drive:Vehicle"), "names no action", id="unknown-action"),
    pytest.param(lambda keys: "not.a.token", "not valid", id="garbage"),
])
def test_bad_tokens_are_refused_as_unauthenticated(guarded: Session, keys: Keys, make: object,
                                                    words: str) -> None:
    with sdk(guarded, make(keys)) as client, pytest.raises(VSSClientError) as refused:  # type: ignore[operator]
        client.get_current_values([sig.SPEED])
    assert refused.value.error["code"] == UNAUTHENTICATED
    assert words in refused.value.error["message"]


def test_a_read_scope_reads_its_paths_only_and_never_actuates(guarded: Session, keys: Keys) -> None:
    with sdk(guarded, keys.token("read:Vehicle.Speed read:Vehicle.Cabin.HVAC")) as client:
        assert client.get_current_values([sig.SPEED])[sig.SPEED].value == 0.0
        assert client.get_current_values([sig.DRIVER_TEMP])[sig.DRIVER_TEMP].value == 21.0
        with pytest.raises(VSSClientError) as outside:
            client.get_current_values([sig.VOLUME])
        assert outside.value.errors[0]["error"]["code"] == 403
        error = set_temperature(guarded, client, 24.0)
        assert error is not None and error.errors[0]["error"]["code"] == 403
        assert "does not allow actuating" in error.errors[0]["error"]["message"]
    assert guarded.cockpit.value(sig.DRIVER_TEMP) == 21.0


def test_an_actuate_scope_actuates_through_the_policy(guarded: Session, keys: Keys) -> None:
    with sdk(guarded, keys.token("actuate:Vehicle.Cabin.HVAC.Station.*.Driver.*")) as client:
        assert set_temperature(guarded, client, 24.0) is None
        assert set_temperature(guarded, client, 29.0) is not None  # still the catalogue's range
    assert guarded.cockpit.value(sig.DRIVER_TEMP) == 24.0


def test_v2_calls_outside_the_scope_are_permission_denied(guarded: Session, keys: Keys) -> None:
    assert guarded.vss is not None
    metadata = [("authorization", f"Bearer {keys.token('read:Vehicle.Cabin')}")]
    with grpc.insecure_channel(f"127.0.0.1:{guarded.vss.port}") as channel:
        stub = val_grpc.VALStub(channel)
        with pytest.raises(grpc.RpcError) as denied:
            stub.GetValue(val.GetValueRequest(signal_id=types.SignalID(path=sig.SPEED)), metadata=metadata)
        assert denied.value.code() is grpc.StatusCode.PERMISSION_DENIED
        with pytest.raises(grpc.RpcError) as denied_stream:
            next(iter(stub.Subscribe(val.SubscribeRequest(signal_paths=[sig.SPEED]), metadata=metadata)))
        assert denied_stream.value.code() is grpc.StatusCode.PERMISSION_DENIED
        listed = stub.ListMetadata(val.ListMetadataRequest(root="Vehicle"), metadata=metadata).metadata
        assert listed and all(meta.path.startswith("Vehicle.Cabin.") for meta in listed)
        basic = [("authorization", f"Basic {keys.token('read')}")]  # a token, but not as a bearer
        with pytest.raises(grpc.RpcError) as not_bearer:
            stub.GetValue(val.GetValueRequest(signal_id=types.SignalID(path=sig.DRIVER_TEMP)), metadata=basic)
        assert not_bearer.value.code() is grpc.StatusCode.UNAUTHENTICATED


def test_a_subscription_ends_when_its_token_expires(guarded: Session, keys: Keys) -> None:
    with sdk(guarded, keys.token("read", expires_in=2)) as client:
        def listen() -> int:
            with pytest.raises(VSSClientError) as ended:
                for _ in client.subscribe_current_values([sig.SPEED]):
                    pass
            return int(ended.value.error["code"])

        began = time.monotonic()
        assert answered(guarded, listen) == UNAUTHENTICATED
        assert time.monotonic() - began < 10


def test_tls_serves_clients_that_trust_the_certificate(certificate: Certificate, tmp_path: Path) -> None:
    session = serve(ApiSettings(port=0, tls_cert=certificate.cert, tls_key=certificate.key),
                    state_dir=tmp_path / "state")
    try:
        assert session.vss is not None
        with VSSClient("localhost", session.vss.port, root_certificates=certificate.cert) as client:
            assert client.get_current_values([sig.SPEED])[sig.SPEED].value == 0.0
        with pytest.raises(VSSClientError) as refused, VSSClient("127.0.0.1", session.vss.port) as plain:
            plain.get_current_values([sig.SPEED])
        assert refused.value.error["code"] == grpc.StatusCode.UNAVAILABLE.value[0]
    finally:
        session.close()


@pytest.mark.parametrize("broken", ["cert", "key", "only-cert", "jwt-key"])
def test_unusable_key_and_certificate_files_are_refused_before_anything_starts(
        broken: str, certificate: Certificate, keys: Keys, tmp_path: Path) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_text("-----BEGIN NOTHING-----\n")
    settings = {"cert": ApiSettings(port=0, tls_cert=junk, tls_key=certificate.key),
                "key": ApiSettings(port=0, tls_cert=certificate.cert, tls_key=tmp_path / "missing.key"),
                "only-cert": ApiSettings(port=0, tls_cert=certificate.cert),
                "jwt-key": ApiSettings(port=0, jwt_public_key=junk)}[broken]
    with pytest.raises(InvalidInput) as refused:
        serve(settings, state_dir=tmp_path / "state")
    assert ("junk.pem" in str(refused.value) or "missing.key" in str(refused.value)
            or "both a certificate and its private key" in str(refused.value))
