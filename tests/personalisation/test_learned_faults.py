"""Learned preferences the cockpit cannot use are never replaced, and a killed cockpit leaves no litter.

Generated files (random bytes, wrong layouts, newer formats, special files) must either be used
or kept aside byte for byte, with a warning naming the kept file; a cockpit killed with SIGKILL
while saving leaves a readable file and temporary files that the next start removes.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import strategies as st

from cockpit.personalisation.learned import LearnedStore
from tests.fuzzing import BUDGETS, run

from .conftest import REPO

NEW = ("media.volume_pct", 42)
UNUSABLE: dict[str, bytes] = {
    "newer-format": json.dumps({"version": 2, "values": {"media.volume_pct": 10}}).encode(),
    "no-values": b'{"version": 1}',
    "values-a-list": b'{"version": 1, "values": [1]}',
    "boolean-version": b'{"version": true, "values": {}}',
    "truncated": b'{"version": 1, "values": {"media.vol',
    "binary": b"\x00\xff\xfe garbage",
    "deep": b"[" * 100_000,
    "nan": b'{"version": 1, "values": {"media.volume_pct": NaN}}',
    "too-big": b" " * (300 * 1024),
    "a-list": b"[]",
}


def _layouts() -> st.SearchStrategy[bytes]:
    values = st.dictionaries(st.sampled_from(["media.volume_pct", "seat.position_mm", "x"]),
                             st.integers(-5, 500) | st.text(max_size=5) | st.none(), max_size=3)
    document = st.fixed_dictionaries({}, optional={
        "version": st.sampled_from([0, 1, 1, 2, "1", True, None]), "profile": st.just("alice"),
        "values": values | st.lists(st.integers(), max_size=2) | st.text(max_size=3)})
    return (document.map(lambda data: json.dumps(data).encode()) | st.binary(max_size=200)
            | st.integers(1, 60).map(lambda depth: b"[" * depth + b"]" * depth))


def _check_nothing_is_lost(state_dir: Path, content: bytes) -> None:
    folder = state_dir / "learned"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "alice.json"
    path.write_bytes(content)
    warnings: list[str] = []
    store = LearnedStore(state_dir, warn=warnings.append)

    before = store.load("alice")
    assert path.read_bytes() == content, "loading changed the file"
    store.remember("alice", *NEW)

    kept = sorted(folder.glob("alice.json.unusable-*"))
    saved = json.loads(path.read_text())
    if kept:
        assert len(kept) == 1 and kept[0].read_bytes() == content
        assert any(kept[0].name in warning for warning in warnings), warnings
        assert saved["values"] == dict([NEW])
    else:
        assert saved["values"] == {**before, NEW[0]: NEW[1]}, "a usable file lost values"
    assert not list(folder.glob(".*.tmp"))


@pytest.mark.parametrize("case", UNUSABLE)
def test_an_unusable_file_is_kept_aside_never_replaced(tmp_path: Path, case: str):
    _check_nothing_is_lost(tmp_path / "state", UNUSABLE[case])
    assert list((tmp_path / "state" / "learned").glob("alice.json.unusable-*")), "it was used"


@pytest.mark.parametrize("budget", BUDGETS)
def test_generated_files_are_used_or_kept_aside_byte_for_byte(tmp_path_factory: pytest.TempPathFactory,
                                                             budget: int):
    run(budget, _layouts(), lambda content: _check_nothing_is_lost(tmp_path_factory.mktemp("state"),
                                                                   content))


def test_files_kept_aside_one_after_another_never_replace_each_other(tmp_path: Path):
    folder = tmp_path / "learned"
    folder.mkdir()
    store = LearnedStore(tmp_path, warn=lambda text: None)
    contents = [UNUSABLE["truncated"], UNUSABLE["binary"], UNUSABLE["a-list"]]
    for content in contents:  # within one second: the kept names must still differ
        (folder / "alice.json").write_bytes(content)
        store.remember("alice", *NEW)
    kept = sorted(folder.glob("alice.json.unusable-*"))
    assert sorted(path.read_bytes() for path in kept) == sorted(contents)


SPECIAL = {
    "folder": lambda path: path.mkdir(),
    "fifo": lambda path: os.mkfifo(path),
    "symlink-loop": lambda path: path.symlink_to(path.name),
    "dev-zero": lambda path: path.symlink_to("/dev/zero"),
}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("case", SPECIAL)
def test_a_special_file_is_refused_and_moved_aside(tmp_path: Path, case: str):
    folder = tmp_path / "learned"
    folder.mkdir()
    SPECIAL[case](folder / "alice.json")
    warnings: list[str] = []
    store = LearnedStore(tmp_path, warn=warnings.append)
    assert store.load("alice") == {}
    store.remember("alice", *NEW)
    assert store.load("alice") == dict([NEW])
    assert len(list(folder.glob("alice.json.unusable-*"))) == 1
    assert any("could not be used" in warning for warning in warnings)


def test_a_file_that_cannot_be_moved_aside_is_left_alone_and_nothing_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "learned"
    folder.mkdir()
    (folder / "alice.json").write_bytes(UNUSABLE["newer-format"])

    def read_only_folder(path: Path, reason: str) -> Path:  # root may write anywhere: say it cannot
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("cockpit.personalisation.learned.keep_aside", read_only_folder)
    with pytest.raises(OSError):
        LearnedStore(tmp_path).remember("alice", *NEW)
    assert (folder / "alice.json").read_bytes() == UNUSABLE["newer-format"]
    assert [path.name for path in folder.iterdir()] == ["alice.json"]


CRASH_BEFORE_RENAME = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from cockpit.personalisation.learned import LearnedStore

    store = LearnedStore(Path(sys.argv[1]))
    os.fsync = lambda descriptor: os._exit(9)  # dies with the temporary file written, not renamed
    store.remember("alice", "media.volume_pct", 99)
""")


