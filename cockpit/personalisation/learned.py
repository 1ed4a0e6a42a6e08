"""Learned preferences: settings a driver changed in the car, remembered per driver.

They live in the state folder, one JSON file per driver, never in the driver's YAML. Every write
is atomic and durable (cockpit.atomic), so a crash leaves either the old file or the new one, and
the temporary files of a killed cockpit are removed the next time the folder is used. A file the
cockpit cannot use (corrupt, unreadable, a newer format, nested absurdly deep) is ignored with a
warning and, before anything new is saved, kept aside under a new name: it is never replaced.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cockpit.atomic import keep_aside, sweep_temporaries, write_atomic
from cockpit.core.text import Text
from cockpit.reading import ReadError, parse_json, read_limited

logger = logging.getLogger(__name__)

STATE_ENV = "COCKPIT_STATE_DIR"
FORMAT_VERSION = 1
MAX_BYTES = 256 * 1024
Warn = Callable[[str], None]


class Unusable(Exception):
    """A learned-preferences file that exists but cannot be used; the message says why."""


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
        self._swept = False

    def path(self, profile_id: str) -> Path:
        return self.directory / f"{profile_id}.json"

    def load(self, profile_id: str) -> dict[str, Any]:
        """What was learned for `profile_id`; {} (with a warning) if the file cannot be used."""
        try:
            return self._read(profile_id)
        except Unusable as error:
            self._warn(Text("ignoring learned preferences in {file}: {error}; the file is kept as it is",
                            file=str(self.path(profile_id)), error=str(error)))
            return {}

    def remember(self, profile_id: str, field: str, value: Any) -> None:
        """Add one learned value and write the driver's file atomically; raises OSError (ValueError
        for a value JSON cannot hold, such as NaN).

        A file that cannot be used is first kept aside (renamed, with a warning naming the new name);
        when even that fails, nothing is written and OSError says why.
        """
        try:
            values = self._read(profile_id)
        except Unusable as error:
            kept = keep_aside(self.path(profile_id), "unusable")
            self._warn(Text("learned preferences in {file} could not be used ({error}); kept them as "
                            "{kept} and started afresh", file=str(self.path(profile_id)), error=str(error),
                            kept=kept.name))
            values = {}
        values[field] = value
        payload = json.dumps({"version": FORMAT_VERSION, "profile": profile_id, "values": values},
                             indent=2, sort_keys=True, allow_nan=False)  # NaN is not JSON
        write_atomic(self.path(profile_id), payload, durable=True, mode=0o600)

    def forget(self, profile_id: str) -> int:
        """Drop everything learned for `profile_id` (an unusable file too); returns how many values
        were forgotten."""
        count = len(self.load(profile_id))
        self.path(profile_id).unlink(missing_ok=True)
        return count

    def _read(self, profile_id: str) -> dict[str, Any]:
        """The values in the driver's file; {} when there is none; raises Unusable."""
        self._sweep()
        path = self.path(profile_id)
        if not os.path.lexists(path):
            return {}
        try:
            data = parse_json(read_limited(path, MAX_BYTES, "learned-preferences file"))
        except ReadError as error:
            raise Unusable(f"{error.line}:{error.col}: {error.message}") from None
        version = data.get("version") if isinstance(data, dict) else None
        if type(version) is int and version > FORMAT_VERSION:  # type(): True is not format 1
            raise Unusable(f"written by a newer SmartCockpit (format {version}; this one reads "
                           f"{FORMAT_VERSION})")
        values = data.get("values") if isinstance(data, dict) else None
        if type(version) is not int or version != FORMAT_VERSION or not isinstance(values, dict):
            raise Unusable(f"not a format {FORMAT_VERSION} learned-preferences file")
        return {str(key): value for key, value in values.items()}

    def _sweep(self) -> None:
        """Once per store: remove temporary files a killed cockpit left in the folder."""
        if self._swept:
            return
        self._swept = True
        for path in sweep_temporaries(self.directory):
            logger.info("removed %s, left by a cockpit that stopped while saving", path)
