"""The contract kit for assistant adapter authors: `CHECKS` (one per promise every adapter keeps),
`run_contract`, and the pytest plugin `cockpit.assistants.testing.plugin`, which pytest loads by
itself wherever SmartCockpit Sim is installed (entry point `pytest11: cockpit-adapters`).

In an adapter's own tests:

    import pytest
    from my_adapter import MyAdapter

    @pytest.fixture
    def adapter_factory():
        return MyAdapter

    def test_keeps_the_adapter_contract(adapter_check, adapter_factory):
        adapter_check(adapter_factory)   # one test per check: [wake-words], [policy-respected], ...

Needs hypothesis (the fuzzed checks).
"""

from cockpit.assistants.testing.checks import CHECKS, Check, Factory, run_contract

__all__ = ["CHECKS", "Check", "Factory", "run_contract"]
