"""The pytest plugin of the contract kit: a test that asks for `adapter_check` runs once per
check of `CHECKS`, with the check's id in its name (test_contract[wake-words], ...).

The adapter under test comes from a fixture named `adapter_factory` that the author defines: the
adapter class, or a `make(cockpit, settings=None)`. Loaded through the `pytest11` entry point
`cockpit-adapters`; it imports nothing heavy until a check runs.
"""

from __future__ import annotations

import pytest

from cockpit.assistants.testing.checks import CHECKS, Check, Factory


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "adapter_check" in metafunc.fixturenames:
        metafunc.parametrize("adapter_check", CHECKS, ids=[check.id for check in CHECKS])


@pytest.fixture
def adapter_factory() -> Factory:
    """Overridden by the adapter's own tests: the adapter class (or a factory) under test."""
    pytest.fail("the contract kit needs a fixture named `adapter_factory` that returns your adapter class",
                pytrace=False)


@pytest.fixture
def adapter_check(request: pytest.FixtureRequest) -> Check:
    """The check this test runs (parametrised by the plugin)."""
    check: Check = request.param
    return check
