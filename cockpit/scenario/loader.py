"""Reading scenario files with positions: every problem as `file:line:col: field: message`, all at once.

Reuses the profiles' positioned-YAML reader (cockpit.yaml_source), so a scenario and a
profile report their mistakes the same way.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from pydantic import ValidationError

from cockpit.core.errors import ScenarioError, brief
from cockpit.scenario.schema import MAX_SECONDS, Scenario
from cockpit.scenario.steps import ProfileStep
from cockpit.yaml_source import Document, Problem, read_document, validation_problems


def check(path: Path, profiles: Collection[str] | None = None) -> tuple[Scenario | None, list[Problem]]:
    """Parse and validate one file; returns the scenario, or None and every problem found.

    `profiles` are the ids of the profiles a run would have (None: do not check profile names).
    """
    document, problems = read_document(path, str(path), kind="scenario", expected="name and steps")
    if document is None:
        return None, problems
    try:
        scenario = Scenario.model_validate(document.data)
    except ValidationError as error:
        return None, validation_problems(document, error, Scenario)
    problems = _timeline_problems(document, scenario)
    if profiles is not None:
        problems += _profile_problems(document, scenario, profiles)
    return (None, problems) if problems else (scenario, [])


def _profile_problems(document: Document, scenario: Scenario, profiles: Collection[str]) -> list[Problem]:
    """A profile the run would not find: at the start it cannot begin, in a step it does nothing."""
    known = ", ".join(sorted(profiles)) or "none"
    places: list[tuple[tuple[str | int, ...], str | None]] = [(("start", "profile"), scenario.start.profile)]
    places += [(("steps", index, "profile"), step.profile) for index, step in enumerate(scenario.steps)
               if isinstance(step, ProfileStep)]
    return [document.problem(loc, f"unknown profile {brief(name)}; known: {known}")
            for loc, name in places if name is not None and name not in profiles]


def _timeline_problems(document: Document, scenario: Scenario) -> list[Problem]:
    """Steps must not go back in time (an `at` before the previous step's time is a mistake), and
    the whole run must end within MAX_SECONDS of simulated time (`after` and `wait` add up)."""
    problems, previous = [], 0.0
    for index, (step, time) in enumerate(zip(scenario.steps, scenario.times(), strict=True)):
        if step.at is not None and step.at < previous:
            problems.append(document.problem(("steps", index, "at"), f"at {step.at:g} s is before the "
                                              f"previous step's time {previous:g} s"))
        previous = time + step.waits_s
        if previous + step.holds_s > MAX_SECONDS:
            problems.append(document.problem(("steps", index), f"the scenario would run past "
                                             f"{MAX_SECONDS / 3600:g} h of simulated time here "
                                             f"(t = {previous:g} s); split it into shorter ones"))
            break
    return problems


def load(paths: Sequence[Path], profiles: Collection[str] | None = None
         ) -> tuple[list[tuple[Path, Scenario]], list[Problem]]:
    """Load every file; returns the valid scenarios and every problem of every file."""
    loaded, problems = [], []
    for path in paths:
        scenario, found = check(path, profiles)
        problems.extend(found)
        if scenario is not None:
            loaded.append((path, scenario))
    return loaded, problems


def load_one(path: Path) -> Scenario:
    """One valid scenario; raises ScenarioError listing its problems."""
    scenario, problems = check(path)
    if scenario is None:
        raise ScenarioError("\n".join(str(problem) for problem in problems))
    return scenario
