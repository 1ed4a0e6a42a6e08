"""The example third-party adapter (examples/jarvis-adapter) is found through real entry-point
metadata once installed: pip installs it (offline, no build isolation) into a temporary target
directory, and the CLI, run with that directory on PYTHONPATH, lists it and talks through it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.assistants.conftest import ROOT, json_out

EXAMPLE = ROOT / "examples" / "jarvis-adapter"


@pytest.fixture(scope="module")
def installed_jarvis(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example installed into a fresh target directory (built from a copy: the tree stays clean)."""
    work = tmp_path_factory.mktemp("jarvis")
    source = work / "src"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    target = work / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (target / "cockpit_jarvis-0.2.0.dist-info" / "entry_points.txt").is_file()
    return target


def test_installed_plugin_is_listed_with_its_distribution(run_cli, installed_jarvis):
    result = run_cli("assistants", "list", "--json", pythonpath=installed_jarvis)
    assert result.returncode == 0, result.stderr
    listed = {a["name"]: a for a in json.loads(result.stdout)}
    assert listed["jarvis"] == {
        "name": "jarvis",
        "distribution": "cockpit-jarvis",
        "version": "0.2.0",
        "wake_words": ["Jarvis"],
        "entry_point": "cockpit_jarvis:JarvisAdapter",
    }
    assert {"alexa", "android"} <= set(listed)


def test_installed_plugin_answers_through_cockpit_say(run_cli, installed_jarvis, cockpit):
    turn = json_out(
        run_cli(
            "say",
            "--assistant",
            "jarvis",
            "--json",
            "Jarvis, make it a bit warmer",
            pythonpath=installed_jarvis,
        )
    )
    assert turn["adapter"] == "jarvis" and turn["heard"]["wake_word"] == "Jarvis"
    assert turn["reply"] == "Very good. Warming the driver side by 1 °C."
    assert turn["commands"][0]["target"] == 22.0
    assert turn["native"][0]["kind"] == "jarvis.log"


def test_the_plugins_own_tests_pass_with_the_contract_kit(installed_jarvis):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(installed_jarvis), str(ROOT)]))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests")],
        cwd=EXAMPLE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
