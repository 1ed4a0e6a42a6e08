"""`cockpit fleet status` reads reports anyone on the broker can publish: nonsense is refused in a
line, never drawn, and never ends the command."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import strategies as st

from cockpit.fleet.status import parse_report, table
from cockpit.fleet.worker import Report
from tests.fuzzing import BUDGETS, run

GOOD = json.loads(Report(3, 25, sim_s=12.0, lag_ms=1.5, broker="127.0.0.1:4222", online=True).to_json())


def payload(**changes: Any) -> bytes:
    return json.dumps(GOOD | changes).encode()


@pytest.mark.parametrize("raw,reason", [
    (payload(lag_ms="fast"), "lag_ms must be a number"),
    (payload(cars=1e308), "cars must be a number"),
    (payload(cars=-5), "cars must be a number"),
    (payload(errors=True), "errors must be a number"),
    (payload(worker=2.5), "worker must be a whole number"),
    (payload(worker=10**20), "worker must be a whole number"),
    (payload(broker="\x1b[2J\x1b[Hpwned"), "broker must be one short line"),
    (payload(roaming="x" * 300), "roaming must be one short line"),
    (payload().replace(b'"lag_ms": 1.5', b'"lag_ms": NaN'), "NaN is not a number"),
    (payload().replace(b'"lag_ms": 1.5', b'"lag_ms": 1e400'), "too large"),
    (payload().replace(b'"lag_ms": 1.5', b'"lag_ms": ' + b"[" * 1000 + b"]" * 1000), "nesting deeper"),
    (b"[1, 2]", "not a JSON object"),
    (b"x" * 5000, "a report is at most"),
], ids=["text-number", "1e308", "negative", "boolean", "fraction-worker", "huge-worker", "escape-codes",
        "long-word", "nan", "1e400", "deep", "list", "too-big"])
def test_a_report_that_is_none_is_refused_with_the_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=reason) as refused:
        parse_report(raw)
    assert len(str(refused.value)) < 200


def test_a_workers_own_report_is_read_as_it_was_sent() -> None:
    assert parse_report(payload()) == GOOD
    assert table({3: GOOD})[1].split()[:2] == ["3", "25"]


@pytest.mark.parametrize("budget", BUDGETS)
def test_whatever_is_published_is_refused_or_drawn_as_plain_lines(budget: int) -> None:
    keys = st.sampled_from(sorted(GOOD))
    values = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
              | st.text(max_size=300) | st.lists(st.integers(), max_size=3))
    reports = st.dictionaries(keys, values).map(lambda changes: payload(**changes))
    raw = reports | st.binary(max_size=200)

    def check(data: bytes) -> None:
        try:
            report = parse_report(data)
        except ValueError as error:
            assert len(str(error)) < 200
            return
        lines = table({report["worker"]: report, 3: GOOD})
        assert all(line.isprintable() and len(line) < 400 for line in lines), lines

    run(budget, raw, check)
