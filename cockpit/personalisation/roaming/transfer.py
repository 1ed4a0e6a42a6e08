"""`cockpit profiles push | pull`: move a laptop's profiles and learned preferences to and from a cluster.

push: every valid profile file in the folder goes to `profile.<id>` (compare-and-set; an identical
document is left alone), and what the state folder learned for it is merged into `learned.<id>`.
An invalid file is reported as `file:line:col: field: message` and not pushed.
pull: every valid profile in the bucket is written to the folder as `<id>.yaml` (atomically); a
file of that name with other content is never replaced - it is reported and kept. The learned
values are merged into the local state folder.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from cockpit.core.errors import CockpitError
from cockpit.personalisation.learned import LearnedStore, Warn
from cockpit.personalisation.roaming.address import RoamingAddress
from cockpit.personalisation.roaming.backend import PROFILE_PREFIX, RoamingProfiles
from cockpit.personalisation.roaming.durable import atomic_write
from cockpit.personalisation.store import ProfileStore
from cockpit.yaml_source import Problem

logger = logging.getLogger(__name__)

TIMEOUT_S = 15.0


class RoamingError(CockpitError):
    """The profile cluster cannot be reached or did not acknowledge in time."""


@dataclass(slots=True)
class Transfer:
    """What a push or pull did, for the command to print."""

    sent: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    learned: int = 0
    problems: list[Problem] = field(default_factory=list)


def _connected(address: RoamingAddress, state_dir: Path, timeout: float) -> RoamingProfiles:
    backend = RoamingProfiles(address, state_dir, node="cli", warn=logger.info)
    backend.start()
    deadline = time.monotonic() + timeout
    while not (backend.online and backend.synced):
        backend.step()
        if time.monotonic() > deadline:
            backend.close()
            raise RoamingError(f"{backend.status}; nothing was transferred")
        time.sleep(0.01)
    return backend


def _settle(backend: RoamingProfiles, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while backend.queue.pending():
        backend.step()
        if time.monotonic() > deadline:
            raise RoamingError(f"the cluster {backend.address} did not acknowledge the learned preferences "
                               f"within {timeout:g} s; they stay queued in {backend.queue.directory}")
        time.sleep(0.01)


def push(address: RoamingAddress, folder: Path, state_dir: Path,
         timeout: float = TIMEOUT_S) -> Transfer:
    """Send the folder's valid profiles and their learned values; raises RoamingError, ProfileError."""
    local = ProfileStore(folder, LearnedStore(state_dir), warn=lambda text: None)
    result = Transfer(problems=list(local.load()))
    backend = _connected(address, state_dir, timeout)
    try:
        for profile_id in local.ids():
            path = Path(local.effective(profile_id).file)
            revision, written = backend.client.call(
                backend.client.put_if_changed(f"{PROFILE_PREFIX}{profile_id}", path.read_bytes()), timeout)
            (result.sent if written else result.unchanged).append(f"{profile_id} (revision {revision})")
            assert local.learned is not None
            for name, value in sorted(local.learned.load(profile_id).items()):
                if backend.load(profile_id).get(name) != value:
                    backend.remember(profile_id, name, value)
                    result.learned += 1
        _settle(backend, timeout)
    finally:
        backend.close()
    return result


def fetched_store(address: RoamingAddress, state_dir: Path, *, warn: Warn = logger.info,
                  timeout: float = TIMEOUT_S) -> ProfileStore:
    """A store of the bucket's profiles, fetched now into this machine's cache; raises RoamingError."""
    backend = _connected(address, state_dir, timeout)
    backend.close()
    store = ProfileStore(learned=backend, source=backend, warn=warn)
    store.load()
    return store


def pull(address: RoamingAddress, folder: Path, state_dir: Path,
         timeout: float = TIMEOUT_S) -> Transfer:
    """Write the bucket's valid profiles into `folder` (never replacing a different file) and merge
    their learned values into `state_dir`; raises RoamingError."""
    remote = fetched_store(address, state_dir, warn=lambda text: None, timeout=timeout)
    backend = remote.source
    assert isinstance(backend, RoamingProfiles)
    result = Transfer(problems=list(remote.problems))
    learned = LearnedStore(state_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for profile_id in remote.ids():
        cached = backend.cache_dir / f"{PROFILE_PREFIX}{profile_id}.yaml"
        target = folder / f"{profile_id}.yaml"
        data = cached.read_bytes()
        if target.exists() and target.read_bytes() != data:
            result.kept.append(f"{target} differs from the cluster's copy; kept (move it away to pull)")
            continue
        if target.exists():
            result.unchanged.append(profile_id)
        else:
            atomic_write(target, data)
            result.sent.append(f"{profile_id} -> {target}")
        for name, value in sorted(backend.load(profile_id).items()):
            if learned.load(profile_id).get(name) != value:
                learned.remember(profile_id, name, value)
                result.learned += 1
    return result
