"""The handlers behind `cockpit scenario ...`: run (with progress and summary), check, schema,
replay and from-recording. Exit codes: 0 passed, 1 an expectation failed, 2 invalid files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from cockpit import shutdown
from cockpit.core.errors import InvalidInput
from cockpit.personalisation.known import profile_ids
from cockpit.scenario import loader, output
from cockpit.scenario.runner import Progress, Runner, RunOptions, RunResult
from cockpit.scenario.schema import Scenario
from cockpit.scenario.steps import ScreenshotStep
from cockpit.yaml_source import Problem


def run_command(args: argparse.Namespace) -> int:
    """Run every file (once per profile with --profiles); 1 if any expectation failed. With --report,
    a report per file (and an index over several); --junit, --open as `cockpit scenario run -h` says."""
    loaded, problems = loader.load(args.files, profile_ids())
    if problems:
        return _print_problems(problems, "nothing was run")
    if args.report is not None:
        output.claim(args.report, _report_files(loaded, args.profiles))
    with shutdown.deferred():  # Ctrl-C and SIGTERM stop the run between two ticks, then clean up
        return _run_all(args, loaded)


def _run_all(args: argparse.Namespace, loaded: list[tuple[Path, Scenario]]) -> int:
    progress = progress_printer(sys.stderr)
    done: list[tuple[Path, list[RunResult]]] = []
    for path, scenario in loaded:
        folder = args.report / path.stem if args.report is not None and len(loaded) > 1 else args.report
        runs: list[RunResult] = []
        for profile in args.profiles or [None]:
            sub = folder / profile if folder is not None and profile is not None else folder
            options = RunOptions(sub, args.speed, args.window, args.broker, profile, progress, args.language)
            label = profile or scenario.start.profile or scenario.start.fob or "default"
            result = Runner(scenario, label, options).run()
            _clear_progress(sys.stderr)
            print_summary(result, sys.stdout)
            runs.append(result)
        report = path
        if folder is not None:
            from cockpit.scenario.report import write_report

            report = write_report(runs, folder)
            print(f"report: {report}")
        done.append((report, runs))
    _write_across(args, done)
    return 1 if any(run.failed for _report, runs in done for run in runs) else 0


def _write_across(args: argparse.Namespace, done: list[tuple[Path, list[RunResult]]]) -> None:
    """The index over several reports, the JUnit file, and the page opened in the browser."""
    from cockpit.scenario.index import write_index, write_junit

    page = done[0][0] if args.report is not None else None
    if args.report is not None and len(done) > 1:
        page = write_index(done, args.report, args.language)
        print(f"index: {page}")
    if args.junit is not None:
        print(f"junit: {write_junit(done, args.junit)}")
    if args.open:
        if page is None:
            print("--open needs --report DIR: there is no report to open", file=sys.stderr)
        else:
            import webbrowser

            webbrowser.open(page.resolve().as_uri())


def _report_files(loaded: list[tuple[Path, Scenario]], profiles: list[str] | None) -> list[Path]:
    """Every file `run --report` writes, relative to the report folder (see run_command)."""
    files = [Path("index.html")] if len(loaded) > 1 else []
    for path, scenario in loaded:
        folder = Path(path.stem) if len(loaded) > 1 else Path()
        files.append(folder / "report.html")
        for sub in [folder / profile for profile in profiles] if profiles else [folder]:
            files.append(sub / "events.jsonl")
            files.extend(sub / f"{step.screenshot}.png" for step in scenario.steps
                         if isinstance(step, ScreenshotStep))
    return files


def print_summary(result: RunResult, out: TextIO) -> None:
    """The step-by-step summary, with an expected/actual pair under each failure."""
    verdicts = result.verdicts
    bad = sum(1 for verdict in verdicts if not verdict.passed)
    state = "FAILED" if result.failed else "passed"
    print(f"{result.scenario.name} [{result.label}]: {state} - {len(verdicts) - bad}/{len(verdicts)} "
          f"expectations passed, {result.scenario.duration:.1f} s simulated in {result.wall_s:.2f} s",
          file=out)
    for step in result.steps:
        mark = "✗" if step.failed else ("✓" if step.verdicts else " ")
        outcome = f"  → {step.outcome}" if step.outcome else ""
        print(f"  {mark} #{step.index:<3} t={step.time:7.1f} s  {step.description}{outcome}", file=out)
        if step.error:
            print(f"      error: {step.error}", file=out)
        for verdict in step.verdicts:
            if not verdict.passed:
                print(f"      FAILED {verdict.expectation}\n{verdict.diff()}", file=out)


def progress_printer(stream: TextIO) -> Callable[[Progress], None]:
    """A live line on a terminal (rewritten in place); one plain line per step otherwise."""
    tty = stream.isatty()
    last_step = [-1]

    def show(progress: Progress) -> None:
        line = (f"[{progress.now:7.1f}/{progress.duration:.0f} s] step {progress.step}/{progress.steps}: "
                f"{progress.text}")
        if tty:
            stream.write("\r\x1b[2K" + line[:150])
            stream.flush()
        elif progress.step != last_step[0]:
            last_step[0] = progress.step
            stream.write(line + "\n")

    return show


def _clear_progress(stream: TextIO) -> None:
    if stream.isatty():
        stream.write("\r\x1b[2K")
        stream.flush()


def check_command(args: argparse.Namespace) -> int:
    """Print every problem as file:line:col: field: message; 2 when any file is invalid."""
    problems = loader.load(args.files, profile_ids())[1]
    if problems:
        return _print_problems(problems)
    print(f"{len(args.files)} scenario file(s) OK", file=sys.stderr)
    return 0


def _print_problems(problems: list[Problem], note: str = "") -> int:
    """Every problem on stdout, a count on stderr; returns exit code 2."""
    print("\n".join(str(problem) for problem in problems))
    files = len({problem.file for problem in problems})
    print(f"{len(problems)} problem(s) in {files} file(s){'; ' + note if note else ''}", file=sys.stderr)
    return 2


def schema_command(args: argparse.Namespace) -> int:
    from cockpit.scenario.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def replay_command(args: argparse.Namespace) -> int:
    """Replay a recording; 1 when the final state differs from the recorded one."""
    from cockpit.scenario.replay import replay

    if args.report is not None:
        output.claim(args.report, [Path("events.jsonl"), Path("report.html")])
    with shutdown.deferred():
        result = replay(args.file, args.report)
    print(result.summary())
    return 0 if result.matches else 1


def from_recording_command(args: argparse.Namespace) -> int:
    from cockpit.atomic import write_atomic
    from cockpit.scenario.recording import read_recording, to_scenario_yaml

    output: Path = args.output
    if output.exists():
        raise InvalidInput(f"{output} exists; choose another name (a scenario file is never overwritten)")
    text = to_scenario_yaml(read_recording(args.file), args.file, output)
    write_atomic(output, text)
    print(f"wrote {output}", file=sys.stderr)
    return 0
