"""nats-py in its own thread, with its own asyncio loop; results reach the main loop by a queue.

The main loop owns the cockpit and never waits on the network: it asks for work (`write`,
`fetch`) and reads what happened with `drain()` each tick. The thread connects to any server of
the cluster (several URLs; nats-py moves to another when one dies), keeps a watch on the bucket
so every change made by other cars arrives as `Seen`, and writes learned changes with
compare-and-set: read the revision, merge field by field, `update(last=revision)`; if another car
wrote in between, read and merge again. A write refused while the cluster elects a leader is
retried until it is acknowledged or WRITE_PATIENCE_S passes (then `WriteFailed`; the changes
stay queued on disk and are sent again later).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import queue
import threading
import time
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import nats
import nats.errors
import nats.js.errors
from nats.js.api import KeyValueConfig

from cockpit.personalisation.roaming import documents
from cockpit.personalisation.roaming.address import RoamingAddress
from cockpit.personalisation.roaming.documents import Field
from cockpit.personalisation.roaming.durable import Change

logger = logging.getLogger(__name__)

T = TypeVar("T")
HISTORY = 10
REPLICAS = 3
CONNECT_TIMEOUT_S = 2
REQUEST_TIMEOUT_S = 2.0
WRITE_PATIENCE_S = 20.0
RETRY_S = (0.05, 0.1, 0.2, 0.5, 1.0)


class NotConnected(Exception):
    """Not connected to the cluster yet (the first connection is still being tried)."""


RETRYABLE = (nats.errors.TimeoutError, nats.errors.NoRespondersError, nats.errors.ConnectionClosedError,
             nats.errors.ConnectionReconnectingError, nats.errors.OutboundBufferLimitError,
             nats.js.errors.ServiceUnavailableError, nats.js.errors.APIError, asyncio.TimeoutError,
             nats.js.errors.NoStreamResponseError,  # the bucket's stream has no leader yet
             NotConnected)


@dataclass(frozen=True, slots=True)
class Seen:
    """A key's current value in the cluster (from the watch or a fetch); None when it was deleted."""

    key: str
    revision: int
    value: bytes | None


@dataclass(frozen=True, slots=True)
class Synced:
    """The watch has delivered every key that existed when it started."""


@dataclass(frozen=True, slots=True)
class Acked:
    """The cluster acknowledged a write containing `changes` (stored on a quorum of nodes)."""

    changes: tuple[Change, ...]
    key: str
    revision: int
    value: bytes


