"""Every shipped scenario passes through the real CLI; the committed JSON Schema is up to date."""

from __future__ import annotations

import json

import pytest

from cockpit.scenario import loader
from cockpit.scenario.schema import schema_text
from tests.scenario.conftest import ROOT, SHIPPED, cockpit


def test_at_least_six_scenarios_ship():
    assert len(SHIPPED) >= 6


def test_every_shipped_scenario_passes_through_the_cli(tmp_path):
    result = cockpit("scenario", "run", *map(str, SHIPPED), "--report", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": passed - ") == len(SHIPPED), result.stdout
    for path in SHIPPED:
        folder = tmp_path / path.stem  # several files: one report folder each
        assert (folder / "report.html").is_file()
        events = (folder / "events.jsonl").read_text(encoding="utf-8").splitlines()
        assert events and all("time" in json.loads(line) for line in events)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_scenario_points_editors_at_the_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=scenario.schema.json"
    scenario, problems = loader.check(path)
    assert problems == [] and scenario is not None


def test_committed_schema_is_up_to_date():
    committed = (ROOT / "scenarios" / "scenario.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: cockpit scenario schema > scenarios/scenario.schema.json"


def test_schema_command_prints_the_committed_schema():
    result = cockpit("scenario", "schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "SmartCockpit Sim scenario"
    assert "steps" in schema["required"]


def test_check_command_accepts_every_shipped_scenario():
    result = cockpit("scenario", "check", *map(str, SHIPPED))
    assert result.returncode == 0, result.stdout
    assert f"{len(SHIPPED)} scenario file(s) OK" in result.stderr
