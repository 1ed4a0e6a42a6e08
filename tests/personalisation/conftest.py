"""Fixtures for the profile tests: a copy of the shipped profiles, a state folder, an engine."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from cockpit.core.cockpit import Cockpit
from cockpit.personalisation.engine import ProfileEngine
from cockpit.personalisation.learned import LearnedStore
from cockpit.personalisation.store import ProfileStore

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "profiles"

WriteProfile = Callable[[str, str], Path]


@pytest.fixture
def profiles_dir(tmp_path: Path) -> Path:
    """A fresh copy of the shipped profiles that a test may add files to."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    for path in SHIPPED.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def write_profile(profiles_dir: Path) -> WriteProfile:
    """Write a dedented YAML text as NAME into the profiles folder; returns its path."""
    def write(name: str, text: str) -> Path:
        path = profiles_dir / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path
    return write


@pytest.fixture
def store(profiles_dir: Path, state_dir: Path) -> ProfileStore:
    return ProfileStore(profiles_dir, LearnedStore(state_dir))


@pytest.fixture
def engine(cockpit: Cockpit, store: ProfileStore) -> ProfileEngine:
    return ProfileEngine.install(cockpit, store)
