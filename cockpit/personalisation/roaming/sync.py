"""Keeps a ProfileStore (one car's, or shared by a fleet worker's cars) in step with the bucket.

Each tick `step()` takes what the network thread brought, rebuilds the profiles that changed and,
for a car whose driver just presented a fob, re-applies the profile when the cluster's fresh copy
differs from the cached one (so the fob in car B applies what car A learned a moment ago).
"""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import SetSignal, Source
from cockpit.core.events import CommandApplied, NoticeRaised
from cockpit.i18n import translator
from cockpit.personalisation.engine import ProfileEngine
from cockpit.personalisation.learned import Warn, default_state_dir
from cockpit.personalisation.roaming.address import parse_roaming_url
from cockpit.personalisation.roaming.backend import RoamingProfiles, Update
from cockpit.personalisation.store import ProfileStore

logger = logging.getLogger(__name__)

FRESH_WAIT_S = 2.0  # how long a presented fob waits for the cluster's fresh copy
START_SYNC_S = 10.0  # how long a car waits at start for the first copy of a reachable bucket


class RoamingSync:
    """Drives a RoamingProfiles backend from the main loop and refreshes its store and cars."""

    def __init__(self, backend: RoamingProfiles, store: ProfileStore) -> None:
        self.backend = backend
        self.store = store
        self._awaiting: dict[int, tuple[ProfileEngine, str, float]] = {}

    def attach(self, engine: ProfileEngine) -> None:
        """Watch this car's key fob, so a presented fob fetches the driver's latest copy."""
        def on_applied(event: CommandApplied) -> None:
            command = event.command
            if isinstance(command, SetSignal) and command.path == sig.KEY_FOB:
                self._fob_presented(engine, str(command.value))
        engine.cockpit.bus.subscribe(on_applied, CommandApplied)

    def start(self, wait_s: float = START_SYNC_S) -> None:
        """Connect; wait up to `wait_s` for the first full copy, or go on with the cache at once when
        the cluster is unreachable (the reason is on screen)."""
        self.backend.start()
        deadline = time.monotonic() + wait_s
        while not self.backend.synced and time.monotonic() < deadline:
            self.poll()
            if not self.backend.online and self.backend.status.endswith("using the cached profiles"):
                break
            time.sleep(0.01)
        self.store.load()

    def close(self) -> None:
        self.backend.close()

    def step(self, dt: float = 0.0) -> None:
        """The cockpit system: `poll()` on every tick."""
        self.poll()

    def poll(self) -> Update:
        """Drain the network thread, rebuild what changed, re-apply freshly fetched drivers."""
        update = self.backend.step()
        if update.documents:
            self.store.load()
        else:
            for profile_id in update.learned:
                self.store.rebuild(profile_id)
        if self._awaiting:
            self._settle(update)
        return update

    def _fob_presented(self, engine: ProfileEngine, fob: str) -> None:
        profile_id = self.store.profile_for_fob(fob) if self.store.loaded else None
        if profile_id is None or not self.backend.online:
            return
        self._awaiting[id(engine)] = (engine, profile_id, time.monotonic() + FRESH_WAIT_S)
        self.backend.fetch(profile_id)

    def _settle(self, update: Update) -> None:
        """Re-apply a driver who just presented their fob when their profile changed in the cluster.

        Within FRESH_WAIT_S of the fob: the fresh fetch, or a change another car was still writing
        (the driver was there a moment ago), may bring newer values than the cache had.
        """
        now = time.monotonic()
        for key, (engine, profile_id, until) in list(self._awaiting.items()):
            changed = profile_id in update.documents or profile_id in update.learned
            if changed and engine.active is not None and engine.active.id == profile_id:
                engine.apply(profile_id, Source.SYSTEM)
            if now > until or engine.active is None or engine.active.id != profile_id:
                del self._awaiting[key]


def shared_roaming(url: str, state_dir: Path | None, *, node: str | None = None, warn: Warn = logger.warning,
                   tell: Warn = lambda text: None) -> RoamingSync:
    """A roaming store and its sync for one process; cars attach their engines to `sync.store`.

    `warn` gets the technical details (for the log), `tell` what the driver should know.
    Raises InvalidInput for a malformed address.
    """
    backend = RoamingProfiles(parse_roaming_url(url), state_dir or default_state_dir(),
                              node=node or socket.gethostname(), warn=warn, tell=tell)
    return RoamingSync(backend, ProfileStore(learned=backend, warn=warn, source=backend))


def driver_notice(cockpit: Cockpit, text: str) -> None:
    """Show `text` (an N_-marked message) on the driver's screen in their language."""
    message = translator(str(cockpit.value(sig.LANGUAGE)))(text)
    cockpit.bus.publish(NoticeRaised(time=cockpit.now, text=message, level="warning"))


def install_roaming(cockpit: Cockpit, url: str, state_dir: Path | None = None, *, node: str | None = None,
                    warn: Warn | None = None) -> tuple[ProfileEngine, RoamingSync]:
    """A car's profile engine on a roaming store: `--profiles nats://host:port/bucket`.

    Raises InvalidInput for a malformed address. The caller starts the sync (`sync.start()`) and
    closes it; the cockpit drains it on every tick.
    """
    sync = shared_roaming(url, state_dir, node=node, warn=warn or logger.warning,
                          tell=lambda text: driver_notice(cockpit, text))
    engine = ProfileEngine.install(cockpit, sync.store)
    sync.attach(engine)
    cockpit.add_system(sync.step)
    return engine, sync
