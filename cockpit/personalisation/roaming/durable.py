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
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cockpit.personalisation.roaming.hlc import Stamp

logger = logging.getLogger(__name__)


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` atomically (when `durable`, on disk before returning); raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            if durable:
                os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if not durable:
        return
    descriptor = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


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
        changes = []
        for path in sorted(self.directory.glob("*.json")):
            try:
                data = json.loads(path.read_bytes())
                changes.append(Change(str(data["profile"]), str(data["field"]), data["value"],
                                      Stamp.from_json(data["stamp"])))
            except (OSError, ValueError, KeyError, TypeError) as error:
                logger.warning("queued change %s is unreadable (%s); kept aside as %s.bad", path, error,
                               path.name)
                path.replace(path.with_suffix(".bad"))
        return changes

    def done(self, changes: list[Change]) -> None:
        """The cluster acknowledged these: drop their files."""
        for change in changes:
            (self.directory / change.name).unlink(missing_ok=True)
