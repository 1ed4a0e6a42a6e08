"""The report's pictures of time, as inline SVG (no script): a strip of the steps and one plot per
plotted signal, all on the same time axis, with the moments a person would notice marked on each.

Numbers are drawn in the units of the first run's driver; gears, switches and choices as steps
between their names (P R N D, off/on). Hover text is SVG `<title>`: the browser shows it as a
tooltip on markers, points and lines. Markers and step ticks link to their row of the timeline.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from cockpit.core import signals as sig
from cockpit.core.signals import DataType, Value
from cockpit.i18n import N_
from cockpit.scenario.recorder import Moment
from cockpit.scenario.runner import RunResult
from cockpit.scenario.words import Wording

WIDTH, HEIGHT, STRIP_H = 1000, 190, 44
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 30, 26
MARKED = {
    "driver": ("#6a1b9a", N_("Driver change")),
    "refusal": ("#c62828", N_("Refusal")),
    "reply": ("#00838f", N_("Assistant reply")),
    "routine": ("#ef6c00", N_("Home routine")),
    "arrival": ("#2e7d32", N_("Arrival")),
}
HOVER_POINTS = 120  # points with hover text per line, at most


class TimeAxis:
    """Simulated seconds to x, the same for the strip and every plot."""

    def __init__(self, duration: float) -> None:
        self.end = duration if duration > 0 else 1.0

    def x(self, t: float) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * min(max(t, 0.0), self.end) / self.end

    def ticks(self) -> str:
        return "".join(
            f"<text x='{self.x(t):.1f}' y='{HEIGHT - 8}' class='tick' text-anchor='middle'>{t:g} s</text>"
            for t in nice_ticks(0.0, self.end, 8)
        )


def colour_of(run: RunResult, index: int) -> str:
    """The run's driver's avatar colour (a fallback when the run has none)."""
    return f"#{run.colour}" if run.colour else ("#455a64", "#8d6e63", "#546e7a", "#6d4c41")[index % 4]


def step_strip(runs: Sequence[RunResult], w: Wording) -> str:
    """Each step of the first run as a tick at its time, linked to its row of the timeline."""
    axis = TimeAxis(runs[0].scenario.duration)
    parts = [
        f"<svg class='strip' viewBox='0 0 {WIDTH} {STRIP_H}' role='img'><title>{escape(w(N_('Steps')))}"
        f"</title><line x1='{LEFT}' x2='{WIDTH - RIGHT}' y1='30' y2='30' class='axis'/>"
        f"<text x='{LEFT - 8}' y='34' class='tick' text-anchor='end'>{escape(w(N_('Steps')))}</text>"
    ]
    last_label = -1e9
    for step in runs[0].steps:
        x = axis.x(step.time)
        label = ""
        if x - last_label >= 16:
            label, last_label = (
                f"<text x='{x:.1f}' y='16' class='tick' text-anchor='middle'>{step.index}</text>",
                x,
            )
        state = (
            "failed"
            if any(run.steps[step.index - 1].failed for run in runs if step.index <= len(run.steps))
            else "step"
        )
        parts.append(
            f"<a href='#step-{step.index}'><g class='{state}'><title>{step.index} · {step.time:g} s · "
            f"{escape(step.description)}</title><line x1='{x:.1f}' x2='{x:.1f}' y1='22' y2='38'/>"
            f"{label}</g></a>"
        )
    parts.append("</svg>")
    return "".join(parts)


def plot(runs: Sequence[RunResult], path: str, w: Wording) -> str:
    """One signal over time: a line per run, in its driver's colour, and the marked moments."""
    axis = TimeAxis(runs[0].scenario.duration)
    spec = sig.CATALOGUE[path]
    values = [value for run in runs for value in run.samples.series.get(path, [])]
    categories = _categories(path, values)
    if categories is None:
        numbers = [w.convert(float(v), spec.unit)[0] for v in values] or [0.0]
        low, high = _padded(min(numbers), max(numbers))
        unit = w.convert(0.0, spec.unit)[1]
        ticks = [(tick, f"{tick:g}") for tick in nice_ticks(low, high, 4)]
    else:
        low, high, unit = -0.5, len(categories) - 0.5, ""
        ticks = [(float(index), w.value(path, category)) for index, category in enumerate(categories)]

    def y(value: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (value - low) / (high - low))

    def position(value: Value) -> float:
        if categories is None:
            return w.convert(float(value), spec.unit)[0]
        return float(categories.index(value))

    title = w.signal(path) + (f" [{unit}]" if unit else "")
    parts = [
        f"<svg class='plot' data-signal='{escape(path)}' viewBox='0 0 {WIDTH} {HEIGHT}' role='img'>"
        f"<title>{escape(title)}</title><text x='{LEFT}' y='18' class='title'>{escape(title)}</text>"
    ]
    for value, label in ticks:
        parts.append(
            f"<line x1='{LEFT}' x2='{WIDTH - RIGHT}' y1='{y(value):.1f}' y2='{y(value):.1f}' "
            f"class='grid'/><text x='{LEFT - 8}' y='{y(value) + 4:.1f}' class='tick' "
            f"text-anchor='end'>{escape(label)}</text>"
        )
    parts.append(axis.ticks())
    parts.append(
        f"<line x1='{LEFT}' x2='{WIDTH - RIGHT}' y1='{HEIGHT - BOTTOM}' y2='{HEIGHT - BOTTOM}' class='axis'/>"
    )
    for index, run in enumerate(runs):
        times, series = run.samples.times, run.samples.series.get(path, [])
        points = [(axis.x(t), y(position(v))) for t, v in zip(times, series, strict=False)]
        if categories is not None:  # a step line: the value holds until the next sample
            points = [
                p for a, b in zip(points, points[1:] + points[-1:], strict=True) for p in (a, (b[0], a[1]))
            ]
        colour = colour_of(run, index)
        drawn = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(
            f"<polyline class='series' data-run='{escape(run.label)}' stroke='{colour}' "
            f"points='{drawn}'><title>{escape(run.label)}</title></polyline>"
        )
        every = max(1, math.ceil(len(times) / HOVER_POINTS))
        for t, v in list(zip(times, series, strict=False))[::every]:
            parts.append(
                f"<circle class='hover' cx='{axis.x(t):.1f}' cy='{y(position(v)):.1f}' r='5'>"
                f"<title>{escape(run.label)} · {t:g} s · {escape(w.value(path, v))}</title></circle>"
            )
    parts.extend(_markers(runs, axis, w))
    parts.append("</svg>")
    return "".join(parts)


