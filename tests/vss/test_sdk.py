"""The real kuksa-client SDK reads, subscribes and actuates a served cockpit over gRPC on a free port."""

from __future__ import annotations

import pytest
from kuksa_client.grpc import (
    Datapoint,
    DataType,
    EntryType,
    Field,
    SubscribeEntry,
    View,
    VSSClient,
    VSSClientError,
)

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal, Source
from cockpit.core.events import CommandApplied, CommandDeferred
from cockpit.session import Session
from tests.vss.conftest import answered, pump, refusal, subscribed


def drive_off(session: Session, kmh: float = 20.0) -> None:
    """Brake, select D, accelerate until the car goes faster than `kmh`."""
    vehicle = session.vehicle
    vehicle.press_brake(60)
    assert vehicle.select_gear("D").applied
    vehicle.press_brake(0)
    vehicle.press_accelerator(60)
    pump(session, lambda: vehicle.speed_kmh > kmh, dt=0.1, what=f"speed above {kmh} km/h")


def actuate(session: Session, client: VSSClient, path: str, value: object) -> VSSClientError | None:
    """Set a target value from a client thread while the test thread runs the main loop."""
    error: VSSClientError | None = answered(session, refusal(
        lambda: client.set_target_values({path: Datapoint(value)})))
    return error


def entry_error(error: VSSClientError) -> dict[str, object]:
    (first,) = error.errors
    return first["error"]  # type: ignore[no-any-return]


def test_get_reads_the_cockpits_values_and_catalogue_metadata(served: Session, client: VSSClient) -> None:
    values = client.get_current_values([sig.SPEED, sig.DRIVER_TEMP, sig.AIR_DISTRIBUTION, sig.AC])
    assert values[sig.SPEED].value == 0.0
    assert values[sig.DRIVER_TEMP].value == served.cockpit.value(sig.DRIVER_TEMP)
    assert values[sig.AIR_DISTRIBUTION].value == served.cockpit.value(sig.AIR_DISTRIBUTION)
    assert values[sig.AC].value is served.cockpit.value(sig.AC)
    assert values[sig.SPEED].timestamp is not None
    meta = client.get_metadata([sig.DRIVER_TEMP, sig.DRIVER_FAN, sig.AIR_DISTRIBUTION, sig.SPEED,
                                sig.SEAT_HEIGHT, sig.LATITUDE])
    temperature = meta[sig.DRIVER_TEMP]
    assert (temperature.data_type, temperature.entry_type, temperature.unit) == (
        DataType.FLOAT, EntryType.ACTUATOR, "celsius")
    assert (temperature.value_restriction.min, temperature.value_restriction.max) == (16.0, 28.0)
    assert meta[sig.DRIVER_FAN].data_type is DataType.UINT8
    assert meta[sig.AIR_DISTRIBUTION].value_restriction.allowed_values == ["UP", "MIDDLE", "DOWN"]
    assert meta[sig.SPEED].entry_type is EntryType.SENSOR
    assert meta[sig.SPEED].description == "Vehicle speed; negative while reversing."
    assert meta[sig.SEAT_HEIGHT].data_type is DataType.UINT16  # as VSS says, though 0..80 fits a uint8
    assert meta[sig.LATITUDE].data_type is DataType.DOUBLE


def test_a_wildcard_get_returns_every_signal_below_a_branch(client: VSSClient) -> None:
    entries = client.get(entries=[_request("Vehicle.Cabin.Seat.Row1.DriverSide.*", View.CURRENT_VALUE)])
    paths = {entry.path for entry in entries}
    assert sig.SEAT_POSITION in paths and sig.SEAT_HEIGHT in paths
    assert sig.SEAT_RECLINE not in paths  # one level only: Backrest.Recline is deeper
    everything = client.get(entries=[_request("**", View.METADATA)])
    assert {entry.path for entry in everything} == set(sig.CATALOGUE)


def _request(path: str, view: View) -> object:
    from kuksa_client.grpc import EntryRequest

    return EntryRequest(path, view, ())


