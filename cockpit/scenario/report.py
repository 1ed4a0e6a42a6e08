"""report.html: one self-contained file (no scripts, no network) for one run or runs side by side.

It holds the timeline with each step's outcome, every expectation passed or failed with the
expected and actual values, the screenshots inline as base64 data URIs (side by side per step when
several profiles ran), and plots of speed, battery and cabin temperature drawn here as inline SVG,
one line per run.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Sequence
from html import escape
from pathlib import Path

from cockpit.atomic import write_atomic
from cockpit.scenario.recorder import PLOTTED
from cockpit.scenario.runner import RunResult, StepResult

COLOURS = ("#1565c0", "#e4572e", "#2e7d32", "#8e24aa")
TITLES = {"speed": "Speed", "battery": "Battery (state of charge)", "cabin": "Cabin temperature"}
PLOT_W, PLOT_H, MARGIN = 900, 220, 48

STYLE = """
body{font-family:system-ui,sans-serif;margin:24px;color:#1c2430;background:#f6f7f9}
h1{margin-bottom:4px} .muted{color:#5b6573}
table{border-collapse:collapse;width:100%;background:#fff;margin:12px 0}
th,td{border:1px solid #dde1e6;padding:6px 8px;vertical-align:top;text-align:left;font-size:14px}
th{background:#eef1f4} .passed{color:#2e7d32} .failed{color:#c62828;font-weight:600}
.diff{font-family:ui-monospace,monospace;white-space:pre-wrap;color:#1c2430;font-weight:400}
.shots{display:flex;gap:12px;flex-wrap:wrap} figure{margin:0;flex:1;min-width:300px}
img.screenshot{width:100%;border:1px solid #ccd;border-radius:6px}
svg.plot{background:#fff;border:1px solid #dde1e6;border-radius:6px;margin:8px 0;max-width:100%}
.legend span{display:inline-block;margin-right:16px} .swatch{display:inline-block;width:12px;
height:12px;border-radius:2px;margin-right:4px;vertical-align:middle}
"""


def write_report(runs: Sequence[RunResult], folder: Path) -> Path:
    """Write folder/report.html for one run, or for several runs of one scenario side by side."""
    path = folder / "report.html"
    write_atomic(path, render(runs))
    return path


def render(runs: Sequence[RunResult]) -> str:
    scenario = runs[0].scenario
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(scenario.name)}"
             f"</title><style>{STYLE}</style></head><body>",
             f"<h1>{escape(scenario.name)}</h1><p class='muted'>{escape(scenario.description)}</p>",
             _results(runs), _legend(runs), "<h2>Timeline</h2>", _timeline(runs), "<h2>Signals</h2>"]
    parts.extend(plot(runs, name) for name in PLOTTED)
    parts.extend(["<h2>What happened</h2>", _moments(runs), "</body></html>"])
    return "\n".join(parts)


def _results(runs: Sequence[RunResult]) -> str:
    rows = []
    for run in runs:
        verdicts = run.verdicts
        good = sum(1 for v in verdicts if v.passed)
        state = "failed" if run.failed else "passed"
        rows.append(f"<tr class='run {state}'><td>{escape(run.label)}</td><td class='{state}'>{state}</td>"
                    f"<td>{good}/{len(verdicts)} expectations</td>"
                    f"<td>{run.scenario.duration:.1f} s simulated in {run.wall_s:.2f} s</td></tr>")
    return ("<table class='results'><tr><th>Run</th><th>Result</th><th>Expectations</th><th>Time</th></tr>"
            + "".join(rows) + "</table>")


def _legend(runs: Sequence[RunResult]) -> str:
    if len(runs) < 2:
        return ""
    items = "".join(f"<span><i class='swatch' style='background:{COLOURS[i % len(COLOURS)]}'></i>"
                    f"{escape(run.label)}</span>" for i, run in enumerate(runs))
    return f"<p class='legend'>{items}</p>"


def _timeline(runs: Sequence[RunResult]) -> str:
    heads = "".join(f"<th>{escape(run.label)}</th>" for run in runs)
    rows = [f"<table class='timeline'><tr><th>#</th><th>Time</th><th>Step</th>{heads}</tr>"]
    for index, step in enumerate(runs[0].steps):
        cells = "".join(_cell(run.steps[index]) if index < len(run.steps) else "<td></td>" for run in runs)
        rows.append(f"<tr class='step'><td>{step.index}</td><td>{step.time:.1f} s</td>"
                    f"<td>{escape(step.description)}</td>{cells}</tr>")
        shots = [run.steps[index].screenshot for run in runs if index < len(run.steps)]
        if any(shot is not None for shot in shots):
            rows.append(f"<tr class='screenshots'><td colspan='3'></td><td colspan='{len(runs)}'>"
                        f"<div class='shots'>{''.join(_figure(run, index) for run in runs)}</div></td></tr>")
    rows.append("</table>")
    return "\n".join(rows)


def _moments(runs: Sequence[RunResult]) -> str:
    """Notices, refusals, driver changes, assistant replies and home changes, per run, in time order."""
    columns = []
    for run in runs:
        rows = "".join(f"<tr><td>{time:.1f} s</td><td>{escape(text)}</td></tr>" for time, text in run.moments)
        columns.append(f"<div style='flex:1;min-width:300px'><h3>{escape(run.label)}</h3>"
                       f"<table class='moments'><tr><th>Time</th><th>Event</th></tr>{rows}</table></div>")
    return f"<div class='shots'>{''.join(columns)}</div>"


def _cell(step: StepResult) -> str:
    lines = [f"<div>{escape(step.outcome)}</div>"] if step.outcome else []
    if step.error:
        lines.append(f"<div class='failed'>error: {escape(step.error)}</div>")
    for verdict in step.verdicts:
        state = "passed" if verdict.passed else "failed"
        mark = "✓" if verdict.passed else "✗"
        detail = "" if verdict.passed else f"<div class='diff'>{escape(verdict.diff())}</div>"
        lines.append(f"<div class='expectation {state}'>{mark} {escape(verdict.expectation)}"
                     f"<span class='muted'> (actual {escape(verdict.actual)})</span>{detail}</div>")
    return f"<td>{''.join(lines)}</td>"


def _figure(run: RunResult, index: int) -> str:
    shot = run.steps[index].screenshot
    if shot is None or not shot.is_file():
        return ""
    data = base64.b64encode(shot.read_bytes()).decode("ascii")
    return (f"<figure><img class='screenshot' alt='{escape(shot.stem)}' src='data:image/png;base64,{data}'>"
            f"<figcaption>{escape(run.label)}: {escape(shot.stem)}</figcaption></figure>")


def plot(runs: Sequence[RunResult], name: str) -> str:
    """One SVG line chart of a sampled signal, one polyline per run, with axes and ticks."""
    unit = PLOTTED[name][1]
    series = [(run.samples.times, run.samples.series[name]) for run in runs]
    t_max = max((times[-1] for times, _ in series if times), default=1.0) or 1.0
    values = [v for _, vs in series for v in vs] or [0.0]
    low, high = _nice_range(min(values), max(values))
    width, height = PLOT_W - 2 * MARGIN, PLOT_H - 2 * MARGIN

    def x(t: float) -> float:
        return MARGIN + width * t / t_max

    def y(v: float) -> float:
        return MARGIN + height * (1 - (v - low) / (high - low))

    parts = [f"<svg class='plot' data-signal='{name}' xmlns='http://www.w3.org/2000/svg' width='{PLOT_W}' "
             f"height='{PLOT_H}' viewBox='0 0 {PLOT_W} {PLOT_H}' role='img'>",
             f"<title>{TITLES[name]} over time</title>",
             f"<text x='{MARGIN}' y='20' font-size='14' font-weight='600'>{TITLES[name]} "
             f"[{escape(unit)}]</text>"]
    for tick in _ticks(low, high):
        parts.append(f"<line x1='{MARGIN}' x2='{PLOT_W - MARGIN}' y1='{y(tick):.1f}' y2='{y(tick):.1f}' "
                     f"stroke='#e5e8ec'/><text x='{MARGIN - 6}' y='{y(tick) + 4:.1f}' font-size='11' "
                     f"text-anchor='end'>{tick:g}</text>")
    for tick in _ticks(0.0, t_max):
        parts.append(f"<text x='{x(tick):.1f}' y='{PLOT_H - MARGIN + 16}' font-size='11' "
                     f"text-anchor='middle'>{tick:g} s</text>")
    parts.append(f"<line x1='{MARGIN}' x2='{MARGIN}' y1='{MARGIN}' y2='{PLOT_H - MARGIN}' stroke='#5b6573'/>"
                 f"<line x1='{MARGIN}' x2='{PLOT_W - MARGIN}' y1='{PLOT_H - MARGIN}' y2='{PLOT_H - MARGIN}' "
                 f"stroke='#5b6573'/>")
    for i, (times, vs) in enumerate(series):
        points = " ".join(f"{x(t):.1f},{y(v):.1f}" for t, v in zip(times, vs, strict=True))
        parts.append(f"<polyline class='series' data-run='{escape(runs[i].label)}' fill='none' "
                     f"stroke='{COLOURS[i % len(COLOURS)]}' stroke-width='2' points='{points}'/>")
    parts.append("</svg>")
    return "".join(parts)


def _nice_range(low: float, high: float) -> tuple[float, float]:
    if math.isclose(low, high):
        return low - 1.0, high + 1.0
    pad = (high - low) * 0.05
    return low - pad, high + pad


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten) covering low..high."""
    span = high - low
    raw = span / count
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    return [round(first + i * step, 10) for i in range(int((high - first) / step) + 1)]
