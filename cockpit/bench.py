"""`cockpit bench`: benchmarks that measure the budgets in DESIGN.md.

Each benchmark lives with its part as a function returning a list of `Metric`s; this module runs
them on one core and prints medians, p99s and the ratio to each budget (below 1.0 is within it).
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cockpit.core.errors import InvalidInput

# name -> "module:function"; the function takes no arguments and returns list[Metric].
BENCHMARKS: dict[str, str] = {
    "vehicle": "cockpit.vehicle.bench:run",
    "profile-switch": "cockpit.personalisation.bench:run",
    "render": "cockpit.ui.bench:run",
    "intents": "cockpit.assistants.bench:run",
    "mqtt": "cockpit.home.bench:run",
    "scenario": "cockpit.scenario.bench:run",
}


@dataclass(slots=True)
class Metric:
    """Samples of one measured quantity, with the budget it must stay within (if any)."""

    name: str
    unit: str
    samples: list[float] = field(default_factory=list)
    budget: float | None = None
    budget_on: str = "median"  # or "p99": which statistic the budget limits

    @property
    def ratio(self) -> float | None:
        """The budgeted statistic over the budget: below 1.0 is within it."""
        if self.budget is None:
            return None
        return (self.p99 if self.budget_on == "p99" else self.median) / self.budget

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p99(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"median": round(self.median, 6), "p99": round(self.p99, 6),
                                   "unit": self.unit, "samples": len(self.samples)}
        ratio = self.ratio
        if ratio is not None:
            data["budget"] = self.budget
            data["budget_on"] = self.budget_on
            data["ratio"] = round(ratio, 4)
        return data


def machine() -> dict[str, object]:
    """What the numbers were measured on."""
    return {"platform": platform.platform(), "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(), "cpus": os.cpu_count(),
            "pinned_to_one_core": hasattr(os, "sched_getaffinity") and len(os.sched_getaffinity(0)) == 1}


def pin_to_one_core() -> None:
    """Run this process (and what it spawns) on one core, as the budgets are stated; Linux only."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})


def run(names: Sequence[str], as_json: bool, out: Callable[[str], None] = print) -> None:
    """Run the named benchmarks (all when empty); raises InvalidInput for an unknown name."""
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        raise InvalidInput(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(sorted(BENCHMARKS))}")
    info = machine()
    for name in names or sorted(BENCHMARKS):
        module_name, _, function_name = BENCHMARKS[name].partition(":")
        metrics: list[Metric] = getattr(importlib.import_module(module_name), function_name)()
        if as_json:
            out(json.dumps({"bench": name, "metrics": {m.name: m.to_dict() for m in metrics},
                            "machine": info}))
            continue
        out(f"{name}:")
        for metric in metrics:
            ratio = f"  ratio {metric.ratio:.2f} of the {metric.budget_on} budget {metric.budget:g}" \
                if metric.ratio is not None else ""
            out(f"  {metric.name:<24} median {metric.median:10.4f} {metric.unit:<5} "
                f"p99 {metric.p99:10.4f} {metric.unit:<5}{ratio}")
