"""What a car keeps on disk for the cluster: the offline cache and the durable queue of changes.

Both live in one folder per bucket (under the state folder). Every file is written atomically
(temporary file in the same folder, rename), so a crash leaves the old file or the new one, never
half of one. Queued changes are also fsynced (file and folder) before the car relies on them, so
they survive a power cut; cache files are not (about 8 ms each here): a cached copy lost in a
power cut is unreadable or old, is refused or replaced, and the cluster sends it again.

    <root>/cache/profile.<id>.yaml   the last valid profile document seen in the cluster
    <root>/cache/learned.<id>.json   the last valid learned document seen in the cluster
    <root>/queue/<stamp>.json        a change made in this car that the cluster has not acknowledged

A queued change is deleted only after the cluster acknowledged a write that contains it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from cockpit.atomic import keep_aside, sweep_temporaries, write_atomic
from cockpit.personalisation.roaming.hlc import Stamp
from cockpit.reading import ReadError, parse_json, read_limited

logger = logging.getLogger(__name__)

MAX_CHANGE_BYTES: Final = 64 * 1024  # one queued change: a field name, a value and a stamp


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` atomically, readable by this user only (learned values are
    personal); a temporary file a killed writer left is swept up by the next `ChangeQueue`.
    Raises OSError."""
    write_atomic(path, data, durable=durable, mode=0o600)


@dataclass(frozen=True, slots=True)
class Change:
    """One learned field changed (or forgotten, value None) in this car, waiting for the cluster."""

    profile_id: str
    field: str
    value: Any
    stamp: Stamp

    @property
    def name(self) -> str:
        """The queue file's name: sorts in stamp order."""
        return f"{self.stamp.wall_ms:015d}-{self.stamp.counter:06d}-{self.stamp.node}.json"


class ChangeQueue:
    """The durable queue: one file per change, in stamp order. Used from the main loop only."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def add(self, change: Change) -> None:
        """Write the change to disk before the car relies on it; raises OSError."""
        payload = {"profile": change.profile_id, "field": change.field, "value": change.value,
                   "stamp": change.stamp.to_json()}
        atomic_write(self.directory / change.name, json.dumps(payload, allow_nan=False).encode())

    def pending(self) -> list[Change]:
        """Every queued change, oldest first; an unreadable file is kept aside as *.bad, not lost."""
        if not self.directory.is_dir():
            return []
        sweep_temporaries(self.directory)
        changes = []
        for path in sorted(self.directory.glob("*.json")):
            try:
                data = parse_json(read_limited(path, MAX_CHANGE_BYTES, "queued change"))
                changes.append(Change(str(data["profile"]), str(data["field"]), data["value"],
                                      Stamp.from_json(data["stamp"])))
            except (ReadError, ValueError, KeyError, TypeError) as error:
                try:
                    kept = keep_aside(path, "bad")
                except OSError as failure:
                    logger.warning("queued change %s is unreadable (%s) and cannot be moved aside (%s)",
                                   path, error, failure)
                    continue
                logger.warning("queued change %s is unreadable (%s); kept aside as %s", path, error,
                               kept.name)
        return changes

    def done(self, changes: list[Change]) -> None:
        """The cluster acknowledged these: drop their files."""
        for change in changes:
            (self.directory / change.name).unlink(missing_ok=True)
