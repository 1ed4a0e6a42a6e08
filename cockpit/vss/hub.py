"""The API's side of the thread boundary between gRPC's worker threads and the main loop.

The main loop owns the cockpit; gRPC handlers run on grpc's thread pool and never touch it:

- Readers get values from a mirror the main loop keeps: every SignalChanged event updates it, and after
  each tick the actuators' targets are compared with it. The mirror has its own lock.
- Subscribers get a `Feed` that the main loop fills as values change. Registering a feed and taking
  the initial snapshot happen under the mirror's lock, so no change falls between the two.
- Actuations are handed to the main loop as commands through a queue that `step()` (a cockpit system,
  so every `session.step` runs it) drains; the handler waits for the outcomes the policy gave.
  An actuation that times out before the main loop took it is withdrawn, never applied late.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Final

from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import Command
from cockpit.core.errors import VssApiError
from cockpit.core.events import SignalChanged
from cockpit.core.outcome import Outcome
from cockpit.core.signals import Kind, Value
from cockpit.vss.tree import Tree

logger = logging.getLogger(__name__)

DEFAULT_BUFFER: Final = 1000  # updates a slow subscriber may fall behind before the oldest are dropped
MAX_FEEDS: Final = 48  # open subscriptions; each holds a gRPC worker thread (server.WORKERS)


class HubUnavailable(VssApiError):
    """The main loop did not take an actuation in time, or the API is shutting down."""


class HubFull(HubUnavailable):
    """As many subscriptions are open as the server has threads to wait for them."""


class Field(Enum):
    """Which side of a signal an update is about."""

    VALUE = "value"
    TARGET = "target"


@dataclass(frozen=True, slots=True)
class Sample:
    """A value and when the main loop saw it (seconds since the epoch)."""

    value: Value
    timestamp: float


@dataclass(frozen=True, slots=True)
class Update:
    path: str
    field: Field
    sample: Sample


class Feed:
    """One subscription's updates, filled on the main loop and taken on a gRPC thread."""

    def __init__(self, paths: frozenset[str], fields: frozenset[Field], buffer: int = DEFAULT_BUFFER,
                 wake: Callable[[], None] | None = None) -> None:
        """`wake` is called (on the main loop) after each push and on close: an event loop's nudge."""
        self.paths = paths
        self.fields = fields
        self._pending: deque[Update] = deque(maxlen=buffer)
        self._ready = threading.Condition()
        self._closed = False
        self._wake = wake

    def push(self, update: Update) -> None:
        with self._ready:
            self._pending.append(update)
            self._ready.notify()
        if self._wake is not None:
            self._wake()

    def take(self, timeout: float) -> list[Update] | None:
        """Everything pending (oldest first), waiting up to `timeout` for the first; None once closed."""
        with self._ready:
            self._ready.wait_for(lambda: self._pending or self._closed, timeout)
            if self._closed:
                return None
            updates = list(self._pending)
            self._pending.clear()
            return updates

    def close(self) -> None:
        """Wake the taker for good (the call ended or the server stops); safe from any thread."""
        with self._ready:
            self._closed = True
            self._ready.notify_all()
        if self._wake is not None:
            self._wake()


@dataclass(slots=True, eq=False)
class _Job:
    commands: tuple[Command, ...]
    done: threading.Event = field(default_factory=threading.Event)
    outcomes: list[Outcome] = field(default_factory=list)
    error: str = ""


