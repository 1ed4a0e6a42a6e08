"""`cockpit profiles ...` run as a real subprocess from the repository root."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from cockpit.personalisation.learned import LearnedStore
from cockpit.personalisation.schema import Profile

from .conftest import REPO, SHIPPED


def cockpit(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cockpit", *args], cwd=REPO, capture_output=True, text=True,
                          check=False, timeout=60, env={**os.environ, **env})


def test_check_reports_every_problem_and_exits_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nidentity: {id: x, display_name: X}\nseat:\n  height_mm: 500\n"
                   "  colour: red\n", encoding="utf-8")
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")

    result = cockpit("profiles", "check", str(bad), str(empty))

    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        f"{bad}:4:14: seat.height_mm: Input should be less than or equal to 80 [mm] (got 500)",
        f"{bad}:5:3: seat.colour: unknown key 'colour'; expected one of: position_mm, height_mm, "
        "recline_deg, lumbar_pct",
        f"{empty}:1:1: file: empty profile; expected a mapping with schema_version and identity",
    ]
    assert "3 problem(s) in 2 file(s)" in result.stderr


def test_check_passes_the_shipped_profiles():
    result = cockpit("profiles", "check", *sorted(str(p.relative_to(REPO)) for p in SHIPPED.glob("*.yaml")))
    assert (result.returncode, result.stdout) == (0, "")
    assert "4 profile file(s) OK" in result.stderr


def test_list_shows_the_valid_profiles_and_warns_about_the_others(profiles_dir):
    (profiles_dir / "broken.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    result = cockpit("profiles", "list", "--profiles", str(profiles_dir))
    assert result.returncode == 0
    rows = [line.split() for line in result.stdout.splitlines()]
    assert [row[0] for row in rows] == ["ID", "alice", "bernd", "guest", "tom"]
    assert rows[4][:4] == ["tom", "Tom", "fob-3", "bernd"]
    assert f"{profiles_dir}/broken.yaml:1:1: identity: required field is missing" in result.stderr


def test_the_profiles_folder_can_come_from_the_environment(profiles_dir):
    (profiles_dir / "tom.yaml").unlink()
    result = cockpit("profiles", "list", COCKPIT_PROFILES=str(profiles_dir))
    assert "tom" not in result.stdout and "alice" in result.stdout


def test_show_prints_the_effective_profile_with_the_origin_of_each_value(tmp_path):
    state = tmp_path / "state"
    LearnedStore(state).remember("tom", "climate.driver.fan_pct", 75)

    result = cockpit("profiles", "show", "tom", COCKPIT_STATE_DIR=str(state))

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# effective profile 'tom': defaults < parent bernd < profiles/tom.yaml < learned"
    origin = {line.split("#")[0].strip(): line.rsplit("# ", 1)[1] for line in lines[1:] if "#" in line}
    assert origin["fan_pct: 75"] == "learned"
    assert origin["position_mm: 180"] == "file"
    assert origin["recline_deg: 28.0"] == "parent bernd"
    assert origin["high_contrast: false"] == "default"
    assert [line.split() for line in lines if "voice_pin_hash" in line] == [
        ["#", "voice_pin_hash:", "set,", "not", "shown", "#", "parent", "bernd"]]
    assert "scrypt" not in result.stdout, "the voice PIN hash is never shown"
    shown = Profile.model_validate(yaml.safe_load(result.stdout))
    assert shown.climate.driver.fan_pct == 75 and shown.display.language == "de-DE"

    reset = cockpit("profiles", "show", "tom", "--reset-learned", "--state-dir", str(state))
    assert "forgot 1 learned value(s) of tom" in reset.stderr
    assert "fan_pct: 60" in reset.stdout and "< learned" not in reset.stdout
    assert LearnedStore(state).load("tom") == {}


def test_show_of_an_unknown_profile_exits_2():
    result = cockpit("profiles", "show", "nobody")
    assert result.returncode == 2
    assert result.stderr.strip() == "error: unknown profile 'nobody'; known: alice, bernd, guest, tom"


def test_schema_prints_the_committed_json_schema():
    result = cockpit("profiles", "schema")
    assert result.returncode == 0
    assert result.stdout == Path(SHIPPED / "profile.schema.json").read_text(encoding="utf-8")
    assert json.loads(result.stdout)["properties"]["schema_version"]["const"] == 1
