"""Learned preferences: remembered per driver, written atomically, never trusted blindly."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import AdjustSignal, SetSignal, Source
from cockpit.core.events import NoticeRaised
from cockpit.personalisation.engine import install
from cockpit.personalisation.learned import LearnedStore
from cockpit.personalisation.store import ProfileStore

from .conftest import REPO


def test_a_setting_changed_in_the_car_is_remembered_for_that_driver(cockpit, engine, profiles_dir, state_dir):
    yaml_before = (profiles_dir / "alice.yaml").read_bytes()
    engine.apply("alice")
    cockpit.submit(SetSignal(sig.DRIVER_TEMP, 23.5, source=Source.USER))
    cockpit.submit(AdjustSignal(sig.VOLUME, 10, source=Source.ASSISTANT))
    cockpit.submit(SetSignal(sig.SEAT_POSITION, 140))

    engine.apply("bernd")
    assert cockpit.target(sig.DRIVER_TEMP) == 20.0
    engine.apply("alice")
    assert (cockpit.target(sig.DRIVER_TEMP), cockpit.target(sig.VOLUME), cockpit.target(sig.SEAT_POSITION)) \
        == (23.5, 45, 140)

    assert LearnedStore(state_dir).load("alice") == {
        "climate.driver.setpoint_c": 23.5, "media.volume_pct": 45, "seat.position_mm": 140}
    assert (profiles_dir / "alice.yaml").read_bytes() == yaml_before, "the user's YAML is never rewritten"
    fresh = ProfileStore(profiles_dir, LearnedStore(state_dir))
    fresh.load()
    effective = fresh.effective("alice")
    assert effective.origins["climate.driver.setpoint_c"] == "learned"
    assert effective.origins["climate.passenger.setpoint_c"] == "file"
    assert effective.layers == ("file", "learned")


def test_profile_and_remote_changes_and_the_guest_teach_nothing(cockpit, engine, state_dir):
    engine.apply("alice")
    cockpit.submit(SetSignal(sig.DRIVER_TEMP, 25.0, source=Source.PROFILE))
    cockpit.submit(SetSignal(sig.DRIVER_TEMP, 26.0, source=Source.REMOTE))
    engine.apply("guest")
    cockpit.submit(SetSignal(sig.DRIVER_TEMP, 27.0))
    assert not (state_dir / "learned").exists() or list((state_dir / "learned").iterdir()) == []


def test_forget_drops_the_learned_values(cockpit, engine, state_dir):
    engine.apply("bernd")
    cockpit.submit(SetSignal(sig.DRIVER_FAN, 80))
    assert engine.store.forget("bernd") == 1
    engine.apply("alice")
    engine.apply("bernd")
    assert cockpit.target(sig.DRIVER_FAN) == 50


def _learned_file(state_dir: Path, profile_id: str, values: dict) -> Path:
    path = state_dir / "learned" / f"{profile_id}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "profile": profile_id, "values": values}), encoding="utf-8")
    return path


def test_corrupt_or_invalid_state_is_ignored_with_a_warning(profiles_dir, state_dir):
    _learned_file(state_dir, "alice", {}).write_bytes(b'{"version": 1, "values": {"climate.dri')
    _learned_file(state_dir, "bernd", {"media.volume_pct": 400})
    _learned_file(state_dir, "tom", {"seat.position_mm": 199, "no.such.field": 1})
    warnings: list[str] = []
    store = ProfileStore(profiles_dir, LearnedStore(state_dir, warn=warnings.append), warn=warnings.append)

    assert store.load() == []

    assert store.compiled("alice").targets[sig.DRIVER_TEMP] == 21.5
    assert store.compiled("bernd").targets[sig.VOLUME] == 45
    assert store.compiled("tom").targets[sig.SEAT_POSITION] == 199
    assert any("alice.json" in w and "ignoring learned preferences" in w for w in warnings)
    assert any("'bernd'" in w and "1 invalid value" in w for w in warnings)
    assert any("no.such.field" in w for w in warnings)


def test_a_partial_temporary_file_left_behind_does_not_affect_the_previous_state(state_dir):
    store = LearnedStore(state_dir)
    store.remember("alice", "media.volume_pct", 33)
    partial = store.directory / ".alice.abc123.tmp"
    partial.write_text('{"version": 1, "values": {"media.vol', encoding="utf-8")
    assert store.load("alice") == {"media.volume_pct": 33}
    store.remember("alice", "climate.driver.fan_pct", 70)
    assert store.load("alice") == {"media.volume_pct": 33, "climate.driver.fan_pct": 70}


CRASH_DURING_WRITE = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from cockpit.personalisation.learned import LearnedStore

    def crash(descriptor):
        os._exit(9)  # the process dies after the temporary file was written, before the rename

    store = LearnedStore(Path(sys.argv[1]))
    os.fsync = crash
    store.remember("alice", "media.volume_pct", 99)
""")


def test_a_write_interrupted_by_a_crash_leaves_the_previous_state_intact(state_dir):
    store = LearnedStore(state_dir)
    store.remember("alice", "media.volume_pct", 33)
    before = store.path("alice").read_bytes()

    crashed = subprocess.run([sys.executable, "-c", CRASH_DURING_WRITE, str(state_dir)], cwd=REPO,
                             capture_output=True, check=False, timeout=60)

    assert crashed.returncode == 9
    leftovers = list(store.directory.glob(".alice.*.tmp"))
    assert len(leftovers) == 1, "the crash left its temporary file behind"
    assert store.path("alice").read_bytes() == before
    assert store.load("alice") == {"media.volume_pct": 33}


def test_a_corrupt_state_file_is_shown_on_screen_and_the_profile_still_applies(profiles_dir, state_dir):
    _learned_file(state_dir, "alice", {}).write_bytes(b"\x00\xff not json")
    cockpit = Cockpit()
    notices: list[NoticeRaised] = []
    cockpit.bus.subscribe(notices.append, NoticeRaised)

    assert install(cockpit, profiles_dir, state_dir).apply("alice").applied

    assert cockpit.target(sig.DRIVER_TEMP) == 21.5
    assert [n.level for n in notices] == ["warning"] and "alice.json" in notices[0].text
