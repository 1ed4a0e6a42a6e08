"""docs/scenarios.md names every action and expectation, and each of its examples is valid."""

from __future__ import annotations

import re

import pytest
import yaml

from cockpit.scenario.schema import ACTIONS, Expectation, parse_step
from tests.scenario.conftest import ROOT

DOCS = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
STEPS = DOCS[DOCS.index("## Steps"):DOCS.index("## Expectations")]
EXPECTATIONS = DOCS[DOCS.index("## Expectations"):DOCS.index("## Record")]
EXAMPLE = re.compile(r"`(\{.*?\})`")


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_is_documented(action):
    assert f"`{action}`" in STEPS


@pytest.mark.parametrize("example", EXAMPLE.findall(STEPS))
def test_every_step_example_is_a_valid_step(example):
    parse_step(yaml.safe_load(example))


@pytest.mark.parametrize("example", EXAMPLE.findall(EXPECTATIONS))
def test_every_expectation_example_is_valid(example):
    Expectation.model_validate(yaml.safe_load(example))


def test_every_expectation_key_is_documented():
    for key in Expectation.model_fields:
        assert f"`{key}" in EXPECTATIONS, key
