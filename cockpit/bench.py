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
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cockpit.core.errors import CockpitError, InvalidInput

# name -> "module:function"; the function takes no arguments and returns list[Metric].
BENCHMARKS: dict[str, str] = {
    "vehicle": "cockpit.vehicle.bench:run",
    "profile-switch": "cockpit.personalisation.bench:run",
    "render": "cockpit.ui.bench:run",
    "intents": "cockpit.assistants.bench:run",
    "mqtt": "cockpit.home.bench:run",
    "scenario": "cockpit.scenario.bench:run",
    "fleet": "cockpit.fleet.bench:run",
    "vss": "cockpit.vss.bench:run",
    "voice": "cockpit.assistants.speech.bench:run",
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
    """Run the named benchmarks (all when empty); raises InvalidInput for an unknown name.

    One benchmark runs in this process; several run one after another, each in a fresh process,
    so that what one leaves behind (threads, a large heap) does not skew the next.
    """
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        raise InvalidInput(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(sorted(BENCHMARKS))}")
    chosen = list(names) or sorted(BENCHMARKS)
    for name in chosen:
        result = _measure(name) if len(chosen) == 1 else _measure_in_child(name)
        out(json.dumps(result) if as_json else "\n".join(_text(result)))


def _measure(name: str) -> dict[str, Any]:
    module_name, _, function_name = BENCHMARKS[name].partition(":")
    metrics: list[Metric] = getattr(importlib.import_module(module_name), function_name)()
    return {"bench": name, "metrics": {m.name: m.to_dict() for m in metrics}, "machine": machine()}


def _measure_in_child(name: str) -> dict[str, Any]:
    """Run one benchmark in a fresh `cockpit bench NAME --json`; raises CockpitError if it fails."""
    child = subprocess.run([sys.executable, "-m", "cockpit", "bench", name, "--json"],
                           capture_output=True, text=True, check=False)
    if child.returncode != 0:
        raise CockpitError(f"benchmark {name} failed: {child.stderr.strip()[-2000:]}")
    result: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    return result


def _text(result: Mapping[str, Any]) -> list[str]:
    lines = [f"{result['bench']}:"]
    for name, metric in result["metrics"].items():
        unit = metric["unit"]
        ratio = (f"  ratio {metric['ratio']:.2f} of the {metric['budget_on']} budget {metric['budget']:g}"
                 if "ratio" in metric else "")
        lines.append(f"  {name:<24} median {metric['median']:10.4f} {unit:<5} "
                     f"p99 {metric['p99']:10.4f} {unit:<5}{ratio}")
    return lines
