"""RoamingProfiles: a ProfileStore's documents and learned values from a NATS key-value bucket.

The car always works from its own disk: the cache holds the last valid copy of every key seen in
the cluster, and a change made in the car is first written to the durable queue, then merged into
what the car shows, then sent. So a car that starts with the cluster unreachable drives on its
cached profiles (and says why on screen), and a change made offline is sent when the cluster is
back. Documents from the cluster pass the same checks as files (YAML with positions, the pydantic
schema); a bad one is refused with its key and the reason and the previous copy stays in use.

`step()` runs on the main loop: it drains the network thread's queue, updates the cache, hands
the queued changes to the network thread and says which profiles changed.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cockpit.atomic import sweep_temporaries
from cockpit.i18n import N_
from cockpit.personalisation.learned import Warn
from cockpit.personalisation.roaming import documents
from cockpit.personalisation.roaming.address import RoamingAddress
from cockpit.personalisation.roaming.client import (
    Acked,
    Connection,
    Item,
    RoamingClient,
    Seen,
    Synced,
    WriteFailed,
)
from cockpit.personalisation.roaming.documents import Field, Fields
from cockpit.personalisation.roaming.durable import Change, ChangeQueue, atomic_write
from cockpit.personalisation.roaming.hlc import HybridClock
from cockpit.personalisation.schema import Profile
from cockpit.personalisation.store import Reading
from cockpit.reading import ReadError, read_limited
from cockpit.yaml_source import read_document, validation_problems

logger = logging.getLogger(__name__)

PROFILE_PREFIX, LEARNED_PREFIX = "profile.", "learned."
# What the driver is told (translated where it is shown; the log gets the technical details).
UNREACHABLE = N_("Profiles from the cloud are not reachable: using the copies stored in this car")
REACHABLE = N_("Profiles from the cloud are reachable again")
REFUSED = N_("A profile from the cloud was refused because it is not valid")


def roaming_root(state_dir: Path, address: RoamingAddress) -> Path:
    """The folder of one bucket's cache and queue under the state folder."""
    return state_dir / "roaming" / address.bucket


@dataclass(slots=True)
class Update:
    """What one `step()` brought: profiles whose document or learned values changed, keys seen."""

    documents: set[str] = field(default_factory=set)
    learned: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.documents or self.learned or self.seen)


