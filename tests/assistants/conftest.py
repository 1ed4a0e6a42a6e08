"""Fixtures for the assistant tests: fresh cockpits and adapters, a driving cockpit, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cockpit.assistants.alexa import AlexaAdapter
from cockpit.assistants.android import AndroidAdapter
from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.facts import HomeDevice
from cockpit.home.home_config import load_home

ROOT = Path(__file__).resolve().parents[2]


def fake_distribution(folder: Path, name: str, version: str, entry_points: str,
                      modules: dict[str, str] | None = None) -> Path:
    """A distribution `name version` in `folder` (put it on sys.path): real metadata with the given
    entry_points.txt text, and modules (name -> source) beside it."""
    for module, source in (modules or {}).items():
        (folder / f"{module}.py").write_text(source, encoding="utf-8")
    info = folder / f"{name}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return folder


def shipped_home() -> tuple[HomeDevice, ...]:
    """The devices of the home that ships with the cockpit (cockpit/home/default_home.yaml)."""
    return load_home(None).device_list()


@pytest.fixture
def driving() -> Cockpit:
    """A cockpit in drive at 50 km/h."""
    cockpit = Cockpit()
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    cockpit.update(sig.SPEED, 50.0)
    return cockpit


@pytest.fixture
def alexa(cockpit: Cockpit) -> Iterator[AlexaAdapter]:
    with AlexaAdapter(cockpit) as adapter:
        yield adapter


@pytest.fixture
def android(cockpit: Cockpit) -> Iterator[AndroidAdapter]:
    with AndroidAdapter(cockpit) as adapter:
        yield adapter


CliRun = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli() -> CliRun:
    """Run `python -m cockpit ARGS...` from the repo root; `pythonpath` adds directories in front,
    `env` sets environment variables."""

    def run(*args: str, pythonpath: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, **(env or {})}
        paths = [str(pythonpath)] if pythonpath else []
        env["PYTHONPATH"] = os.pathsep.join([*paths, str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        return subprocess.run(
            [sys.executable, "-m", "cockpit", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    return run


def json_out(result: subprocess.CompletedProcess[str]) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