def _markers(runs: Sequence[RunResult], axis: TimeAxis, w: Wording) -> list[str]:
    """A dashed line at each marked moment, a dot in the run's colour, hover text, a link to its step."""
    parts = []
    for index, run in enumerate(runs):
        steps = {id(moment): step.index for step in run.steps for moment in step.moments}
        for moment in run.moments:
            if moment.kind not in MARKED:
                continue
            colour, kind = MARKED[moment.kind]
            x = axis.x(moment.time)
            link = f"#step-{steps[id(moment)]}" if id(moment) in steps else "#timeline"
            parts.append(
                f"<a href='{link}'><g class='marker' data-kind='{moment.kind}'><title>{moment.time:g} s · "
                f"{escape(run.label)} · {escape(w(kind))}{_what(moment)}</title>"
                f"<line x1='{x:.1f}' x2='{x:.1f}' y1='{TOP}' y2='{HEIGHT - BOTTOM}' stroke='{colour}'/>"
                f"<circle cx='{x:.1f}' cy='{TOP - 4 + 8 * index}' r='5' fill='{colour}' "
                f"stroke='{colour_of(run, index)}'/></g></a>"
            )
    return parts


def _what(moment: Moment) -> str:
    return f": {escape(moment.text)}" if moment.text else ""


def _categories(path: str, values: list[Value]) -> list[Value] | None:
    """The named values a gear, switch or choice took, in a fixed order; None for a number."""
    spec = sig.CATALOGUE[path]
    if spec.datatype is DataType.BOOL:
        return [False, True]
    if path in (sig.SELECTED_GEAR, sig.CURRENT_GEAR):
        return [gear for gear in sig.GEAR_LETTERS if gear in values] or [sig.GEAR_PARK]
    if spec.datatype is DataType.STRING:
        order: list[Value] = list(spec.allowed or ())
        return [value for value in order if value in values] or order[:1]
    return None


def _padded(low: float, high: float) -> tuple[float, float]:
    if math.isclose(low, high):
        return low - 1.0, high + 1.0
    pad = (high - low) * 0.08
    return low - pad, high + pad


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten) covering low..high."""
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    return [round(first + i * step, 10) for i in range(int((high - first) / step + 1e-9) + 1)]
