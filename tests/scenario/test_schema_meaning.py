"""The committed JSON Schema means what the loader means: editors accept the files `scenario check`
accepts and flag the steps it refuses (checked with a real JSON Schema validator)."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from cockpit.scenario.schema import parse_step
from tests.scenario.conftest import ROOT, SHIPPED
from tests.scenario.test_docs import EXAMPLE, STEPS

SCHEMA = json.loads((ROOT / "scenarios" / "scenario.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _file(*steps: object) -> dict[str, object]:
    return {"name": "x", "steps": list(steps)}


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_scenario_is_valid_for_editors(path):
    assert list(VALIDATOR.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))) == []


@pytest.mark.parametrize("example", EXAMPLE.findall(STEPS))
def test_every_documented_step_is_valid_for_editors(example):
    assert VALIDATOR.is_valid(_file(yaml.safe_load(example)))


@pytest.mark.parametrize("step", [
    {"at": 1}, {"at": 1, "key": "up", "say": "hello"}, {"say": "hello", "hold": 2}, {"key": "warp"},
    {"wait": 0}, {"at": 1, "click": [1, 2, 3]}, {"key": "up", "assistant": "alexa"},
], ids=["no-action", "two-actions", "hold-without-key", "unknown-key", "zero-wait", "three-numbers",
        "assistant-without-say"])
def test_a_step_the_loader_refuses_is_refused_by_the_schema_too(step):
    with pytest.raises(ValueError):
        parse_step(step)
    assert not VALIDATOR.is_valid(_file(step))
