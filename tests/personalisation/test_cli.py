"""`cockpit profiles ...` run as a real subprocess from the repository root."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from cockpit.personalisation.learned import LearnedStore
from cockpit.personalisation.pin import pin_matches
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
    assert "5 profile file(s) OK" in result.stderr


def test_list_shows_the_valid_profiles_and_warns_about_the_others(profiles_dir):
    (profiles_dir / "broken.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    result = cockpit("profiles", "list", "--profiles", str(profiles_dir))
    assert result.returncode == 0
    rows = [line.split() for line in result.stdout.splitlines()]
    assert [row[0] for row in rows] == ["ID", "alice", "bernd", "guest", "tom", "valet"]
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
    assert result.stderr.strip() == "error: unknown profile 'nobody'; known: alice, bernd, guest, tom, valet"


def test_schema_prints_the_committed_json_schema():
    result = cockpit("profiles", "schema")
    assert result.returncode == 0
    assert result.stdout == Path(SHIPPED / "profile.schema.json").read_text(encoding="utf-8")
    assert json.loads(result.stdout)["properties"]["schema_version"]["const"] == 1


def test_check_warns_about_routines_naming_devices_the_home_lacks(tmp_path):
    profile = tmp_path / "zed.yaml"
    profile.write_text("schema_version: 1\nidentity: {id: zed, display_name: Zed}\n"
                       "home:\n  latitude: 48.1\n  longitude: 11.5\n  on_arrive:\n"
                       "    - {device: porch_light, action: turn_on}\n"
                       "    - {device: garage_door, action: dance}\n")
    result = cockpit("profiles", "check", str(profile))
    assert result.returncode == 0, result.stderr
    assert f"warning: {profile}:7:16: home.on_arrive[0].device: no device 'porch_light'" in result.stderr
    assert "home.on_arrive[1].action: garage_door cannot 'dance'" in result.stderr
    assert "1 profile file(s) OK (2 warning(s))" in result.stderr
    own = tmp_path / "home.yaml"
    own.write_text("home_id: cabin\nlocation: {latitude: 47.4, longitude: 10.9}\n"
                   "devices:\n  - {id: porch_light, type: light, name: Porch, room: Porch}\n"
                   "  - {id: garage_door, type: garage_door, name: Gate}\n")
    against = cockpit("profiles", "check", str(profile), "--home", str(own))
    assert "porch_light" not in against.stderr and "cannot 'dance'" in against.stderr


def test_the_shipped_profiles_name_only_devices_of_the_shipped_home():
    result = cockpit("profiles", "check", *sorted(str(p) for p in SHIPPED.glob("*.yaml")))
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr


def test_pin_prints_a_hash_and_never_the_pin():
    made = subprocess.run([sys.executable, "-m", "cockpit", "profiles", "pin"], input="2468\n",
                          capture_output=True, text=True, check=False)
    assert made.returncode == 0 and "2468" not in made.stdout + made.stderr
    line = made.stdout.strip()
    assert line.startswith('pin_hash: "scrypt$')
    assert pin_matches("2468", yaml.safe_load(line)["pin_hash"])
    bad = subprocess.run([sys.executable, "-m", "cockpit", "profiles", "pin"], input="12\n",
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "4 to 8 digits" in bad.stderr


def test_show_never_prints_the_pin_hash():
    shown = cockpit("profiles", "show", "valet").stdout
    assert "scrypt" not in shown and "# pin_hash: set, not shown" in shown