def test_vehicle_speed_follows_a_drive_cycle(served: Session, client: VSSClient) -> None:
    served.vehicle.drive_cycle("wltp_class3b", 0.0, 120.0)
    pump(served, lambda: served.vehicle.speed_kmh > 15, dt=0.1, what="the cycle to pick up speed")
    first = client.get_current_values([sig.SPEED])[sig.SPEED].value
    pump(served, lambda: abs(served.vehicle.speed_kmh - first) > 1, dt=0.1, what="the speed to change")
    second = client.get_current_values([sig.SPEED])[sig.SPEED].value
    assert first > 15 and second != pytest.approx(first, abs=0.5)
    assert second == pytest.approx(served.cockpit.value(sig.SPEED), abs=1e-3)


def test_setting_the_driver_temperature_goes_through_the_policy(served: Session, client: VSSClient) -> None:
    applied: list[CommandApplied] = []
    served.cockpit.bus.subscribe(applied.append, CommandApplied)
    assert actuate(served, client, sig.DRIVER_TEMP, 23.5) is None
    assert served.cockpit.value(sig.DRIVER_TEMP) == 23.5
    sources = [event.command.source for event in applied
               if getattr(event.command, "path", "") == sig.DRIVER_TEMP]
    assert sources == [Source.VSS]
    assert client.get_target_values([sig.DRIVER_TEMP])[sig.DRIVER_TEMP].value == 23.5


def test_a_seat_move_while_driving_is_deferred_with_the_policys_reason(served: Session,
                                                                      client: VSSClient) -> None:
    deferred: list[CommandDeferred] = []
    served.cockpit.bus.subscribe(deferred.append, CommandDeferred)
    drive_off(served)
    error = actuate(served, client, sig.SEAT_POSITION, 200)
    assert error is not None
    assert entry_error(error) == {"code": 409, "reason": "deferred",
                                  "message": f"{sig.SEAT_POSITION}: deferred, waits until the car is parked"}
    assert [command.path for command in served.cockpit.pending()] == [sig.SEAT_POSITION]
    assert deferred and deferred[0].command.source is Source.VSS


def test_video_while_driving_is_refused_with_the_policys_reason(served: Session, client: VSSClient) -> None:
    drive_off(served)
    error = actuate(served, client, sig.MEDIA_SOURCE, "TV")
    assert error is not None
    assert entry_error(error)["code"] == 409
    assert entry_error(error)["message"] == f"{sig.MEDIA_SOURCE}: video is not available while driving"
    assert served.cockpit.value(sig.MEDIA_SOURCE) != "TV"


