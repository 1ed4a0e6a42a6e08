"""Helpers for scenario tests: the real CLI in a subprocess from the repo root, and scenario files."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))


def cockpit(*args: str, timeout: float = 120, hash_seed: int | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m cockpit ARGS` as a subprocess, headless; `hash_seed` fixes PYTHONHASHSEED (runs with
    different seeds must still agree); `env` replaces the environment."""
    env = dict(env or os.environ, SDL_VIDEODRIVER="dummy")
    if hash_seed is not None:
        env["PYTHONHASHSEED"] = str(hash_seed)
    return subprocess.run([sys.executable, "-m", "cockpit", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=env)


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a scenario file (dedented) into tmp_path and return its path."""
    def write(text: str, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path
    return write