def test_the_next_start_removes_what_a_crashed_save_left_behind(tmp_path: Path):
    LearnedStore(tmp_path).remember("alice", "media.volume_pct", 33)
    crashed = subprocess.run([sys.executable, "-c", CRASH_BEFORE_RENAME, str(tmp_path)], cwd=REPO,
                             check=False, timeout=60)
    assert crashed.returncode == 9
    assert len(list((tmp_path / "learned").glob(".alice.json.*.tmp"))) == 1
    assert LearnedStore(tmp_path).load("alice") == {"media.volume_pct": 33}
    assert list((tmp_path / "learned").glob(".*.tmp")) == []


# --- through the CLI: an unusable file at start ------------------------------------------------
def _cockpit(*args: str, state_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COCKPIT_STATE_DIR": str(state_dir), "SDL_VIDEODRIVER": "dummy"}
    return subprocess.run([sys.executable, "-m", "cockpit", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


@pytest.mark.parametrize("case", ["deep", "newer-format"])
def test_the_cli_starts_with_an_unusable_file_and_keeps_it(tmp_path: Path, case: str):
    folder = tmp_path / "learned"
    folder.mkdir()
    (folder / "alice.json").write_bytes(UNUSABLE[case])

    shown = _cockpit("profiles", "show", "alice", state_dir=tmp_path)
    assert shown.returncode == 0 and "Traceback" not in shown.stderr, shown.stderr
    assert (folder / "alice.json").read_bytes() == UNUSABLE[case], "`profiles show` changed the file"

    said = _cockpit("say", "--no-broker", "--profile", "alice", "set the fan to 70 percent",
                    state_dir=tmp_path)
    assert said.returncode == 0 and "Traceback" not in said.stderr, said.stderr
    kept = list(folder.glob("alice.json.unusable-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == UNUSABLE[case]
    assert kept[0].name in said.stderr
    assert json.loads((folder / "alice.json").read_text())["values"] == {"climate.driver.fan_pct": 70}


# --- kill -9 while saving ---------------------------------------------------------------------
LEARN_FOREVER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from cockpit.personalisation.learned import LearnedStore

    store = LearnedStore(Path(sys.argv[1]))
    n = 0
    print("ready", flush=True)
    while True:
        n += 1
        store.remember("alice", "media.volume_pct", n % 100)
""")


@pytest.mark.parametrize("trials", [pytest.param(3, id="quick"), pytest.param(40, id="fuzz",
                                                                               marks=pytest.mark.fuzz)])
def test_sigkill_while_saving_leaves_a_readable_file_and_the_next_start_sweeps_up(tmp_path: Path,
                                                                                   trials: int):
    moments = random.Random(17)
    for trial in range(trials):
        learner = subprocess.Popen([sys.executable, "-c", LEARN_FOREVER, str(tmp_path)], cwd=REPO,
                                   stdout=subprocess.PIPE, text=True)
        assert learner.stdout is not None and learner.stdout.readline() == "ready\n"
        time.sleep(moments.uniform(0.0, 0.2))
        learner.send_signal(signal.SIGKILL)
        learner.wait(timeout=30)
        learner.stdout.close()
        store = LearnedStore(tmp_path, warn=pytest.fail)
        assert set(store.load("alice")) <= {"media.volume_pct"}, f"trial {trial}"
        assert not list((tmp_path / "learned").glob(".*.tmp")), f"trial {trial}: temporary files left"