class VssHub:
    """Mirror, feeds and the actuation queue of one cockpit; see the module docstring."""

    def __init__(self, cockpit: Cockpit, tree: Tree, *, wall_clock: Callable[[], float] = time.time) -> None:
        self._cockpit = cockpit
        self._clock = wall_clock
        self._actuators = tuple(leaf.path for leaf in tree.leaves if leaf.spec.kind is Kind.ACTUATOR)
        now = wall_clock()
        self._lock = threading.Lock()  # guards the mirror and the feeds
        self._values = {leaf.path: Sample(cockpit.value(leaf.path), now) for leaf in tree.leaves}
        self._targets = {path: Sample(cockpit.target(path), now) for path in self._actuators}
        self._feeds: dict[str, list[Feed]] = {}  # path -> the open feeds that want it
        self._open: set[Feed] = set()
        self._ready = threading.Condition()  # guards the queue
        self._inbox: deque[_Job] = deque()
        self._closed = False
        self._unsubscribe = cockpit.bus.subscribe(self._on_changed, SignalChanged)
        cockpit.add_system(self.step)

    # --- any thread -------------------------------------------------------------------------------
    @property
    def feeds(self) -> int:
        """How many subscriptions are open."""
        with self._lock:
            return len(self._open)

    def value(self, path: str) -> Sample:
        with self._lock:
            return self._values[path]

    def target(self, path: str) -> Sample | None:
        """The target an actuator moves toward; None for a sensor."""
        with self._lock:
            return self._targets.get(path)

    def subscribe(self, paths: Iterable[str], fields: Iterable[Field], buffer: int = DEFAULT_BUFFER,
                  wake: Callable[[], None] | None = None) -> Feed:
        """A feed that holds the current values of `paths` first and then every change.

        Raises HubFull when MAX_FEEDS subscriptions are open.
        """
        feed = Feed(frozenset(paths), frozenset(fields), buffer, wake)
        with self._lock:
            if len(self._open) >= MAX_FEEDS:
                raise HubFull(f"{MAX_FEEDS} subscriptions are open, the most this cockpit serves; "
                              f"close one or subscribe to several signals at once")
            for path in sorted(feed.paths):
                for kind in (Field.VALUE, Field.TARGET):
                    sample = self._values[path] if kind is Field.VALUE else self._targets.get(path)
                    if kind in feed.fields and sample is not None:
                        feed.push(Update(path, kind, sample))
                self._feeds.setdefault(path, []).append(feed)
            self._open.add(feed)
        return feed

    def unsubscribe(self, feed: Feed) -> None:
        feed.close()
        with self._lock:
            self._open.discard(feed)
            for path in feed.paths:
                listeners = self._feeds.get(path, [])
                if feed in listeners:
                    listeners.remove(feed)

    def actuate(self, commands: Sequence[Command], timeout: float) -> list[Outcome]:
        """Submit `commands` on the main loop and return their outcomes; raises HubUnavailable."""
        job = _Job(tuple(commands))
        with self._ready:
            if self._closed:
                raise HubUnavailable("the cockpit is shutting down")
            self._inbox.append(job)
            self._ready.notify_all()
        if not job.done.wait(timeout):
            with self._ready:
                if job in self._inbox:
                    self._inbox.remove(job)
                    raise HubUnavailable(f"the cockpit's main loop did not answer within {timeout:g} s")
            job.done.wait()  # the main loop took it just now and is applying it
        if job.error:
            raise HubUnavailable(job.error)
        return job.outcomes

    def wait_for_work(self, timeout: float) -> bool:
        """Block until an actuation waits (or `timeout`); lets a headless loop answer at once."""
        with self._ready:
            return self._ready.wait_for(lambda: bool(self._inbox) or self._closed, timeout)

    def close(self) -> None:
        """Refuse new work, fail what waits, end every feed; safe to call twice."""
        with self._ready:
            self._closed = True
            waiting = list(self._inbox)
            self._inbox.clear()
            self._ready.notify_all()
        for job in waiting:
            job.error = "the cockpit is shutting down"
            job.done.set()
        with self._lock:
            feeds, self._open = self._open, set()
            self._feeds.clear()
        for feed in feeds:
            feed.close()
        self._unsubscribe()

    # --- the main loop ----------------------------------------------------------------------------
    def step(self, dt: float) -> None:
        """Apply the queued actuations, then publish targets that moved (a cockpit system)."""
        if self._closed:
            return
        with self._ready:
            jobs = list(self._inbox)
            self._inbox.clear()
        for job in jobs:
            try:
                job.outcomes = [self._cockpit.submit(command) for command in job.commands]
            except Exception:  # a bug in a handler: the caller hears of it, the loop goes on
                logger.exception("applying %s failed", [c.describe() for c in job.commands])
                job.error = "the cockpit failed to apply the request"
            finally:
                job.done.set()
        self._publish_targets()

    def _on_changed(self, event: SignalChanged) -> None:
        self._publish(event.path, Field.VALUE, event.new)

    def _publish_targets(self) -> None:
        cockpit = self._cockpit
        for path in self._actuators:
            target = cockpit.target(path)
            if target != self._targets[path].value:
                self._publish(path, Field.TARGET, target)

    def _publish(self, path: str, kind: Field, value: Value) -> None:
        sample = Sample(value, self._clock())
        with self._lock:
            (self._values if kind is Field.VALUE else self._targets)[path] = sample
            for feed in self._feeds.get(path, ()):
                if kind in feed.fields:
                    feed.push(Update(path, kind, sample))
