"""`--report DIR` never replaces what a person owns: refused before anything runs or is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.cli import main
from tests.scenario.conftest import ROOT, cockpit

SHORT = """name: Short
start: {profile: alice}
steps:
  - at: 1
    screenshot: warning
  - at: 2
    expect: {signal: Vehicle.Speed, equals: 0}
"""


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _profile(folder: Path) -> Path:
    path = folder / "alice.yaml"
    path.write_bytes((ROOT / "profiles" / "alice.yaml").read_bytes())
    return path


# name -> (what is in the way, the --report argument relative to the test folder, extra scenario args)
IN_THE_WAY = {
    "a-profile-as-report": (lambda d: _profile(d), "alice.yaml", []),
    "a-users-report-html": (lambda d: (d / "mine").mkdir() or (d / "mine" / "report.html").write_text("x"),
                            "mine", []),
    "a-users-events-log": (lambda d: (d / "mine").mkdir() or (d / "mine" / "events.jsonl").write_text("x"),
                           "mine", []),
    "a-users-picture": (lambda d: (d / "mine").mkdir() or (d / "mine" / "warning.png").write_bytes(b"png"),
                        "mine", []),
    "a-file-where-a-profile-folder-goes": (
        lambda d: (d / "mine").mkdir() or (d / "mine" / "alice").write_text("x"), "mine",
        ["--profiles", "alice,bernd"]),
    "a-file-below-the-report": (lambda d: _profile(d), "alice.yaml/sub", []),
}


@pytest.mark.parametrize("case", IN_THE_WAY)
def test_a_report_that_would_replace_a_persons_file_is_refused_before_anything_runs(
        tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]):
    make, report, extra = IN_THE_WAY[case]
    work = tmp_path / "work"
    work.mkdir()
    make(work)
    scenario = tmp_path / "short.yaml"
    scenario.write_text(SHORT)
    before = _files(work)

    code = main(["scenario", "run", str(scenario), "--report", str(work / report), *extra])  # as the CLI
    out, err = capsys.readouterr()

    assert code == 2, out + err
    assert "nothing was run" in err.lower() and out == "", "it ran"
    assert _files(work) == before, "something was written or replaced"


def test_replay_refuses_a_report_over_a_persons_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    profile = _profile(tmp_path)
    assert main(["scenario", "replay", str(tmp_path / "missing.jsonl"), "--report", str(profile)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert profile.read_bytes() == (ROOT / "profiles" / "alice.yaml").read_bytes()


def test_running_again_into_the_same_report_folder_replaces_the_earlier_report(tmp_path: Path):
    scenario = tmp_path / "short.yaml"
    scenario.write_text(SHORT)
    report = tmp_path / "out"
    for _ in range(2):
        result = cockpit("scenario", "run", str(scenario), "--report", str(report))
        assert result.returncode == 0, result.stdout + result.stderr
    assert {"report.html", "events.jsonl", "warning.png"} <= set(_files(report))
