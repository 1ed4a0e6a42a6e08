"""The example plugins (examples/jarvis-adapter: an adapter; examples/sunroof-plugin: an intent and
an extension signal) are found through real entry-point metadata once installed: pip installs
them (offline, no build isolation) into a temporary target directory, and the CLI, run with that
directory on PYTHONPATH, lists them and talks through them. The plugins' own tests pass with the
contract kit, and the host's own tests pass with the plugins installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.assistants.testing import CHECKS
from tests.assistants.conftest import ROOT, json_out

EXAMPLES = ROOT / "examples"
PLUGINS = {"jarvis-adapter": "cockpit_jarvis-0.3.0", "sunroof-plugin": "cockpit_sunroof-1.0.0"}
SUNROOF = "Vehicle.Cabin.Sunroof.Position"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both examples installed into one fresh target directory (built from copies: the tree stays
    clean)."""
    work = tmp_path_factory.mktemp("plugins")
    target = work / "site"
    for example, dist in PLUGINS.items():
        source = work / example
        shutil.copytree(EXAMPLES / example, source,
                        ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", ".hypothesis"))
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                        "--no-build-isolation", "--no-index", "--target", str(target), str(source)],
                       check=True, capture_output=True, text=True, timeout=120)
        assert (target / f"{dist}.dist-info" / "entry_points.txt").is_file()
    return target


def _pytest(installed: Path, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(installed), str(ROOT)]))
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_installed_plugin_is_listed_with_its_distribution(run_cli, installed):
    result = run_cli("assistants", "list", "--json", pythonpath=installed)
    assert result.returncode == 0, result.stderr
    listed = {a["name"]: a for a in json.loads(result.stdout)}
    assert listed["jarvis"] == {
        "name": "jarvis",
        "distribution": "cockpit-jarvis",
        "version": "0.3.0",
        "wake_words": ["Jarvis"],
        "entry_point": "cockpit_jarvis:JarvisAdapter",
    }
    assert {"alexa", "android"} <= set(listed)


def test_installed_plugin_answers_through_cockpit_say(run_cli, installed):
    turn = json_out(run_cli("say", "--assistant", "jarvis", "--json", "Jarvis, make it a bit warmer",
                            pythonpath=installed))
    assert turn["adapter"] == "jarvis" and turn["heard"]["wake_word"] == "Jarvis"
    assert turn["reply"] == "Very good. Warming the driver side to 22.0 °C."
    assert turn["commands"][0]["target"] == 22.0
    assert turn["native"][0]["kind"] == "jarvis.log"


def test_an_installed_intent_moves_an_installed_extension_signal(run_cli, installed):
    turns = json_out(run_cli("say", "--assistant", "alexa", "--no-broker", "--json",
                             "Alexa, open the sunroof halfway", "Alexa, is the sunroof open?",
                             pythonpath=installed))
    opened, asked = turns
    assert opened["reply"] == "Opening the sunroof to 50 %."
    assert opened["commands"] == [{"type": "SetSignal", "path": SUNROOF, "value": 50, "target": 50}]
    assert [o["status"] for o in opened["outcomes"]] == ["applied"]
    assert asked["reply"] == "The sunroof is 50 % open."
    google = json_out(run_cli("say", "--assistant", "android", "--no-broker", "--json",
                              "OK Google, close the sunroof", pythonpath=installed))
    assert google["reply"] == "Sure, closing the sunroof."


def test_help_fallback_and_suggestions_name_the_installed_capability(run_cli, installed):
    turns = json_out(run_cli("say", "--no-broker", "--json", "Alexa, what can you do?",
                             "Alexa, sing me a song", pythonpath=installed))
    assert "“Open the sunroof halfway”" in turns[0]["reply"]
    assert "the sunroof" in turns[1]["reply"]


def test_the_plugins_own_tests_pass_with_the_contract_kit(installed):
    jarvis = _pytest(installed, str(EXAMPLES / "jarvis-adapter" / "tests"), cwd=EXAMPLES / "jarvis-adapter")
    assert jarvis.returncode == 0, jarvis.stdout + jarvis.stderr
    assert f"{len(CHECKS) + 1} passed" in jarvis.stdout  # one test per check, and its own
    assert "[wake-words]" in _pytest(installed, "--collect-only", str(EXAMPLES / "jarvis-adapter" / "tests"),
                                     cwd=EXAMPLES / "jarvis-adapter").stdout
    sunroof = _pytest(installed, str(EXAMPLES / "sunroof-plugin" / "tests"), cwd=EXAMPLES / "sunroof-plugin")
    assert sunroof.returncode == 0, sunroof.stdout + sunroof.stderr


HOST_TESTS = ("tests/assistants/test_grammar.py", "tests/assistants/test_devices.py",
              "tests/assistants/test_confirmation.py", "tests/assistants/test_wake_words.py",
              "tests/assistants/test_registry.py", "tests/assistants/test_alexa.py",
              "tests/assistants/test_android.py", "tests/core/test_cockpit.py")


def test_the_host_s_own_tests_pass_with_extra_plugins_installed(installed):
    result = _pytest(installed, *HOST_TESTS)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
