"""report.html: one scenario's runs as a UX researcher presents them in a design review.

One page, no script, nothing from the network: who drove (each run named by its driver, in their
avatar colour everywhere), the result, a filmstrip of every screenshot in time order (thumbnails
link to the full-resolution PNGs beside the report), the timeline with each step in words (the
step as written one click away, in <details>) and each run's outcome side by side — a step that
passed for one driver and failed for the other stands out, values that differ are marked — with
"What changed" at each driver change, then the plotted signals on the timeline's time axis with
the moments marked, and everything that happened. Words are in the report's language; whatever a
user wrote (names, utterances, profile names) is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from cockpit.atomic import write_atomic
from cockpit.i18n import N_
from cockpit.scenario.plots import MARKED, colour_of, plot, step_strip
from cockpit.scenario.recorder import Moment
from cockpit.scenario.runner import RunResult, StepResult
from cockpit.scenario.words import Wording

KIND_WORDS = {
    **{kind: label for kind, (_colour, label) in MARKED.items()},
    "notice": N_("Notice"),
    "home": N_("Home"),
}
STYLE = """
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;padding:24px;max-width:1600px; color:#1c2430;
background:#f6f7f9} h1{margin:0 0 4px;font-size:26px} h2{margin:28px 0 8px;font-size:19px}
.muted{color:#5b6573}
table{border-collapse:collapse;width:100%;background:#fff;margin:8px 0;table-layout:fixed}
th,td{border:1px solid #dde1e6;padding:6px 8px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#eef1f4;font-weight:600} .num{white-space:nowrap;width:5.5em} .idx{width:3em}
.passed{color:#2e7d32} .failed{color:#c62828;font-weight:600} .state{font-weight:700}
.diff{font:13px/1.4 ui-monospace,monospace;white-space:pre-wrap;color:#1c2430;font-weight:400;
margin:2px 0 4px 18px} tr.differs>td:first-child{box-shadow:inset 4px 0 #f9a825}
tr.differs{background:#fffbe6}
.badge{display:inline-block;border-radius:9px;padding:0 7px;font-size:12px;font-weight:600;color:#fff;
margin-right:4px} mark{background:#ffe082;padding:0 2px} details summary{cursor:pointer}
details code{display:block;margin-top:4px; font:12px ui-monospace,monospace;color:#37474f;
background:#f1f3f5;padding:4px 6px;white-space:pre-wrap} .driver{white-space:nowrap}
.swatch{display:inline-block;width:12px;height:12px;border-radius:50%;margin-right:6px;
vertical-align:-1px} th.run{border-top:4px solid var(--c)} td.run{border-left:3px solid var(--c)}
.film{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:12px}
figure{margin:0;background:#fff;border:1px solid #dde1e6;border-radius:8px;overflow:hidden}
figure img{display:block;width:100%;height:auto;aspect-ratio:8/3;background:#111}
figcaption{padding:6px 8px;font-size:13px;border-top:4px solid var(--c)} .shots{display:flex;gap:8px}
.shots figure{flex:1;max-width:640px} .changes{margin:6px 0 0}
.changes td,.changes th{font-size:13px;padding:3px 6px} .changes .group{font-weight:600;color:#4a5663}
.moment{font-size:13px;margin:3px 0}
svg{display:block;width:100%;height:auto;background:#fff; border:1px solid #dde1e6;border-radius:6px;
margin:6px 0} svg .tick{font-size:12px;fill:#5b6573}
svg .title{font-size:14px;font-weight:600;fill:#1c2430} svg .grid{stroke:#eceff2}
svg .axis{stroke:#5b6573} svg .series{fill:none;stroke-width:2.5}
svg .hover{fill:transparent;stroke:none} svg .hover:hover{fill:#1c2430}
svg .marker line{stroke-dasharray:4 3;stroke-width:1.5} svg .marker circle{stroke-width:2}
svg .step line{stroke:#5b6573} svg .failed line{stroke:#c62828;stroke-width:3}
svg .failed text{fill:#c62828} .legend span{display:inline-block;margin-right:16px;white-space:nowrap}
"""


def write_report(runs: Sequence[RunResult], folder: Path) -> Path:
    """Write folder/report.html for one run, or for several runs of one scenario side by side."""
    path = folder / "report.html"
    write_atomic(path, render(runs, folder))
    return path


def render(runs: Sequence[RunResult], folder: Path | None = None) -> str:
    """The page; screenshots are linked relative to `folder` (where the report is written)."""
    scenario, w = runs[0].scenario, Wording.for_language(runs[0].language)
    meta = w(N_("{seconds} simulated · {runs} run(s)"), seconds=w.seconds(scenario.duration), runs=len(runs))
    return "\n".join(
        [
            f"<!DOCTYPE html><html lang='{escape(runs[0].language)}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(scenario.name)}</title><style>{STYLE}</style></head><body>",
            f"<h1>{escape(scenario.name)}</h1><p class='muted'>{escape(scenario.description)}</p>"
            f"<p class='muted'>{escape(meta)}</p>",
            _results(runs, w),
            f"<h2>{escape(w(N_('Screenshots')))}</h2>",
            filmstrip(runs, folder, w),
            f"<h2 id='timeline'>{escape(w(N_('Timeline')))}</h2>",
            _timeline(runs, folder, w),
            f"<h2>{escape(w(N_('Signals')))}</h2>",
            _marker_legend(w),
            step_strip(runs, w),
            *(plot(runs, path, w) for path in scenario.plot),
            f"<h2>{escape(w(N_('What happened')))}</h2>",
            _moments(runs, w),
            "</body></html>",
        ]
    )


def driver(run: RunResult, index: int) -> str:
    """The run's driver by name, with their avatar colour."""
    return (
        f"<span class='driver'><i class='swatch' style='background:{colour_of(run, index)}'></i>"
        f"{escape(run.label)}</span>"
    )


def result_word(failed: bool, w: Wording) -> str:
    return (
        f"<span class='state failed'>{escape(w(N_('failed')))}</span>"
        if failed
        else f"<span class='state passed'>{escape(w(N_('passed')))}</span>"
    )


def _results(runs: Sequence[RunResult], w: Wording) -> str:
    rows = []
    for index, run in enumerate(runs):
        good = sum(1 for verdict in run.verdicts if verdict.passed)
        drove = ", ".join(escape(name) for name in run.drivers[1:])
        rows.append(
            f"<tr class='run'><td>{driver(run, index)}{' → ' + drove if drove else ''}</td>"
            f"<td>{result_word(run.failed, w)}</td><td>{good}/{len(run.verdicts)}</td>"
            f"<td class='num'>{escape(w.seconds(run.scenario.duration))}</td>"
            f"<td class='num'>{run.wall_s:.1f} s</td></tr>"
        )
    heads = (N_("Driver"), N_("Result"), N_("Expectations met"), N_("Simulated"), N_("Run time"))
    return (
        "<table class='results'><tr>"
        + "".join(f"<th>{escape(w(head))}</th>" for head in heads)
        + "</tr>"
        + "".join(rows)
        + "</table>"
    )


def screenshots(runs: Sequence[RunResult]) -> list[tuple[float, int, StepResult]]:
    """Every screenshot of every run, in time order: (time, run index, step)."""
    shots = [
        (step.time, index, step)
        for index, run in enumerate(runs)
        for step in run.steps
        if step.screenshot is not None and step.screenshot.is_file()
    ]
    return sorted(shots, key=lambda shot: (shot[0], shot[1]))


def filmstrip(runs: Sequence[RunResult], folder: Path | None, w: Wording) -> str:
    figures = [
        _figure(runs[index], index, step, folder, with_time=True) for _t, index, step in screenshots(runs)
    ]
    return (
        f"<div class='film'>{''.join(figures)}</div>" if figures else f"<p class='muted'>{w(N_('None'))}</p>"
    )


def _figure(
    run: RunResult, index: int, step: StepResult, folder: Path | None, with_time: bool = False
) -> str:
    assert step.screenshot is not None
    href = escape(_relative(step.screenshot, folder))
    name = escape(step.screenshot.stem.replace("_", " "))
    when = f"{step.time:g} s · " if with_time else ""
    return (
        f"<figure style='--c:{colour_of(run, index)}'><a href='{href}'><img src='{href}' alt='{name}' "
        f"width='1920' height='720'></a><figcaption>{when}{driver(run, index)} · {name} · "
        f"<a href='#step-{step.index}'>#{step.index}</a></figcaption></figure>"
    )


def _relative(path: Path, folder: Path | None) -> str:
    if folder is None:
        return path.as_uri()
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_uri()


def _timeline(runs: Sequence[RunResult], folder: Path | None, w: Wording) -> str:
    heads = "".join(
        f"<th class='run' style='--c:{colour_of(run, i)}'>{driver(run, i)}</th>" for i, run in enumerate(runs)
    )
    rows = [
        f"<table class='timeline'><tr><th class='idx'>#</th><th class='num'>{escape(w(N_('Time')))}</th>"
        f"<th>{escape(w(N_('Step')))}</th>{heads}</tr>"
    ]
    for position, step in enumerate(runs[0].steps):
        same = [run.steps[position] for run in runs if position < len(run.steps)]
        differs = len(runs) > 1 and len({result.failed for result in same}) > 1
        cells = "".join(
            _cell(run, i, run.steps[position], [s for s in same if s is not run.steps[position]], w)
            if position < len(run.steps)
            else "<td></td>"
            for i, run in enumerate(runs)
        )
        mark = (
            f" <span class='badge' style='background:#f9a825'>{escape(w(N_('differs')))}</span>"
            if differs
            else ""
        )
        rows.append(
            f"<tr id='step-{step.index}' class='step{' differs' if differs else ''}'><td>{step.index}</td>"
            f"<td class='num'>{step.time:g} s</td><td><details><summary>{escape(step.description)}{mark}"
            f"</summary><code>{escape(step.raw)}</code></details></td>{cells}</tr>"
        )
        if any(result.screenshot is not None for result in same):
            figures = "".join(
                _figure(run, i, run.steps[position], folder)
                for i, run in enumerate(runs)
                if position < len(run.steps) and _has_picture(run.steps[position])
            )
            rows.append(
                f"<tr class='screenshots'><td colspan='3'></td><td colspan='{len(runs)}'>"
                f"<div class='shots'>{figures}</div></td></tr>"
            )
    rows.append("</table>")
    return "\n".join(rows)


def _has_picture(step: StepResult) -> bool:
    return step.screenshot is not None and step.screenshot.is_file()


def _cell(run: RunResult, index: int, step: StepResult, others: list[StepResult], w: Wording) -> str:
    """One run's outcome of a step: what happened, each expectation, values that differ marked."""
    lines = []
    if step.description != _first_description(others, step):
        lines.append(f"<div class='muted'>{escape(step.description)}</div>")
    if step.outcome:  # at a driver change, "What changed" below says what the outcome lists
        changed = any(moment.kind == "driver" and moment.changes for moment in step.moments)
        lines.append(f"<div>{escape(step.outcome.split(':', 1)[0] if changed else step.outcome)}</div>")
    if step.error:
        lines.append(f"<div class='failed'>{escape(w(N_('error')))}: {escape(step.error)}</div>")
    for number, verdict in enumerate(step.verdicts):
        theirs = {other.verdicts[number].actual for other in others if number < len(other.verdicts)}
        actual = escape(verdict.actual)
        if theirs and theirs != {verdict.actual}:
            actual = f"<mark>{actual}</mark>"
        state, sign = ("passed", "✓") if verdict.passed else ("failed", "✗")
        detail = (
            ""
            if verdict.passed
            else (
                f"<div class='diff'>{escape(w(N_('expected')))}: "
                f"{escape(verdict.expected)}\n{escape(w(N_('actual')))}: {actual}</div>"
            )
        )
        shown = f"<span class='muted'> ({actual})</span>" if verdict.passed else ""
        lines.append(
            f"<div class='expectation {state}'>{sign} {escape(verdict.expectation)}{shown}{detail}</div>"
        )
    lines.extend(moment_line(moment, w) for moment in step.moments if moment.kind != "home")
    lines.extend(what_changed(moment, w) for moment in step.moments if moment.kind == "driver")
    return f"<td class='run' style='--c:{colour_of(run, index)}'>{''.join(lines)}</td>"


def _first_description(others: list[StepResult], step: StepResult) -> str:
    return others[0].description if others else step.description


def moment_line(moment: Moment, w: Wording) -> str:
    colour = MARKED.get(moment.kind, ("#607d8b", ""))[0]
    title = f" title='{escape(moment.detail)}'" if moment.detail else ""
    return (
        f"<div class='moment'{title}><span class='badge' style='background:{colour}'>"
        f"{escape(w(KIND_WORDS[moment.kind]))}</span>{moment.time:g} s · {escape(moment.text)}</div>"
    )


def what_changed(moment: Moment, w: Wording) -> str:
    """The "What changed" list of a driver change as the cockpit's drawer showed it: what applied at
    once, then what waited until the car was parked."""
    if not moment.changes:
        return ""
    rows = ""
    for heading, later in ((N_("Applied now"), False), (N_("After parking"), True)):
        group = [change.text for change in moment.changes if change.after_parking is later]
        if group:
            rows += f"<tr><td class='group'>{escape(w(heading))}</td></tr>"
            rows += "".join(f"<tr><td>{escape(text)}</td></tr>" for text in group)
    return (
        f"<table class='changes'><tr><th>{escape(w(N_('What changed for {driver}'), driver=moment.text))}"
        f"</th></tr>{rows}</table>"
    )


def _marker_legend(w: Wording) -> str:
    items = "".join(
        f"<span><i class='swatch' style='background:{colour}'></i>{escape(w(label))}</span>"
        for colour, label in MARKED.values()
    )
    return f"<p class='legend muted'>{items}</p>"


def _moments(runs: Sequence[RunResult], w: Wording) -> str:
    heads = "".join(
        f"<th class='run' style='--c:{colour_of(run, i)}'>{driver(run, i)}</th>" for i, run in enumerate(runs)
    )
    cells = "".join(
        f"<td class='run' style='--c:{colour_of(run, i)}'>"
        + ("".join(moment_line(m, w) for m in run.moments) or f"<span class='muted'>{w(N_('None'))}</span>")
        + "</td>"
        for i, run in enumerate(runs)
    )
    return f"<table class='moments'><tr>{heads}</tr><tr>{cells}</tr></table>"