@dataclass(frozen=True, slots=True)
class WriteFailed:
    """A write was not acknowledged in time; its changes stay queued."""

    changes: tuple[Change, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class Connection:
    """The link to the cluster came up or went down; `reason` says why, for the screen."""

    online: bool
    reason: str
    server: str = ""


Item = Seen | Synced | Acked | WriteFailed | Connection


class RoamingClient:
    """One connection to the cluster for one process (a fleet worker's cars share it)."""

    def __init__(self, address: RoamingAddress, *, name: str = "cockpit") -> None:
        self.address = address
        self.name = name
        self.inbox: queue.Queue[Item] = queue.Queue()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name=f"nats-{address.bucket}", daemon=True)
        self._stop: asyncio.Event | None = None
        self._nc: Any = None
        self._kv: Any = None
        self._watcher: Any = None
        self._follower: asyncio.Future[None] | None = None
        self._started = False
        self._reported_unreachable = False

    # --- the main loop's side --------------------------------------------------------------------
    def start(self) -> None:
        """Connect in the background; returns at once."""
        if not self._started:
            self._started = True
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Close the connection and join the thread; safe to call twice."""
        if not self._started or not self._thread.is_alive():
            return
        with contextlib.suppress(RuntimeError):  # the loop already ended
            self._loop.call_soon_threadsafe(self._request_stop)
        self._thread.join(timeout)

    def drain(self, limit: int = 10_000) -> list[Item]:
        """What happened since the last call, oldest first."""
        items: list[Item] = []
        while len(items) < limit:
            try:
                items.append(self.inbox.get_nowait())
            except queue.Empty:
                break
        return items

    def write(self, profile_id: str, changes: Sequence[Change]) -> None:
        """Merge `changes` into `learned.<profile_id>` with compare-and-set; answers Acked or WriteFailed."""
        self._spawn(self._write(profile_id, tuple(changes)))

    def fetch(self, keys: Sequence[str]) -> None:
        """Read the current value of `keys` now (e.g. when a driver's fob is presented); answers Seen."""
        self._spawn(self._fetch(tuple(keys)))

    def call(self, work: Coroutine[Any, Any, T], timeout: float) -> T:
        """Run `work` on the network thread and wait for it (for the CLI, never the car's main loop)."""
        future = asyncio.run_coroutine_threadsafe(work, self._loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise TimeoutError(f"the cluster {self.address} did not answer within {timeout:g} s") from None

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        asyncio.run_coroutine_threadsafe(work, self._loop)

    # --- the network thread ------------------------------------------------------------------------
    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._main())
        finally:
            pending = asyncio.all_tasks(self._loop)
            for task in pending:
                task.cancel()
            self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            self._loop.close()

    def _request_stop(self) -> None:
        if self._stop is not None:
            self._stop.set()

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        connecting = asyncio.ensure_future(self._connect())
        stopping = asyncio.ensure_future(self._stop.wait())
        await asyncio.wait({connecting, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if not connecting.done():
            connecting.cancel()
        failed = (await asyncio.gather(connecting, return_exceptions=True))[0]
        if isinstance(failed, Exception):  # not a network hiccup (those are retried): say so, stay offline
            logger.error("profile cluster %s: %s", self.address, _describe(failed))
            self._unreachable(_describe(failed))
        await self._stop.wait()
        await self._close()

    async def _connect(self) -> None:
        """Connect (nats-py tries every server, for ever), then open the bucket and watch it."""
        nc = await nats.connect(
            servers=list(self.address.servers), name=self.name, connect_timeout=CONNECT_TIMEOUT_S,
            allow_reconnect=True, max_reconnect_attempts=-1, reconnect_time_wait=0.2, ping_interval=2,
            max_outstanding_pings=2, disconnected_cb=self._on_disconnected,
            reconnected_cb=self._on_reconnected, error_cb=self._on_error)
        self._nc = nc
        js = nc.jetstream(timeout=REQUEST_TIMEOUT_S)
        attempt = 0
        while self._kv is None:
            try:
                self._kv = await self._bucket(js)
                await self._watch()
            except RETRYABLE as error:
                self._kv = None
                self._unreachable(f"bucket {self.address.bucket} not ready ({_describe(error)})")
                await _pause(attempt)
                attempt += 1
        self._reported_unreachable = False
        self.inbox.put(Connection(True, f"profile cluster {self.address} online", _server(nc)))

    def _unreachable(self, why: str) -> None:
        """Say once (until connected) that the cluster cannot be used and the car goes on without it."""
        if not self._reported_unreachable:
            self._reported_unreachable = True
            self.inbox.put(Connection(False, f"profile cluster {self.address} unreachable ({why}); "
                                             "using the cached profiles"))

    async def _bucket(self, js: Any) -> Any:
        """The bucket, created with three replicas (one on a single server) if it is missing."""
        try:
            return await js.key_value(self.address.bucket)
        except nats.js.errors.BucketNotFoundError:
            pass
        try:
            return await js.create_key_value(KeyValueConfig(bucket=self.address.bucket, history=HISTORY,
                                                            replicas=REPLICAS))
        except nats.js.errors.APIError as error:
            if "replicas" not in str(error).lower() and "insufficient" not in str(error).lower():
                raise
            return await js.create_key_value(KeyValueConfig(bucket=self.address.bucket, history=HISTORY))

    async def _watch(self) -> None:
        if self._watcher is not None:
            with contextlib.suppress(Exception):
                await self._watcher.stop()
        self._watcher = watcher = await self._kv.watchall()
        self._follower = asyncio.ensure_future(self._follow(watcher))

    async def _follow(self, watcher: Any) -> None:
        async for entry in watcher:
            if entry is None:
                self.inbox.put(Synced())
                continue
            deleted = entry.operation in ("DEL", "PURGE")
            self.inbox.put(Seen(entry.key, entry.revision, None if deleted else bytes(entry.value or b"")))

    async def _close(self) -> None:
        nc, self._nc = self._nc, None
        if nc is None:
            return
        if self._watcher is not None:
            with contextlib.suppress(Exception):
                await self._watcher.stop()
        with contextlib.suppress(Exception):
            await nc.close()

    async def _on_disconnected(self) -> None:
        if self._stop is not None and not self._stop.is_set():
            self.inbox.put(Connection(False, f"profile cluster {self.address}: connection lost; "
                                             "reconnecting"))

    async def _on_reconnected(self) -> None:
        try:
            await self._watch()
        except RETRYABLE as error:
            logger.info("watch not restarted after reconnecting: %s", _describe(error))
        self.inbox.put(Connection(True, f"profile cluster {self.address} online again", _server(self._nc)))

    async def _on_error(self, error: Exception) -> None:
        logger.debug("nats: %s", _describe(error))
        if self._kv is None:
            self._unreachable(_describe(error))

    async def _write(self, profile_id: str, changes: tuple[Change, ...]) -> None:
        key = f"learned.{profile_id}"
        ours = {change.field: Field(change.value, change.stamp) for change in changes}
        deadline, attempt = time.monotonic() + WRITE_PATIENCE_S, 0
        while True:
            try:
                current, last = await self._current(key, profile_id)
                merged = documents.merge(current, ours)
                value = documents.encode(profile_id, merged)
                revision = await self._kv.update(key, value, last=last) if merged != current else last
                self.inbox.put(Acked(changes, key, revision, value))
                return
            except nats.js.errors.KeyWrongLastSequenceError:
                continue  # another car wrote in between: read its version and merge again
            except RETRYABLE as error:
                if time.monotonic() > deadline or (self._stop is not None and self._stop.is_set()):
                    self.inbox.put(WriteFailed(changes, _describe(error)))
                    return
                await _pause(attempt)
                attempt += 1

    async def _current(self, key: str, profile_id: str) -> tuple[documents.Fields, int]:
        value, revision = await self._latest(key)
        if value is None:
            return {}, revision
        try:
            return documents.decode(profile_id, value), revision
        except ValueError as error:
            logger.warning("%s revision %d is invalid (%s); writing a repaired document (the bad one "
                           "stays in the key's history)", key, revision, error)
            return {}, revision

    async def _latest(self, key: str) -> tuple[bytes | None, int]:
        """The key's value and revision, the revision to compare-and-set against; no value when it was
        never written (revision 0) or deleted (the delete marker's revision)."""
        if self._kv is None:
            raise NotConnected()
        try:
            entry = await self._kv.get(key)
        except nats.js.errors.KeyNotFoundError as missing:
            deleted = getattr(missing, "entry", None)
            return None, deleted.revision if deleted is not None else 0
        return bytes(entry.value or b""), entry.revision

    async def _fetch(self, keys: tuple[str, ...]) -> None:
        for key in keys:
            try:
                if self._kv is None:
                    raise NotConnected()
                entry = await self._kv.get(key)
            except nats.js.errors.KeyNotFoundError:
                continue
            except RETRYABLE as error:
                logger.info("could not fetch %s: %s", key, _describe(error))
                return
            self.inbox.put(Seen(key, entry.revision, bytes(entry.value or b"")))

    # --- profile documents (for `cockpit profiles push/pull`) --------------------------------------
    async def put_if_changed(self, key: str, value: bytes) -> tuple[int, bool]:
        """Write `value` under `key` with compare-and-set unless it is already there; (revision, written).
        Retried while a new bucket's stream elects its leader (the caller's timeout bounds it)."""
        if self._kv is None:
            raise NotConnected()
        attempt = 0
        while True:
            try:
                return await self._put_once(key, value)
            except nats.js.errors.KeyWrongLastSequenceError:
                continue  # someone wrote in between: read again
            except RETRYABLE:
                await _pause(attempt)
                attempt += 1

    async def _put_once(self, key: str, value: bytes) -> tuple[int, bool]:
        stored, last = await self._latest(key)
        if stored == value:
            return last, False
        assert self._kv is not None
        return await self._kv.update(key, value, last=last), True


async def _pause(attempt: int) -> None:
    """Back off before retry number `attempt` (0, 1, ...) along RETRY_S, then at its longest."""
    await asyncio.sleep(RETRY_S[min(attempt, len(RETRY_S) - 1)])


def _server(nc: Any) -> str:
    url = getattr(nc, "connected_url", None)
    return str(url.netloc) if url is not None else ""


def _describe(error: BaseException) -> str:
    text = str(error).strip()
    name = type(error).__name__
    return f"{name}: {text}" if text and name not in text else (text or name)
