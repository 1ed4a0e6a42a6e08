"""Roaming profiles over a real 3-node NATS cluster: push, fob in car B, concurrent writes, bad documents."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from pathlib import Path

import nats.js.errors
import pytest

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal, Source
from cockpit.core.events import NoticeRaised
from cockpit.personalisation.identity import KeyFobReader
from cockpit.personalisation.roaming import transfer
from cockpit.personalisation.roaming.address import parse_roaming_url
from cockpit.personalisation.roaming.durable import Change
from cockpit.personalisation.roaming.sync import RoamingSync
from tests.fleet.conftest import Car, copy_profiles

SETPOINT = "climate.driver.setpoint_c"


def settle(cars: list[Car], until: Callable[[], bool], timeout: float = 30.0) -> None:
    """Tick the cars (as their main loops would) until `until()` holds."""
    deadline = time.monotonic() + timeout
    while not until():
        assert time.monotonic() < deadline, "the cars did not settle in time"
        for cockpit, _, _ in cars:
            cockpit.tick(0.01)
        time.sleep(0.005)


@pytest.fixture
def pushed(bucket_url: str, tmp_path: Path) -> str:
    """The shipped profiles pushed to a fresh bucket; returns its URL."""
    laptop = copy_profiles(tmp_path / "laptop")
    result = transfer.push(parse_roaming_url(bucket_url), laptop, tmp_path / "laptop-state")
    assert sorted(entry.split()[0] for entry in result.sent) == ["alice", "bernd", "guest", "tom", "valet"]
    return bucket_url


def queue_empty(sync: RoamingSync) -> bool:
    return not sync.backend.queue.pending()


def test_fob_in_car_b_applies_what_car_a_learned(pushed: str, make_car: Callable[..., Car]) -> None:
    first_node, third_node = pushed.split(",")[0], "nats://" + pushed.split(",")[2]
    car_a = make_car(first_node + "/" + pushed.rpartition("/")[2], "car-a")
    car_b = make_car(third_node, "car-b")
    cockpit_a, engine_a, sync_a = car_a
    KeyFobReader(engine_a).present("fob-1")
    assert cockpit_a.value(sig.DRIVER_ID) == "alice"

    cockpit_a.submit(SetSignal(sig.DRIVER_TEMP, 23.5, source=Source.USER))
    settle([car_a], lambda: queue_empty(sync_a))

    cockpit_b, engine_b, _ = car_b
    KeyFobReader(engine_b).present("fob-1")
    settle([car_b], lambda: cockpit_b.target(sig.DRIVER_TEMP) == 23.5)
    assert engine_b.active is not None and engine_b.active.id == "alice"


def test_two_cars_changing_one_driver_keep_both_changes(pushed: str, make_car: Callable[..., Car]) -> None:
    cars = [make_car(pushed, "car-a"), make_car(pushed, "car-b")]
    (cockpit_a, _, sync_a), (cockpit_b, _, sync_b) = cars
    for _, engine, _ in cars:
        KeyFobReader(engine).present("fob-1")
    # The same moment in two cars: each writes on the revision it read; one must merge and retry.
    cockpit_a.submit(SetSignal(sig.DRIVER_TEMP, 19.0, source=Source.USER))
    cockpit_b.submit(SetSignal(sig.VOLUME, 7, source=Source.USER))
    settle(cars, lambda: queue_empty(sync_a) and queue_empty(sync_b))
    settle(cars, lambda: all(s.backend.load("alice").get(SETPOINT) == 19.0 and
                             s.backend.load("alice").get("media.volume_pct") == 7 for _, _, s in cars))


def cluster_fields(sync: RoamingSync, profile_id: str) -> dict[str, object]:
    """What the bucket itself holds now (not a car's view of it)."""
    client = sync.backend.client

    async def read() -> bytes:
        try:
            entry = await client._kv.get(f"learned.{profile_id}")
        except nats.js.errors.KeyNotFoundError:
            return b'{"fields": {}}'
        return bytes(entry.value)
    return {name: entry["value"] for name, entry in json.loads(client.call(read(), 5.0))["fields"].items()}


def test_many_cars_writing_one_driver_at_once_lose_nothing(pushed: str, make_car: Callable[..., Car]) -> None:
    cars = [make_car(pushed, f"car-{index}") for index in range(4)]
    expected = {f"test.car{index}.change{change}": change for index in range(4) for change in range(5)}
    for change in range(5):  # 20 writes in flight at once: each must merge what the others wrote
        for index, (_, _, sync) in enumerate(cars):
            stamp = sync.backend.clock.now()
            name = f"test.car{index}.change{change}"
            sync.backend.client.write("alice", [Change("alice", name, change, stamp)])

    def stored() -> dict[str, object]:
        return {name: value for name, value in cluster_fields(cars[0][2], "alice").items()
                if name.startswith("test.")}
    with contextlib.suppress(AssertionError):
        settle(cars, lambda: stored() == expected, timeout=5.0)
    assert stored() == expected


def test_newest_change_per_field_wins(pushed: str, make_car: Callable[..., Car]) -> None:
    cars = [make_car(pushed, "car-a"), make_car(pushed, "car-b")]
    (_, _, sync_a), (_, _, sync_b) = cars
    sync_a.backend.remember("alice", SETPOINT, 18.0)
    sync_b.backend.remember("alice", SETPOINT, 26.0)  # later stamp: wins in both cars
    settle(cars, lambda: all(s.backend.load("alice").get(SETPOINT) == 26.0 for _, _, s in cars))


def test_offline_car_queues_on_disk_and_syncs_later(pushed: str, make_car: Callable[..., Car],
                                                   tmp_path: Path) -> None:
    online = make_car(pushed, "car-a")
    # car-b has the cluster's copy in its cache, then drives where there is no network.
    make_car(pushed, "car-b")[2].close()
    unreachable = "nats://127.0.0.1:9/" + pushed.rpartition("/")[2]
    cockpit_b, engine_b, sync_b = make_car(unreachable, "car-b", start=False)
    cockpit_b.submit(SetSignal(sig.LANGUAGE, "de-DE", source=Source.SYSTEM))
    shown: list[str] = []
    cockpit_b.bus.subscribe(lambda event: shown.append(event.text), NoticeRaised)
    sync_b.start(1.0)
    # The driver is told in their language, without addresses; the log has the details.
    assert shown == ["Profile aus der Cloud nicht erreichbar: die im Auto gespeicherten Kopien werden "
                     "verwendet"]
    KeyFobReader(engine_b).present("fob-1")
    assert cockpit_b.value(sig.DRIVER_ID) == "alice"  # from the cache
    cockpit_b.submit(SetSignal(sig.DRIVER_TEMP, 24.0, source=Source.USER))
    queued = list((tmp_path / "car-b").glob("roaming/*/queue/*.json"))
    assert len(queued) == 1 and json.loads(queued[0].read_text())["value"] == 24.0
    assert any("unreachable" in text for text in make_car.notices["car-b"])  # type: ignore[attr-defined]
    sync_b.close()

    # Back in coverage (a new session of the same car): the queued change reaches the cluster.
    reconnected = make_car(pushed, "car-b")
    settle([reconnected, online], lambda: online[2].backend.load("alice").get(SETPOINT) == 24.0)
    assert not list((tmp_path / "car-b").glob("roaming/*/queue/*.json"))


def test_bad_document_from_the_cluster_is_refused_with_key_and_reason(pushed: str, tmp_path: Path,
                                                                      make_car: Callable[..., Car]) -> None:
    cockpit, engine, sync = make_car(pushed, "car-a")
    client = sync.backend.client
    bad = (b"schema_version: 1\nidentity: {id: alice, display_name: Alice, key_fobs: [fob-1]}\n"
           b"seat:\n  height_mm: 500\n")
    client.call(client.put_if_changed("profile.alice", bad), 5.0)
    nan = (b'{"version": 1, "profile": "bernd", '
           b'"fields": {"media.volume_pct": {"value": NaN, "stamp": [1, 0, "x"]}}}')
    client.call(client.put_if_changed("learned.bernd", nan), 5.0)
    notices = make_car.notices["car-a"]  # type: ignore[attr-defined]
    settle([(cockpit, engine, sync)], lambda: len([n for n in notices if n.startswith("refused")]) >= 2)
    refused = [n for n in notices if n.startswith("refused")]
    assert any("/profile.alice revision" in n and ":4:14: seat.height_mm:" in n for n in refused), refused
    assert any("/learned.bernd revision" in n and "NaN is not a number" in n for n in refused), refused
    # The last valid copy stays in use.
    KeyFobReader(engine).present("fob-1")
    assert cockpit.value(sig.DRIVER_ID) == "alice"
    assert engine.active is not None and engine.active.profile.seat.height_mm <= 80


def test_pull_writes_new_files_and_never_replaces_a_different_one(pushed: str, tmp_path: Path) -> None:
    folder = tmp_path / "other-laptop"
    folder.mkdir()
    mine = folder / "alice.yaml"
    mine.write_text("# my own alice\n", encoding="utf-8")
    result = transfer.pull(parse_roaming_url(pushed), folder, tmp_path / "other-state")
    assert mine.read_text(encoding="utf-8") == "# my own alice\n"
    assert any("alice.yaml differs" in line for line in result.kept)
    assert sorted(path.name for path in folder.glob("*.yaml")) == ["alice.yaml", "bernd.yaml", "guest.yaml",
                                                                    "tom.yaml", "valet.yaml"]


def test_a_profile_deleted_from_the_cluster_is_pushed_again(pushed: str, tmp_path: Path) -> None:
    """After a delete the key's last revision is the delete marker's: compare-and-set must use it."""
    address = parse_roaming_url(pushed)

    async def delete_tom() -> None:
        nc = await nats.connect(servers=list(address.servers))
        try:
            bucket = await nc.jetstream().key_value(address.bucket)
            await bucket.delete("profile.tom")
        finally:
            await nc.close()

    asyncio.run(delete_tom())
    again = transfer.push(address, copy_profiles(tmp_path / "again"), tmp_path / "again-state", timeout=10.0)
    assert [entry.split()[0] for entry in again.sent] == ["tom"]
