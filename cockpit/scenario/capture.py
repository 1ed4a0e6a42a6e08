"""Writing a recording while `cockpit run --record FILE` runs; the format is in cockpit.scenario.recording."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TextIO

import pygame

from cockpit.core.cockpit import Cockpit
from cockpit.core.errors import InvalidInput
from cockpit.personalisation.learned import LearnedStore
from cockpit.scenario.recording import FORMAT_VERSION
from cockpit.settings import Settings
from cockpit.ui.chime import Chime
from cockpit.ui.dashboard import Dashboard
from cockpit.view import CockpitView


class Recorder:
    """Appends one line per input and per tick; `close()` writes the final state and renames."""

    def __init__(self, path: Path, settings: Settings, cockpit: Cockpit, size: tuple[int, int]) -> None:
        """Raises InvalidInput when `path` exists (a recording is never overwritten) or cannot be made."""
        if path.exists():
            raise InvalidInput(f"--record {path}: the file exists; choose another name")
        if not path.parent.is_dir():
            raise InvalidInput(f"--record {path}: folder {path.parent} does not exist")
        self.path = path
        self.cockpit = cockpit
        self._part = path.with_name(path.name + ".part")
        self._file: TextIO | None = self._part.open("w", encoding="utf-8")
        self._write({"type": "recording", "version": FORMAT_VERSION, "profile": settings.profile,
                     "profiles_dir": _text(settings.profiles_dir), "assistant": settings.assistant,
                     "use_broker": settings.use_broker, "broker": settings.broker_url,
                     "home_file": _text(settings.home_file), "size": list(size),
                     "learned": learned_preferences(settings.state_dir)})
        self.cockpit.add_system(self._tick)

    def _tick(self, dt: float) -> None:
        self._write({"type": "tick", "t": round(self.cockpit.now, 6), "dt": dt})

    def input(self, kind: str, **fields: Any) -> None:
        """An input at the current simulated time (kind is one of INPUTS)."""
        self._write({"type": kind, "t": round(self.cockpit.now, 6), **fields})

    def _write(self, data: dict[str, Any]) -> None:
        if self._file is not None:
            self._file.write(json.dumps(data, ensure_ascii=False) + "\n")

    def close(self) -> None:
        """Write the final state and move FILE.part to FILE; safe to call twice."""
        if self._file is None:
            return
        self._write({"type": "end", "t": self.cockpit.now, "state": self.cockpit.snapshot()})
        self._file.close()
        self._file = None
        os.replace(self._part, self.path)


class RecordingDashboard(Dashboard):
    """The dashboard of `cockpit run --record`: every key and click is written down, then handled."""

    def __init__(self, cockpit: CockpitView, size: tuple[int, int], surface: pygame.Surface | None,
                 recorder: Recorder, chime: Chime | None = None) -> None:
        super().__init__(cockpit, size, surface, chime=chime)
        self.recorder = recorder

    def handle_key(self, name: str) -> None:
        self.recorder.input("key_down", key=name)
        super().handle_key(name)

    def release_key(self, name: str) -> None:
        self.recorder.input("key_up", key=name)
        super().release_key(name)

    def type_text(self, text: str) -> None:
        self.recorder.input("text", text=text)
        super().type_text(text)

    def click(self, pos: tuple[int, int]) -> None:
        self.recorder.input("click", pos=list(pos))
        super().click(pos)

    def close(self) -> None:
        super().close()
        self.recorder.close()


def learned_preferences(state_dir: Path | None) -> dict[str, dict[str, Any]]:
    """What the drivers' profiles had learned when the run began: part of the start state to replay."""
    store = LearnedStore(state_dir)
    ids = sorted(path.stem for path in store.directory.glob("*.json")) if store.directory.is_dir() else []
    return {profile_id: values for profile_id in ids if (values := store.load(profile_id))}


def _text(path: Path | None) -> str | None:
    return str(path.resolve()) if path is not None else None
