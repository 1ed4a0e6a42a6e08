"""Across scenario files: `DIR/index.html` (each scenario's result, duration, drivers, a thumbnail and
a summary line; no script) and JUnit XML for CI systems (one test suite per scenario, one test case
per driver's run, its failures with what was expected and what was found)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path
from xml.etree import ElementTree

from cockpit.atomic import write_atomic
from cockpit.i18n import N_
from cockpit.scenario.report import STYLE, driver, result_word, screenshots
from cockpit.scenario.runner import RunResult
from cockpit.scenario.words import Wording

WIDTHS = ("thumb", "", "narrow", "narrow", "drivers", "narrow")  # of the index's columns
Scenarios = Sequence[tuple[Path, Sequence[RunResult]]]  # (its report.html, its runs)

INDEX_STYLE = """
.index td{vertical-align:middle}
.index img{display:block;width:240px;height:90px;object-fit:cover;border-radius:4px;
background:#111} .index .thumb{width:258px} .index .narrow{width:8.5em} .index .drivers{width:14em}
.summary{font-size:17px;margin:8px 0 16px}
"""


def write_index(scenarios: Scenarios, folder: Path, language: str) -> Path:
    """Write folder/index.html linking every scenario's report."""
    w = Wording.for_language(language)
    runs = [run for _report, results in scenarios for run in results]
    failed = sum(1 for _report, results in scenarios if any(run.failed for run in results))
    simulated = sum(run.scenario.duration for run in runs)
    summary = w(
        N_(
            "{scenarios} scenarios: {passed} passed, {failed} failed · {runs} runs · {simulated} "
            "simulated in {wall}"
        ),
        scenarios=len(scenarios),
        passed=len(scenarios) - failed,
        failed=failed,
        runs=len(runs),
        simulated=w.seconds(simulated),
        wall=f"{sum(run.wall_s for run in runs):.1f} s",
    )
    heads = (
        N_("Screenshot"),
        N_("Scenario"),
        N_("Result"),
        N_("Simulated"),
        N_("Drivers"),
        N_("Expectations met"),
    )
    rows = [_row(report, results, folder, w) for report, results in scenarios]
    page = (
        f"<!DOCTYPE html><html lang='{escape(language)}'><head><meta charset='utf-8'><meta name='viewport' "
        f"content='width=device-width, initial-scale=1'><title>{escape(w(N_('Scenario reports')))}</title>"
        f"<style>{STYLE}{INDEX_STYLE}</style></head><body><h1>{escape(w(N_('Scenario reports')))}</h1>"
        f"<p class='summary {'failed' if failed else 'passed'}'>{escape(summary)}</p>"
        "<table class='index'><tr>"
        + "".join(
            f"<th class='{width}'>{escape(w(head))}</th>" for head, width in zip(heads, WIDTHS, strict=True)
        )
        + "</tr>"
        + "".join(rows)
        + "</table></body></html>"
    )
    path = folder / "index.html"
    write_atomic(path, page)
    return path


def _row(report: Path, runs: Sequence[RunResult], folder: Path, w: Wording) -> str:
    link = escape(report.relative_to(folder).as_posix())
    shots = screenshots(runs)
    thumb = ""
    if shots:
        image = shots[-1][2].screenshot
        assert image is not None
        src = escape(image.relative_to(folder).as_posix())
        thumb = f"<a href='{link}'><img src='{src}' alt='{escape(image.stem.replace('_', ' '))}'></a>"
    scenario = runs[0].scenario
    drivers = " ".join(driver(run, index) for index, run in enumerate(runs))
    good = sum(1 for run in runs for verdict in run.verdicts if verdict.passed)
    total = sum(len(run.verdicts) for run in runs)
    return (
        f"<tr><td class='thumb'>{thumb}</td><td><a href='{link}'>{escape(scenario.name)}</a>"
        f"<div class='muted'>{escape(_brief(scenario.description))}</div></td>"
        f"<td>{result_word(any(r.failed for r in runs), w)}</td>"
        f"<td class='num'>{escape(w.seconds(scenario.duration))}</td><td>{drivers}</td>"
        f"<td class='num'>{good}/{total}</td></tr>"
    )


def write_junit(scenarios: Scenarios, path: Path) -> Path:
    """JUnit XML: a test suite per scenario, a test case per run (named by its driver)."""
    root = ElementTree.Element("testsuites", name="cockpit scenarios")
    for _report, runs in scenarios:
        scenario = runs[0].scenario
        suite = ElementTree.SubElement(
            root,
            "testsuite",
            name=scenario.name,
            tests=str(len(runs)),
            failures=str(sum(1 for run in runs if run.failed)),
            time=f"{sum(run.wall_s for run in runs):.3f}",
        )
        for run in runs:
            case = ElementTree.SubElement(
                suite, "testcase", classname=scenario.name, name=run.label, time=f"{run.wall_s:.3f}"
            )
            failures = [
                f"#{step.index} {step.description}: "
                + (
                    step.error
                    or "; ".join(
                        f"{v.expectation}: expected {v.expected}, actual {v.actual}"
                        for v in step.verdicts
                        if not v.passed
                    )
                )
                for step in run.steps
                if step.failed
            ]
            if failures:
                failure = ElementTree.SubElement(case, "failure", message=failures[0][:500])
                failure.text = "\n".join(failures)
    ElementTree.indent(root)
    write_atomic(path, ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n")
    return path


def _brief(text: str, limit: int = 180) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
