"""docs/fleet.md's scenario example and the shipped fleet scenarios are valid plans."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cockpit.fleet.plan import check

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "fleet.md").read_text(encoding="utf-8")
SHIPPED = sorted((ROOT / "scenarios" / "fleet").glob("*.yaml"))


def test_the_documented_plan_is_valid(tmp_path: Path) -> None:
    (example,) = re.findall(r"```yaml\n(.*?)```", DOC, re.S)
    path = tmp_path / "plan.yaml"
    path.write_text(example, encoding="utf-8")
    plan, problems = check(path)
    assert problems == [] and plan is not None and len(plan.moves) == 5


@pytest.mark.parametrize("path", SHIPPED, ids=[path.stem for path in SHIPPED])
def test_every_shipped_fleet_scenario_is_valid(path: Path) -> None:
    plan, problems = check(path)
    assert problems == [] and plan is not None
