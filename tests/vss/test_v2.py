"""kuksa.val.v2 through the stub kuksa-client ships: the calls the SDK does not wrap, and their codes."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import grpc
import pytest
from kuksa.val.v2 import types_pb2 as types
from kuksa.val.v2 import val_pb2 as val
from kuksa.val.v2 import val_pb2_grpc as val_grpc

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal
from cockpit.session import Session
from tests.vss.conftest import answered, pump, subscribed
from tests.vss.test_sdk import drive_off


@pytest.fixture
def stub(served: Session) -> Iterator[val_grpc.VALStub]:
    assert served.vss is not None
    with grpc.insecure_channel(f"127.0.0.1:{served.vss.port}") as channel:
        yield val_grpc.VALStub(channel)


def path_id(path: str) -> types.SignalID:
    return types.SignalID(path=path)


def code_of(session: Session, work: Callable[[], object]) -> tuple[grpc.StatusCode, str]:
    def attempt() -> tuple[grpc.StatusCode, str]:
        try:
            work()
        except grpc.RpcError as error:
            return error.code(), error.details()
        raise AssertionError("the call succeeded")

    answer: tuple[grpc.StatusCode, str] = answered(session, attempt)
    return answer


def test_get_value_by_path_and_by_the_id_list_metadata_gives(served: Session, stub: val_grpc.VALStub) -> None:
    listed = stub.ListMetadata(val.ListMetadataRequest(root="Vehicle.Cabin.HVAC.Station")).metadata
    by_path = {meta.path: meta for meta in listed}
    assert set(by_path) == {path for path in sig.CATALOGUE if path.startswith("Vehicle.Cabin.HVAC.Station.")}
    temperature = by_path[sig.DRIVER_TEMP]
    assert temperature.data_type == types.DATA_TYPE_FLOAT
    assert temperature.entry_type == types.ENTRY_TYPE_ACTUATOR
    assert (temperature.min.float, temperature.max.float, temperature.unit) == (16.0, 28.0, "celsius")
    assert list(by_path[sig.AIR_DISTRIBUTION].allowed_values.string_array.values) == ["UP", "MIDDLE", "DOWN"]
    by_id = stub.GetValue(val.GetValueRequest(signal_id=types.SignalID(id=temperature.id)))
    assert by_id.data_point.value.float == served.cockpit.value(sig.DRIVER_TEMP)
    both = stub.GetValues(val.GetValuesRequest(signal_ids=[path_id(sig.SPEED), path_id(sig.DRIVER_FAN)]))
    assert [point.value.WhichOneof("typed_value") for point in both.data_points] == ["float", "uint32"]


def test_actuate_applies_through_the_policy_and_says_why_when_it_does_not(served: Session,
                                                                         stub: val_grpc.VALStub) -> None:
    def warmer() -> None:
        stub.Actuate(val.ActuateRequest(signal_id=path_id(sig.DRIVER_TEMP), value=types.Value(float=22.3)))

    answered(served, warmer)
    assert served.cockpit.value(sig.DRIVER_TEMP) == 22.3  # as meant, not the 32-bit 22.299999237
    drive_off(served)
    status, message = code_of(served, lambda: stub.Actuate(val.ActuateRequest(
        signal_id=path_id(sig.MIRROR_LEFT_TILT), value=types.Value(int32=40))))
    assert status is grpc.StatusCode.FAILED_PRECONDITION
    assert message == f"{sig.MIRROR_LEFT_TILT}: deferred, waits until the car is parked"


@pytest.mark.parametrize(("request_", "status", "words"), [
    pytest.param(val.ActuateRequest(signal_id=path_id(sig.DRIVER_TEMP), value=types.Value(string="warm")),
                 grpc.StatusCode.INVALID_ARGUMENT, "is float; a string value does not fit", id="wrong-type"),
    pytest.param(val.ActuateRequest(signal_id=path_id(sig.DRIVER_TEMP), value=types.Value(double=1e308)),
                 grpc.StatusCode.INVALID_ARGUMENT, "above the maximum", id="1e308"),
    pytest.param(val.ActuateRequest(signal_id=path_id(sig.DRIVER_TEMP),
                                    value=types.Value(float=float("nan"))),
                 grpc.StatusCode.INVALID_ARGUMENT, "got nan", id="nan"),
    pytest.param(val.ActuateRequest(signal_id=path_id(sig.SPEED), value=types.Value(float=20)),
                 grpc.StatusCode.INVALID_ARGUMENT, "is a sensor", id="sensor"),
    pytest.param(val.ActuateRequest(signal_id=path_id("Vehicle.Cabin.Heater"), value=types.Value(bool=True)),
                 grpc.StatusCode.NOT_FOUND, "not a signal", id="unknown-path"),
    pytest.param(val.ActuateRequest(signal_id=types.SignalID(id=99999), value=types.Value(bool=True)),
                 grpc.StatusCode.NOT_FOUND, "no signal has the id 99999", id="unknown-id"),
    pytest.param(val.ActuateRequest(signal_id=path_id(sig.AC)), grpc.StatusCode.INVALID_ARGUMENT,
                 "No value provided", id="no-value"),
    pytest.param(val.ActuateRequest(signal_id=path_id("Vehicle." + "X" * 1000), value=types.Value(bool=True)),
                 grpc.StatusCode.INVALID_ARGUMENT, "longer than 1000", id="path-too-long"),
])
def test_bad_actuations_get_the_v2_status_codes(served: Session, stub: val_grpc.VALStub,
                                                request_: val.ActuateRequest, status: grpc.StatusCode,
                                                words: str) -> None:
    got, message = code_of(served, lambda: stub.Actuate(request_))
    assert got is status and words in message
    assert served.cockpit.value(sig.DRIVER_TEMP) == 21.0


def test_a_batch_with_one_bad_entry_applies_none(served: Session, stub: val_grpc.VALStub) -> None:
    batch = val.BatchActuateRequest(actuate_requests=[
        val.ActuateRequest(signal_id=path_id(sig.PASSENGER_TEMP), value=types.Value(float=26.0)),
        val.ActuateRequest(signal_id=path_id(sig.DRIVER_FAN), value=types.Value(uint32=101))])
    status, message = code_of(served, lambda: stub.BatchActuate(batch))
    assert status is grpc.StatusCode.INVALID_ARGUMENT and sig.DRIVER_FAN in message
    assert served.cockpit.value(sig.PASSENGER_TEMP) == 21.0


def test_subscribe_by_id_sends_the_snapshot_then_changes(served: Session, stub: val_grpc.VALStub) -> None:
    (meta,) = stub.ListMetadata(val.ListMetadataRequest(root=sig.VOLUME)).metadata
    stream = stub.SubscribeById(val.SubscribeByIdRequest(signal_ids=[meta.id]))

    def two() -> list[int]:
        received = []
        try:
            for response in stream:
                received.append(response.entries[meta.id].value.uint32)
                if len(received) == 2:
                    stream.cancel()
        except grpc.RpcError as error:
            assert error.code() is grpc.StatusCode.CANCELLED  # by us, above
        return received

    assert subscribed(served, two, lambda: served.cockpit.submit(SetSignal(sig.VOLUME, 55))) == [30, 55]
    pump(served, lambda: served.vss is not None and not served.vss.hub.feeds, what="the feed to close")


@pytest.mark.parametrize(("request_", "status"), [
    pytest.param(val.SubscribeRequest(signal_paths=["Vehicle.Cabin"]), grpc.StatusCode.NOT_FOUND,
                 id="branch"),
    pytest.param(val.SubscribeRequest(signal_paths=[]), grpc.StatusCode.INVALID_ARGUMENT, id="empty"),
    pytest.param(val.SubscribeRequest(signal_paths=[sig.SPEED], buffer_size=1001),
                 grpc.StatusCode.INVALID_ARGUMENT, id="buffer-too-large"),
])
def test_bad_subscriptions_are_refused(served: Session, stub: val_grpc.VALStub,
                                       request_: val.SubscribeRequest, status: grpc.StatusCode) -> None:
    got, _ = code_of(served, lambda: next(iter(stub.Subscribe(request_))))
    assert got is status


def test_the_provider_side_is_refused_the_cockpit_provides_every_signal(served: Session,
                                                                       stub: val_grpc.VALStub) -> None:
    publish = val.PublishValueRequest(signal_id=path_id(sig.SPEED),
                                      data_point=types.Datapoint(value=types.Value(float=99.0)))
    status, message = code_of(served, lambda: stub.PublishValue(publish))
    assert status is grpc.StatusCode.PERMISSION_DENIED and "target value" in message
    claim = val.OpenProviderStreamRequest(provide_actuation_request=val.ProvideActuationRequest(
        actuator_identifiers=[path_id(sig.DRIVER_TEMP)]))
    status, _ = code_of(served, lambda: next(iter(stub.OpenProviderStream(iter([claim])))))
    assert status is grpc.StatusCode.ALREADY_EXISTS
    assert served.cockpit.value(sig.SPEED) == 0.0


def test_list_metadata_finds_patterns_and_refuses_nonsense(stub: val_grpc.VALStub) -> None:
    mirrors = stub.ListMetadata(val.ListMetadataRequest(root="Vehicle.Body.Mirrors.*.Tilt")).metadata
    assert {meta.path for meta in mirrors} == {sig.MIRROR_LEFT_TILT, sig.MIRROR_RIGHT_TILT}
    with pytest.raises(grpc.RpcError) as missing:
        stub.ListMetadata(val.ListMetadataRequest(root="Vehicle.Trailer"))
    assert missing.value.code() is grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.RpcError) as nonsense:
        stub.ListMetadata(val.ListMetadataRequest(root="Vehicle.Cabin.[a-z]+"))
    assert nonsense.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    info = stub.GetServerInfo(val.GetServerInfoRequest())
    assert info.name == "smartcockpit-sim" and info.version
