"""A hybrid logical clock (HLC): stamps that order changes made in different cars.

Why an HLC and not the KV revision: the revision orders writes as the cluster received them, but a
car that was offline for an hour sends its changes late, and they would then win over newer
changes made meanwhile in another car. Why not wall time alone: two cars' clocks drift, and a car
whose clock is behind would lose its newer change. An HLC stamp is (wall milliseconds, counter,
node): it follows real time where clocks agree, never goes backwards on one car, and after a car
has seen a stamp (by reading the bucket) its own next stamp is later than that one, so a change
made after seeing another always wins over it. The node id breaks ties deterministically.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from cockpit.core.errors import brief

LARGEST: Final = 2**53
MAX_NODE: Final = 255  # characters of a node id: a host name (fleet-w3-12345, a car's name)


@dataclass(frozen=True, slots=True, order=True)
class Stamp:
    """One HLC reading; compares by (wall_ms, counter, node)."""

    wall_ms: int
    counter: int
    node: str

    def to_json(self) -> list[Any]:
        return [self.wall_ms, self.counter, self.node]

    @classmethod
    def from_json(cls, data: object) -> Stamp:
        """Parse `[wall_ms, counter, node]`; raises ValueError for anything else.

        Numbers stay below 2**53 (what every JSON reader keeps exact) and a node id is a short line:
        a stamp from another car is data from outside.
        """
        match data:
            case [int(wall_ms), int(counter), str(node)] if (
                    0 <= wall_ms < LARGEST and 0 <= counter < LARGEST and not isinstance(wall_ms, bool)
                    and not isinstance(counter, bool) and 0 < len(node) <= MAX_NODE and node.isprintable()):
                return cls(wall_ms, counter, node)
        raise ValueError(f"a stamp is [wall_ms, counter, node], not {brief(data, 80)}")


class HybridClock:
    """Issues increasing stamps for one node; `observe()` moves it past stamps seen from others."""

    def __init__(self, node: str, wall_ms: Callable[[], int] = lambda: time.time_ns() // 1_000_000) -> None:
        self.node = node
        self._wall_ms = wall_ms
        self._last = Stamp(0, 0, node)
        self._lock = threading.Lock()  # the NATS thread observes, the main loop stamps

    def now(self) -> Stamp:
        """A stamp later than every stamp issued or observed before."""
        with self._lock:
            wall, last = self._wall_ms(), self._last
            self._last = (Stamp(wall, 0, self.node) if wall > last.wall_ms
                          else Stamp(last.wall_ms, last.counter + 1, self.node))
            return self._last

    def observe(self, stamp: Stamp) -> None:
        """Remember a stamp seen from another node so the next `now()` is later."""
        with self._lock:
            if (stamp.wall_ms, stamp.counter) > (self._last.wall_ms, self._last.counter):
                self._last = Stamp(stamp.wall_ms, stamp.counter, self.node)
