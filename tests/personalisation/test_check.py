"""Invalid profile files: every problem reported as `file:line:col: field: message`; the rest load."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.events import NoticeRaised
from cockpit.personalisation.engine import install
from cockpit.personalisation.store import ProfileStore

HEAD = "schema_version: 1\nidentity:\n  id: {id}\n  display_name: X\n"

# name -> (files to write: name -> text or bytes, the lines `check` must print; {d} is the folder)
CASES: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "yaml-syntax": ({"bad.yaml": "schema_version: 1\nidentity:\n  id: x\n  display_name: [X\n"},
                    ["{d}/bad.yaml:5:1: yaml: did not find expected ',' or ']' "
                     "(while parsing a flow sequence at line 4, column 17)"]),
    "wrong-type": ({"bad.yaml": HEAD.format(id="x") + "climate:\n  driver:\n    fan_pct: high\n"},
                   ["{d}/bad.yaml:7:14: climate.driver.fan_pct: Input should be a valid integer "
                    "(got a string 'high')"]),
    "out-of-range": ({"bad.yaml": HEAD.format(id="x") + "climate:\n  driver: {setpoint_c: 40}\n"},
                     ["{d}/bad.yaml:6:24: climate.driver.setpoint_c: Input should be less than or "
                      "equal to 28 [celsius] (got 40)"]),
    "unknown-key": ({"bad.yaml": HEAD.format(id="x") + "seat:\n  postion_mm: 100\n"},
                    ["{d}/bad.yaml:6:3: seat.postion_mm: unknown key 'postion_mm'; "
                     "did you mean 'position_mm'?"]),
    "yaml-boolean-key": ({"bad.yaml": HEAD.format(id="x") + "ambient:\n  on: true\n"},
                         ["{d}/bad.yaml:6:3: ambient.on: key True is not a name; quote it "
                          "(YAML reads on, off, yes, no as booleans and null, ~ as nothing)"]),
    "empty": ({"bad.yaml": ""},
              ["{d}/bad.yaml:1:1: file: empty profile; expected a mapping with schema_version and identity"]),
    "not-a-mapping": ({"bad.yaml": "- alice\n- bernd\n"},
                      ["{d}/bad.yaml:1:1: (root): expected a mapping of profile fields, got a list"]),
    "missing-identity": ({"bad.yaml": "schema_version: 1\nseat: {}\n"},
                         ["{d}/bad.yaml:1:1: identity: required field is missing"]),
    "duplicate-key": ({"bad.yaml": HEAD.format(id="x") + "seat: {}\nseat: {}\n"},
                      ["{d}/bad.yaml:6:1: seat: duplicate key 'seat' (first at line 5)"]),
    "duplicate-id": ({"bad.yaml": HEAD.format(id="alice")},
                     ["{d}/bad.yaml:3:7: identity.id: duplicate profile id 'alice'; also in {d}/alice.yaml"]),
    "fob-taken": ({"bad.yaml": HEAD.format(id="x") + "  key_fobs: [fob-1]\n"},
                  ["{d}/bad.yaml:5:14: identity.key_fobs[0]: key fob 'fob-1' already belongs to 'alice'"]),
    "extends-cycle": ({"ca.yaml": "extends: cb\n" + HEAD.format(id="ca"),
                       "cb.yaml": "extends: ca\n" + HEAD.format(id="cb")},
                      ["{d}/ca.yaml:1:10: extends: extends cycle: ca -> cb -> ca",
                       "{d}/cb.yaml:1:10: extends: extends cycle: cb -> ca -> cb"]),
    "unknown-parent": ({"bad.yaml": "extends: nobody\n" + HEAD.format(id="x")},
                       ["{d}/bad.yaml:1:10: extends: unknown parent profile 'nobody'; "
                        "known: alice, bernd, guest, tom, valet, x"]),
    "binary-garbage": ({"bad.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"},
                       ["{d}/bad.yaml:1:1: file: not UTF-8 text (byte 0x89); is this a binary file?"]),
    "control-characters": ({"bad.yaml": "schema_version: 1\nid\x00: 1\n"},
                           ["{d}/bad.yaml:2:3: yaml: character #x0000 is not allowed: "
                            "control characters are not allowed"]),
    "ten-megabytes": ({"bad.yaml": "# padding\n" * (1024 * 1024)},
                      ["{d}/bad.yaml:1:1: file: file is 10.0 MiB; a profile may be at most 1024 KiB, "
                       "so it was not read"]),
    "every-problem-at-once": ({"bad.yaml": "schema_version: 2\nidentity:\n  id: Bad Id\n  display_name: X\n"
                                           "media: {volume_pct: 101, eq: {bass_db: -20}}\n"},
                              ["{d}/bad.yaml:1:17: schema_version: Input should be 1",
                               "{d}/bad.yaml:3:7: identity.id: String should match pattern "
                               "'^[a-z][a-z0-9_-]{{0,31}}$'",
                               "{d}/bad.yaml:5:21: media.volume_pct: Input should be less than or equal "
                               "to 100 [percent] (got 101)",
                               "{d}/bad.yaml:5:40: media.eq.bass_db: Input should be greater than or equal "
                               "to -12 [dB] (got -20)"]),
}


def _write(folder: Path, files: dict[str, str | bytes]) -> list[Path]:
    paths = []
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("case", CASES, ids=str)
def test_each_invalid_file_gets_exactly_its_positioned_lines(case, profiles_dir):
    files, expected = CASES[case]
    paths = _write(profiles_dir, files)
    problems = ProfileStore(profiles_dir).load(paths)
    checked = {str(path) for path in paths}
    reported = [str(p) for p in problems if p.file in checked]
    assert reported == [line.format(d=profiles_dir) for line in expected]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_cockpit_keeps_running_with_the_valid_profiles(case, profiles_dir, state_dir):
    files, expected = CASES[case]
    _write(profiles_dir, files)
    cockpit = Cockpit()
    notices: list[NoticeRaised] = []
    cockpit.bus.subscribe(notices.append, NoticeRaised)
    engine = install(cockpit, profiles_dir, state_dir)

    assert engine.apply("bernd").applied
    cockpit.tick(0.1)

    assert cockpit.target(sig.DRIVER_ID) == "bernd" and cockpit.target(sig.LANGUAGE) == "de-DE"
    assert {"alice", "bernd", "guest", "tom"} <= set(engine.store.ids())
    shown = [n.text for n in notices if n.level == "warning"]
    assert shown == [f"skipped invalid profile: {line.format(d=profiles_dir)}" for line in expected]


@pytest.mark.parametrize("name", ["aaa.yaml", "zzz.yaml"])
def test_a_checked_file_that_repeats_an_id_or_fob_is_blamed_whatever_its_name(profiles_dir, name):
    same_id = profiles_dir / name
    same_id.write_text(HEAD.format(id="alice"), encoding="utf-8")
    problems = ProfileStore(profiles_dir).load([same_id])
    assert [str(p) for p in problems if p.file == str(same_id)] == [
        f"{same_id}:3:7: identity.id: duplicate profile id 'alice'; also in {profiles_dir}/alice.yaml"]

    same_fob = profiles_dir / name
    same_fob.write_text(HEAD.format(id="zed") + "  key_fobs: [fob-1]\n", encoding="utf-8")
    problems = ProfileStore(profiles_dir).load([same_fob])
    assert [str(p) for p in problems if p.file == str(same_fob)] == [
        f"{same_fob}:5:14: identity.key_fobs[0]: key fob 'fob-1' already belongs to 'alice'"]
