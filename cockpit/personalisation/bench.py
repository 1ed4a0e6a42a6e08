"""`cockpit bench profile-switch`: ApplyProfile submitted -> every setting applied in state (targets).

Alternates between the two shipped adults, who differ in nearly every setting, so each switch
submits a full diff. The check that every target arrived runs after the clock stops.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from cockpit.bench import Metric
from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import ApplyProfile
from cockpit.personalisation.engine import ProfileEngine, day_or_night
from cockpit.personalisation.learned import LearnedStore
from cockpit.personalisation.store import ProfileStore

SWITCHES = 1000
PAIR = ("alice", "bernd")
BUDGET_MS = 1.0


def run(switches: int = SWITCHES, profiles_dir: Path | None = None) -> list[Metric]:
    """Median and p99 of one switch, in ms; raises RuntimeError if a switch left a setting behind."""
    metric = Metric("switch", "ms", budget=BUDGET_MS)
    with tempfile.TemporaryDirectory() as state:
        cockpit = Cockpit()
        engine = ProfileEngine.install(cockpit, ProfileStore(profiles_dir, LearnedStore(Path(state))))
        engine.ensure_loaded()
        for index in range(switches):
            profile_id = PAIR[index % 2]
            command = ApplyProfile(profile_id)
            start = time.perf_counter_ns()
            outcome = cockpit.submit(command)
            metric.samples.append((time.perf_counter_ns() - start) / 1e6)
            _verify(cockpit, engine, profile_id, outcome.applied)
    return [metric]


def _verify(cockpit: Cockpit, engine: ProfileEngine, profile_id: str, applied: bool) -> None:
    compiled = engine.store.compiled(profile_id)
    wanted = {**compiled.targets, sig.DAY_NIGHT: day_or_night(compiled.theme, cockpit.clock.time_of_day()),
              sig.DRIVER_ID: profile_id}
    behind = [path for path, value in wanted.items() if cockpit.target(path) != value]
    if not applied or behind or cockpit.policy.restrictions != compiled.restrictions:
        raise RuntimeError(f"switch to {profile_id} incomplete: {behind}")
