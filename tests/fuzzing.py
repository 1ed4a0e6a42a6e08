"""How generated suites size themselves: a few examples in the default suite, many under `make fuzz`.

A test takes the `budget` parameter (`@pytest.mark.parametrize("budget", BUDGETS)`): it runs once
with QUICK examples in `make test` and once, marked `fuzz`, with FUZZ examples in `make fuzz`
(which `.ci/run` runs after `make test`). Tables do the same with `sample()`: every row under
fuzz, every n-th row in the default suite.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

QUICK = 15
FUZZ = 400
BUDGETS = [pytest.param(QUICK, id="quick"), pytest.param(FUZZ, id="fuzz", marks=pytest.mark.fuzz)]
T = TypeVar("T")


def run(budget: int, strategy: st.SearchStrategy[Any], check: Callable[[Any], None]) -> None:
    """Check `check(example)` for `budget` examples drawn from `strategy`."""
    settings(max_examples=budget, deadline=None, derandomize=budget == QUICK,
             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                    HealthCheck.function_scoped_fixture])(given(strategy)(check))()


def sample(rows: Sequence[T], every: int, ids: Callable[[T], str] | None = None) -> list[Any]:
    """Every row as a pytest param; all but every `every`-th are marked `fuzz`."""
    return [pytest.param(row, id=ids(row) if ids else None,
                         marks=() if index % every == 0 else pytest.mark.fuzz)
            for index, row in enumerate(rows)]
