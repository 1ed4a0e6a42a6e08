"""The pieces of the roaming store without a cluster: the hybrid logical clock, the field-by-field
merge, the learned document's checks and the durable queue."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import strategies as st

from cockpit.personalisation.roaming import documents
from cockpit.personalisation.roaming.documents import Field
from cockpit.personalisation.roaming.durable import Change, ChangeQueue
from cockpit.personalisation.roaming.hlc import HybridClock, Stamp
from tests.fuzzing import BUDGETS, run


def test_the_clock_never_goes_backwards_even_when_the_wall_clock_does() -> None:
    walls = iter([1000, 1000, 990, 1005])
    clock = HybridClock("car-a", wall_ms=lambda: next(walls))
    stamps = [clock.now() for _ in range(4)]
    assert stamps == [Stamp(1000, 0, "car-a"), Stamp(1000, 1, "car-a"), Stamp(1000, 2, "car-a"),
                      Stamp(1005, 0, "car-a")]


def test_after_seeing_a_stamp_the_next_one_is_later_even_with_a_clock_behind() -> None:
    behind = HybridClock("car-b", wall_ms=lambda: 500)  # this car's clock is 10 s behind
    behind.observe(Stamp(10_500, 3, "car-a"))
    assert behind.now() > Stamp(10_500, 3, "car-a")


def test_merge_keeps_the_newest_change_of_every_field_and_forgetting_wins_over_older_values() -> None:
    ours = {"a": Field(1, Stamp(10, 0, "x")), "b": Field(2, Stamp(30, 0, "x"))}
    theirs = {"a": Field(5, Stamp(20, 0, "y")), "b": Field(None, Stamp(25, 0, "y")),
              "c": Field(7, Stamp(1, 0, "y"))}
    merged = documents.merge(ours, theirs)
    assert documents.values(merged) == {"a": 5, "b": 2, "c": 7}
    later = documents.merge(merged, {"a": Field(None, Stamp(40, 0, "x"))})
    assert documents.values(later) == {"b": 2, "c": 7}  # a forgotten value does not come back
    assert documents.merge(theirs, ours) == merged  # the order of merging does not matter


@pytest.mark.parametrize("raw,reason", [
    (b"{", "not JSON"),
    (b'{"version": 2, "profile": "alice", "fields": {}}', "version 1"),
    (b'{"version": 1, "profile": "bob", "fields": {}}', "not 'alice'"),
    (b'{"version": 1, "profile": "alice", "fields": {"a": {"value": Infinity, "stamp": [1, 0, "x"]}}}',
     "Infinity is not a number"),
    (b'{"version": 1, "profile": "alice", "fields": {"a": {"value": [1], "stamp": [1, 0, "x"]}}}',
     "a learned value is a number"),
    (b'{"version": 1, "profile": "alice", "fields": {"a": {"value": 1, "stamp": [1, -1, "x"]}}}',
     "a stamp is"),
    (b'{"version": 1, "profile": "alice", "fields": {"a": {"value": 1}}}', "expected {value, stamp}"),
], ids=["truncated", "version", "other-driver", "infinity", "list", "negative-counter", "no-stamp"])
def test_a_bad_learned_document_is_refused_whole_with_the_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        documents.decode("alice", raw)


DOCUMENT = '{"version": 1, "profile": "alice", "fields": {"a": {"value": %s, "stamp": %s}}}'


@pytest.mark.parametrize("value,stamp,reason", [
    ("[" * 5000 + "]" * 5000, '[1, 0, "x"]', "nesting deeper than 32"),
    ("NaN", '[1, 0, "x"]', "NaN is not a number"),
    ("1e400", '[1, 0, "x"]', "1e400 is too large"),
    ("9" * 5000, '[1, 0, "x"]', "has 5000 digits"),
    ("21.5", f'[{10**30}, 0, "x"]', "has 31 digits"),
    ("21.5", f'[{2**53}, 0, "x"]', "a stamp is"),
    ("21.5", f'[1, {2**60}, "x"]', "a stamp is"),
    ("21.5", f'[1, 0, "{"x" * 10_000}"]', "a stamp is"),
    ("21.5", '[1, 0, ""]', "a stamp is"),
    ("21.5", '[1, 0, "car\\u0000"]', "a stamp is"),
    ("21.5", '[true, 0, "x"]', "a stamp is"),
], ids=["deep", "nan", "1e400", "5000-digits", "31-digit-stamp", "stamp-2**53", "counter-2**60",
        "long-node", "empty-node", "nul-in-node", "boolean-wall"])
def test_nonsense_from_the_cluster_is_refused_in_a_line(value: str, stamp: str, reason: str) -> None:
    """Another car (or anyone with write access to the bucket) can put anything in a document."""
    with pytest.raises(ValueError, match=reason) as refused:
        documents.decode("alice", (DOCUMENT % (value, stamp)).encode())
    assert len(str(refused.value)) < 300


@pytest.mark.parametrize("budget", BUDGETS)
def test_a_generated_document_is_decoded_or_refused_never_crashes(budget: int) -> None:
    scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50)).map(json.dumps)
    tokens = st.sampled_from(["NaN", "-Infinity", "1e999", "[" * 200 + "]" * 200, '"\\ud800"', "{}"])
    stamps = st.tuples(st.integers(-2, 2**64) | st.booleans(), st.integers(-2, 2**64),
                       st.text(max_size=300)).map(lambda parts: json.dumps(list(parts)))
    documents_ = st.tuples(scalars | tokens, stamps | tokens).map(lambda pair: DOCUMENT % pair)
    raw = documents_.map(str.encode) | st.binary(max_size=300)

    def check(data: bytes) -> None:
        try:
            fields = documents.decode("alice", data)
        except ValueError as error:
            assert len(str(error)) < 400
            return
        for field in fields.values():
            assert field.value is None or isinstance(field.value, (bool, int, float, str))
            assert not isinstance(field.value, float) or math.isfinite(field.value)
            assert 0 <= field.stamp.wall_ms < 2**53 and 0 <= field.stamp.counter < 2**53

    run(budget, raw, check)


def test_encode_and_decode_round_trip() -> None:
    fields = {"climate.driver.setpoint_c": Field(21.5, Stamp(5, 1, "car-a")),
              "x": Field(None, Stamp(6, 0, "b"))}
    assert documents.decode("alice", documents.encode("alice", fields)) == fields


def test_the_queue_keeps_changes_in_stamp_order_and_an_unreadable_file_aside(tmp_path: Path) -> None:
    queue = ChangeQueue(tmp_path / "queue")
    later, earlier = Change("alice", "a", 2, Stamp(20, 0, "x")), Change("alice", "a", 1, Stamp(10, 0, "x"))
    queue.add(later)
    queue.add(earlier)
    (tmp_path / "queue" / "000000000000015-000000-x.json").write_text("{half", encoding="utf-8")
    assert queue.pending() == [earlier, later]
    (kept,) = (tmp_path / "queue").glob("*.bad-*")
    assert kept.name.startswith("000000000000015-000000-x.json.bad-") and kept.read_text() == "{half"
    queue.done([earlier])
    assert queue.pending() == [later]
