"""Numbers in what a driver says: a plain number is used as said (or refused by the policy with its
range), anything else that looks like a number is refused with a reply that says why - through
every adapter, and the cockpit's state is unchanged afterwards."""

from __future__ import annotations

import pytest
from hypothesis import strategies as st

from cockpit.assistants.alexa import AlexaAdapter
from cockpit.assistants.android import AndroidAdapter
from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from tests.fuzzing import BUDGETS, run

# (template, signal, what the plain number n must become, or None when n is out of the signal's range)
SETTINGS = [
    ("set the temperature to {n} degrees celsius", sig.DRIVER_TEMP, lambda n: round(n * 2) / 2),
    ("fan to {n} percent", sig.DRIVER_FAN, int),
    ("set the volume to {n}", sig.VOLUME, int),
    ("set seat heating to level {n}", sig.SEAT_HEAT, lambda n: round(int(n) * 100 / 3)),
]
NOT_NUMBERS = st.sampled_from(["NaN", "nan", "infinity", "Infinity", "inf", "-inf", "minus infinity"]) | \
    st.builds(lambda a, b: f"{a}e{b}", st.integers(1, 999), st.integers(-400, 400)) | \
    st.builds(lambda a, b, c: f"{a}.{b}.{c}", st.integers(0, 99), st.integers(0, 9), st.integers(0, 9)) | \
    st.integers(10**15, 10**40).map(str)
ADAPTERS = [AlexaAdapter, AndroidAdapter]


def _turn(adapter_type: type, utterance: str) -> tuple[Cockpit, object, dict[str, object], dict[str, object]]:
    cockpit = Cockpit()
    before = cockpit.snapshot()
    with adapter_type(cockpit) as adapter:
        result = adapter.respond(utterance)
    return cockpit, result, before, cockpit.snapshot()


@pytest.mark.parametrize("budget", BUDGETS)
def test_what_only_looks_like_a_number_is_refused_with_a_reason(budget: int):
    def check(example: tuple[type, tuple, str]) -> None:
        adapter_type, (template, _, _), word = example
        _, result, before, after = _turn(adapter_type, template.format(n=word))
        assert result.intent.name == "refused.number", (template, word, result.intent.name)
        assert result.outcomes == () and after == before
        assert "Sorry" in result.reply and len(result.reply) < 200

    run(budget, st.tuples(st.sampled_from(ADAPTERS), st.sampled_from(SETTINGS), NOT_NUMBERS), check)


@pytest.mark.parametrize("budget", BUDGETS)
def test_a_plain_number_is_used_as_said_or_refused_by_the_policy(budget: int):
    def check(example: tuple[type, tuple, int, int | None]) -> None:
        adapter_type, (template, path, expected), whole, tenth = example
        number = whole if tenth is None or "level" in template else float(f"{whole}.{tenth}")
        cockpit, result, before, after = _turn(adapter_type, template.format(n=number))
        spec = cockpit.spec(path)
        wanted = expected(number)
        step = 5 if path == sig.DRIVER_FAN else 0  # both adapters' fans go in steps of 10 %
        in_range = spec.minimum <= wanted <= spec.maximum
        if in_range:
            assert abs(cockpit.target(path) - wanted) <= step, (template, number, result.reply)
        else:
            assert any(o.rejected for o in result.outcomes), (template, number, result.reply)
            assert after == before and "Sorry" in result.reply

    run(budget, st.tuples(st.sampled_from(ADAPTERS), st.sampled_from(SETTINGS), st.integers(0, 10_000),
                          st.none() | st.integers(1, 9)), check)


@pytest.mark.parametrize("utterance", ["set the temperature to 22 kelvin", "heat to 300 K please"])
def test_kelvin_is_refused_and_says_which_units_work(utterance: str):
    _, result, before, after = _turn(AlexaAdapter, utterance)
    assert "Celsius or Fahrenheit" in result.reply and after == before


@pytest.mark.parametrize("utterance", ["play infinity radio", "call nan", "tune to 1e fm"])
def test_such_words_outside_a_setting_are_left_to_the_other_rules(utterance: str):
    _, result, _, _ = _turn(AlexaAdapter, utterance)
    assert result.intent.name != "refused.number"


@pytest.mark.parametrize("adapter", [AlexaAdapter, AndroidAdapter])
@pytest.mark.parametrize("percent", [101, 104, 105])
def test_a_fan_just_above_100_percent_is_refused_not_rounded_into_range(adapter, percent: int):
    """Both fans go in tens: 101 % used to be written as level 10 and applied as 100 %."""
    _, result, before, after = _turn(adapter, f"fan to {percent} percent")
    assert any(o.rejected for o in result.outcomes) and after == before and "Sorry" in result.reply
