"""Learned preferences: settings a driver changed in the car, remembered per driver.

They live in the state folder, one JSON file per driver, never in the driver's YAML. Every write
is atomic (temporary file in the same folder, flush, fsync, rename, fsync the folder), so a crash
leaves either the old file or the new one. A corrupt file is ignored with a warning.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

STATE_ENV = "COCKPIT_STATE_DIR"
FORMAT_VERSION = 1
MAX_BYTES = 256 * 1024
Warn = Callable[[str], None]


def default_state_dir() -> Path:
    """$COCKPIT_STATE_DIR, else $XDG_STATE_HOME/smartcockpit, else ~/.local/state/smartcockpit."""
    explicit = os.environ.get(STATE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "smartcockpit"


class LearnedStore:
    """Per-driver learned values, keyed by dotted profile field (e.g. `climate.driver.setpoint_c`)."""

    def __init__(self, state_dir: Path | None = None, warn: Warn = logger.warning) -> None:
        self.directory = (state_dir or default_state_dir()) / "learned"
        self._warn = warn

    def path(self, profile_id: str) -> Path:
        return self.directory / f"{profile_id}.json"

    def load(self, profile_id: str) -> dict[str, Any]:
        """What was learned for `profile_id`; {} (with a warning) if the file is unreadable."""
        path = self.path(profile_id)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ValueError(f"larger than {MAX_BYTES // 1024} KiB")
            data = json.loads(path.read_text(encoding="utf-8"))
            values = data["values"]
            if data.get("version") != FORMAT_VERSION or not isinstance(values, dict):
                raise ValueError("unexpected layout")
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError) as error:
            self._warn(f"ignoring learned preferences in {path}: {error}")
            return {}
        return {str(key): value for key, value in values.items()}

    def remember(self, profile_id: str, field: str, value: Any) -> None:
        """Add one learned value and write the driver's file atomically; raises OSError."""
        values = self.load(profile_id)
        values[field] = value
        self._write(profile_id, values)

    def forget(self, profile_id: str) -> int:
        """Drop everything learned for `profile_id`; returns how many values were forgotten."""
        count = len(self.load(profile_id))
        self.path(profile_id).unlink(missing_ok=True)
        return count

    def _write(self, profile_id: str, values: dict[str, Any]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"version": FORMAT_VERSION, "profile": profile_id, "values": values},
                             indent=2, sort_keys=True)
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=f".{profile_id}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(payload)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path(profile_id))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _fsync_dir(self.directory)


def _fsync_dir(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
