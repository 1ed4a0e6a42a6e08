"""The thread boundary: actuations wait for the main loop and are never applied late; feeds end cleanly."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import SetSignal, Source
from cockpit.vss.hub import MAX_FEEDS, Feed, Field, HubFull, HubUnavailable, Sample, Update, VssHub
from cockpit.vss.tree import Tree


@pytest.fixture
def hub(cockpit: Cockpit) -> Iterator[VssHub]:
    made = VssHub(cockpit, Tree())
    yield made
    made.close()


def warmer() -> SetSignal:
    return SetSignal(sig.DRIVER_TEMP, 25.0, source=Source.VSS)


def test_an_actuation_the_main_loop_did_not_take_in_time_is_withdrawn_not_applied_late(
        cockpit: Cockpit, hub: VssHub) -> None:
    with pytest.raises(HubUnavailable, match=r"did not answer within 0\.05 s"):
        hub.actuate([warmer()], timeout=0.05)
    cockpit.tick(0.1)
    assert cockpit.value(sig.DRIVER_TEMP) == 21.0


def test_an_actuation_is_applied_on_the_main_loop_and_answered_with_the_outcome(
        cockpit: Cockpit, hub: VssHub) -> None:
    answers: list[object] = []
    caller = threading.Thread(target=lambda: answers.extend(hub.actuate([warmer()], timeout=5.0)))
    caller.start()
    assert hub.wait_for_work(5.0)
    applied_on = threading.current_thread()
    seen: list[threading.Thread] = []
    cockpit.bus.subscribe(lambda event: seen.append(threading.current_thread()))
    cockpit.tick(0.1)
    caller.join(5.0)
    assert [outcome.applied for outcome in answers] == [True]  # type: ignore[attr-defined]
    assert seen and set(seen) == {applied_on}  # every event came on the main loop's thread


def test_closing_fails_waiting_actuations_at_once(hub: VssHub) -> None:
    errors: list[Exception] = []

    def wait() -> None:
        try:
            hub.actuate([warmer()], timeout=30.0)
        except HubUnavailable as error:
            errors.append(error)

    caller = threading.Thread(target=wait)
    caller.start()
    assert hub.wait_for_work(5.0)
    began = time.monotonic()
    hub.close()
    caller.join(5.0)
    assert [str(error) for error in errors] == ["the cockpit is shutting down"]
    assert time.monotonic() - began < 2.0
    with pytest.raises(HubUnavailable):
        hub.actuate([warmer()], timeout=1.0)


def test_a_slow_subscriber_keeps_the_newest_updates() -> None:
    feed = Feed(frozenset({sig.SPEED}), frozenset({Field.VALUE}), buffer=3)
    for speed in range(5):
        feed.push(Update(sig.SPEED, Field.VALUE, Sample(float(speed), 0.0)))
    assert [update.sample.value for update in feed.take(0.0) or []] == [2.0, 3.0, 4.0]
    feed.close()
    assert feed.take(5.0) is None


def test_a_feed_starts_with_the_snapshot_and_follows_the_changes(cockpit: Cockpit, hub: VssHub) -> None:
    feed = hub.subscribe([sig.DRIVER_TEMP, sig.SPEED], [Field.VALUE])
    first = feed.take(0.0) or []
    assert {update.path: update.sample.value for update in first} == {sig.DRIVER_TEMP: 21.0, sig.SPEED: 0.0}
    cockpit.submit(SetSignal(sig.DRIVER_TEMP, 22.0))
    changes = [(update.path, update.sample.value) for update in feed.take(1.0) or []]
    assert changes == [(sig.DRIVER_TEMP, 22.0)]
    hub.unsubscribe(feed)
    cockpit.submit(SetSignal(sig.DRIVER_TEMP, 23.0))
    assert feed.take(0.0) is None and hub.feeds == 0


def test_open_subscriptions_are_limited_to_what_the_server_has_threads_for(hub: VssHub) -> None:
    feeds = [hub.subscribe([sig.SPEED], [Field.VALUE]) for _ in range(MAX_FEEDS)]
    with pytest.raises(HubFull, match=f"{MAX_FEEDS} subscriptions are open"):
        hub.subscribe([sig.SPEED], [Field.VALUE])
    hub.unsubscribe(feeds[0])
    hub.unsubscribe(hub.subscribe([sig.SPEED], [Field.VALUE]))