@pytest.mark.parametrize(("path", "value", "code", "words"), [
    pytest.param(sig.DRIVER_TEMP, 40.0, 400, "above the maximum 28 celsius", id="above-range"),
    pytest.param(sig.DRIVER_TEMP, float("nan"), 400, "expected float, got nan", id="nan"),
    pytest.param(sig.DRIVER_TEMP, float("inf"), 400, "expected float, got inf", id="inf"),
    pytest.param(sig.DRIVER_TEMP, 1e308, 400, "expected float, got inf", id="1e308-as-float32"),
    pytest.param(sig.DEST_LATITUDE, 1e308, 400, "above the maximum 90 degrees", id="1e308-as-double"),
    pytest.param(sig.DRIVER_FAN, 300, 400, "above the maximum 100 percent", id="uint8-above-range"),
    pytest.param(sig.AIR_DISTRIBUTION, "SIDEWAYS", 400, "is not one of UP, MIDDLE, DOWN", id="not-allowed"),
    pytest.param(sig.SPEED, 50.0, 400, "is a sensor", id="sensor"),
    pytest.param("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temprature", 21.0, 404, "not a signal",
                 id="unknown-path"),
    pytest.param("Vehicle.Cabin.HVAC", 21.0, 404, "a branch", id="branch"),
])
def test_bad_actuations_get_the_apis_error_codes(served: Session, client: VSSClient, path: str, value: object,
                                                 code: int, words: str,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    before = served.cockpit.snapshot()
    wire = {sig.DEST_LATITUDE: DataType.DOUBLE, sig.DRIVER_FAN: DataType.UINT8,
            sig.AIR_DISTRIBUTION: DataType.STRING}.get(path, DataType.FLOAT)
    error = _set_typed(served, client, path, value, wire)
    assert error is not None
    assert entry_error(error)["code"] == code
    assert words in str(entry_error(error)["message"])
    assert served.cockpit.snapshot().get(path) == before.get(path) and not served.cockpit.pending()
    assert client.get_current_values([sig.SPEED])  # the server goes on
    assert not [record for record in caplog.records if record.levelname in ("ERROR", "CRITICAL")]


def _set_typed(session: Session, client: VSSClient, path: str, value: object,
               kind: DataType) -> VSSClientError | None:
    """A v1 Set of a target with a given wire type, as the SDK builds it once it knows the type."""
    from kuksa_client.grpc import DataEntry, EntryUpdate, Metadata

    entry = DataEntry(path, actuator_target=Datapoint(value), metadata=Metadata(data_type=kind))
    error: VSSClientError | None = answered(session, refusal(
        lambda: client.set(updates=[EntryUpdate(entry, (Field.ACTUATOR_TARGET,))])))
    return error


def test_a_set_with_one_bad_entry_applies_none(served: Session, client: VSSClient) -> None:
    error = answered(served, refusal(lambda: client.set_target_values(
        {sig.PASSENGER_TEMP: Datapoint(25.0), sig.DRIVER_TEMP: Datapoint(99.0)})))
    assert [entry["path"] for entry in error.errors] == [sig.DRIVER_TEMP]
    assert served.cockpit.value(sig.PASSENGER_TEMP) == 21.0


def test_unknown_paths_and_bad_patterns_on_get(client: VSSClient) -> None:
    with pytest.raises(VSSClientError) as unknown:
        client.get_current_values(["Vehicle.Sped"])
    assert unknown.value.errors[0]["error"]["code"] == 404
    with pytest.raises(VSSClientError) as bad:
        client.get_current_values(["Vehicle..Speed"])
    assert bad.value.errors[0]["error"]["code"] == 400


def test_a_subscriber_gets_the_current_value_first_then_each_change(served: Session,
                                                                    client: VSSClient) -> None:
    def two_updates() -> list[dict[str, object]]:
        received = []
        for updates in client.subscribe_current_values([sig.DRIVER_TEMP]):
            received.append({path: point.value for path, point in updates.items()})
            if len(received) == 2:
                return received
        return received

    received = subscribed(served, two_updates,
                          lambda: served.cockpit.submit(SetSignal(sig.DRIVER_TEMP, 24.0, source=Source.USER)))
    assert received == [{sig.DRIVER_TEMP: 21.0}, {sig.DRIVER_TEMP: 24.0}]
    pump(served, lambda: not served.vss.hub.feeds, what="the ended subscription to close")  # type: ignore[union-attr]


def test_a_branch_subscription_covers_every_signal_below_it(served: Session, client: VSSClient) -> None:
    def updates() -> list[dict[str, object]]:
        received = []
        for batch in client.subscribe_current_values(["Vehicle.Cabin.HVAC"]):
            received.append({path: point.value for path, point in batch.items()})
            if sig.DRIVER_FAN in received[-1] and received[-1][sig.DRIVER_FAN] == 80:
                return received
        return received

    first = subscribed(served, updates,
                       lambda: served.cockpit.submit(SetSignal(sig.DRIVER_FAN, 80, source=Source.USER)))[0]
    assert set(first) == {path for path in sig.CATALOGUE if path.startswith("Vehicle.Cabin.HVAC.")}


def test_a_v1_target_subscription_sees_a_seat_target_before_the_motor_gets_there(
        served: Session, client: VSSClient) -> None:
    entries = [SubscribeEntry(sig.SEAT_POSITION, View.FIELDS, (Field.VALUE, Field.ACTUATOR_TARGET))]

    def until_there() -> list[tuple[object, object]]:
        seen: list[tuple[object, object]] = []
        for updates in client.subscribe(entries=entries):
            for update in updates:
                value = update.entry.value.value if update.entry.value else None
                target = update.entry.actuator_target.value if update.entry.actuator_target else None
                seen.append((value, target))
            if (200, None) in seen:
                return seen
        return seen

    seen = subscribed(served, until_there, lambda: served.cockpit.submit(SetSignal(sig.SEAT_POSITION, 200)),
                      dt=0.1)
    assert seen[0] == (150, 150)  # the snapshot: value and target
    value, target = seen[1]  # the new target comes with the first change, long before the seat is there
    assert target == 200 and (value is None or value < 160)
    moving = [value for value, target in seen[2:] if value is not None]
    assert moving == sorted(moving) and moving[-1] == 200 and len(moving) > 2