class RoamingProfiles:
    """ProfileSource + LearnedValues over a bucket, with an offline cache and a durable queue."""

    def __init__(self, address: RoamingAddress, state_dir: Path, *, node: str, warn: Warn = logger.warning,
                 tell: Warn = lambda text: None, client: RoamingClient | None = None) -> None:
        self.address = address
        root = roaming_root(state_dir, address)
        self.cache_dir = root / "cache"
        self.queue = ChangeQueue(root / "queue")
        self.clock = HybridClock(node)
        self.client = client or RoamingClient(address, name=node)
        self.online = False
        self.synced = False  # the watch delivered every key at least once since start
        self.status = f"connecting to the profile cluster {address}"
        self._warn = warn
        self._tell = tell  # the driver's side: one of UNREACHABLE, REACHABLE, REFUSED
        self._cluster: dict[str, Fields] = {}
        self._pending: list[Change] = self.queue.pending()
        self._in_flight: set[str] = set()
        self._told_unreachable = False
        self._listeners: list[Callable[[Update], None]] = []
        sweep_temporaries(self.cache_dir)  # what a killed car left of its last cache write
        for path in sorted(self.cache_dir.glob(f"{LEARNED_PREFIX}*.json")):
            self._cluster[path.stem[len(LEARNED_PREFIX):]] = self._cached_learned(path)

    def label(self, key: str) -> str:
        """How a key is named in messages: the bucket's address and the key."""
        return f"{self.address}/{key}"

    # --- lifecycle -----------------------------------------------------------------------------
    def start(self) -> None:
        self.client.start()

    def close(self) -> None:
        self.client.stop()

    def on_update(self, listener: Callable[[Update], None]) -> None:
        """Call `listener(update)` on the main loop after a step that changed something."""
        self._listeners.append(listener)

    # --- ProfileSource ---------------------------------------------------------------------------
    def documents(self, extra_files: Sequence[Path]) -> list[Reading]:
        """The cached profile documents (named by key), then `extra_files`."""
        paths = sorted(self.cache_dir.glob(f"{PROFILE_PREFIX}*.yaml"))
        readings = [read_document(path, self.label(path.stem)) for path in paths]
        return readings + [read_document(path, str(path)) for path in extra_files]

    # --- LearnedValues --------------------------------------------------------------------------
    def load(self, profile_id: str) -> dict[str, Any]:
        """The cluster's learned values with this car's unacknowledged changes on top."""
        return documents.values(self._fields(profile_id))

    def remember(self, profile_id: str, field_name: str, value: Any) -> None:
        """Use the change at once, send it, and queue it on disk until acknowledged (raises OSError)."""
        self._queue([Change(profile_id, field_name, value, self.clock.now())])

    def forget(self, profile_id: str) -> int:
        """Forget every learned value of a driver, in every car (tombstones); returns how many."""
        known = self.load(profile_id)
        self._queue([Change(profile_id, name, None, self.clock.now()) for name in sorted(known)])
        return len(known)

    def _queue(self, changes: list[Change]) -> None:
        # Sent before the fsync of its queue file (about 8 ms here), not after: the file is what
        # keeps a change the cluster has not acknowledged, and a crash before the file is on disk
        # loses the same change either way. An acknowledgement is handled on this thread, after.
        self._pending.extend(changes)
        self._send()
        for change in changes:
            self.queue.add(change)

    def _fields(self, profile_id: str) -> Fields:
        ours = {c.field: Field(c.value, c.stamp) for c in self._pending if c.profile_id == profile_id}
        return documents.merge(self._cluster.get(profile_id, {}), ours)

    # --- the main loop ---------------------------------------------------------------------------
    def fetch(self, profile_id: str) -> None:
        """Ask the cluster for a driver's latest document and learned values (a fob was presented)."""
        if self.online:
            self.client.fetch([f"{PROFILE_PREFIX}{profile_id}", f"{LEARNED_PREFIX}{profile_id}"])

    def step(self) -> Update:
        """Handle what the network thread reported; send queued changes; returns what changed."""
        update = Update()
        for item in self.client.drain():
            self._handle(item, update)
        self._send()
        if update:
            for listener in list(self._listeners):
                listener(update)
        return update

    def _handle(self, item: Item, update: Update) -> None:
        if isinstance(item, Seen):
            update.seen.add(item.key)
            self._seen(item, update)
        elif isinstance(item, Acked):
            self._acked(item, update)
        elif isinstance(item, WriteFailed):
            profile_ids = {change.profile_id for change in item.changes}
            self._in_flight -= profile_ids
            logger.info("write of %s not acknowledged (%s); kept queued", ", ".join(sorted(profile_ids)),
                        item.reason)
        elif isinstance(item, Synced):
            self.synced = True
        elif isinstance(item, Connection):
            self._connection(item)

    def _connection(self, item: Connection) -> None:
        was_online, self.online, self.status = self.online, item.online, item.reason
        if item.online:
            self._in_flight.clear()  # writes that were in flight are answered or failed; send again
            if not was_online:
                logger.info("%s", item.reason)
                if self._told_unreachable:
                    self._tell(REACHABLE)
                self._told_unreachable = False
        elif was_online or not self.synced:
            self._warn(item.reason)
            if not self._told_unreachable:
                self._tell(UNREACHABLE)
                self._told_unreachable = True

    def _seen(self, item: Seen, update: Update) -> None:
        prefix, _, profile_id = item.key.partition(".")
        if f"{prefix}." == PROFILE_PREFIX:
            if self._profile_seen(profile_id, item):
                update.documents.add(profile_id)
        elif f"{prefix}." == LEARNED_PREFIX:
            if self._learned_seen(profile_id, item):
                update.learned.add(profile_id)
        else:
            logger.debug("ignoring key %s", item.key)

    def _profile_seen(self, profile_id: str, item: Seen) -> bool:
        cached = self.cache_dir / f"{item.key}.yaml"
        if item.value is None:
            existed = cached.exists()
            cached.unlink(missing_ok=True)
            return existed
        if cached.is_file() and cached.read_bytes() == item.value:
            return False
        problem = self._check_profile(profile_id, item)
        if problem is not None:
            self._warn(f"refused {self.label(item.key)} revision {item.revision}: {problem}")
            self._tell(REFUSED)
            return False
        atomic_write(cached, item.value, durable=False)
        return True

    def _check_profile(self, profile_id: str, item: Seen) -> str | None:
        """The first problem of a profile document from the cluster, or None when it is valid."""
        assert item.value is not None
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=self.cache_dir, prefix=".check.", suffix=".yaml") as file:
            file.write(item.value)
            file.flush()
            document, problems = read_document(Path(file.name), self.label(item.key))
        if document is None:
            return str(problems[0]) if problems else "unreadable"
        try:
            profile = Profile.model_validate(document.data)
        except ValidationError as error:
            found = validation_problems(document, error, Profile)
            return "; ".join(str(problem) for problem in found[:3])
        if profile.identity.id != profile_id:
            return f"its identity.id is {profile.identity.id!r}; the key says {profile_id!r}"
        return None

    def _learned_seen(self, profile_id: str, item: Seen) -> bool:
        if item.value is None:
            return False  # learned values are forgotten by tombstones, never by deleting the key
        try:
            fields = documents.decode(profile_id, item.value)
        except ValueError as error:
            self._warn(f"refused {self.label(item.key)} revision {item.revision}: {error}")
            self._tell(REFUSED)
            return False
        return self._learned_now(profile_id, fields)

    def _learned_now(self, profile_id: str, fields: Fields) -> bool:
        old = self._cluster.get(profile_id, {})
        merged = documents.merge(old, fields)
        for entry in fields.values():
            self.clock.observe(entry.stamp)
        if merged == old:
            return False
        before = documents.values(self._fields(profile_id))
        self._cluster[profile_id] = merged
        cached = self.cache_dir / f"{LEARNED_PREFIX}{profile_id}.json"
        atomic_write(cached, documents.encode(profile_id, merged), durable=False)
        return documents.values(self._fields(profile_id)) != before

    def _acked(self, item: Acked, update: Update) -> None:
        profile_id = item.key[len(LEARNED_PREFIX):]
        self._in_flight.discard(profile_id)
        acknowledged = set(item.changes)
        self.queue.done(list(item.changes))
        self._pending = [change for change in self._pending if change not in acknowledged]
        if self._learned_now(profile_id, documents.decode(profile_id, item.value)):
            update.learned.add(profile_id)

    def _send(self) -> None:
        if not self.online:
            return
        by_profile: dict[str, list[Change]] = {}
        for change in self._pending:
            if change.profile_id not in self._in_flight:
                by_profile.setdefault(change.profile_id, []).append(change)
        for profile_id, changes in by_profile.items():
            self._in_flight.add(profile_id)
            self.client.write(profile_id, changes)

    def _cached_learned(self, path: Path) -> Fields:
        profile_id = path.stem[len(LEARNED_PREFIX):]
        try:
            return documents.decode(profile_id, read_limited(path, documents.MAX_BYTES, "cached document"))
        except (ReadError, ValueError) as error:
            self._warn(f"ignoring the cached learned preferences {path}: {error}")
            return {}
