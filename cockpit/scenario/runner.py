"""Runs one scenario on a real Session: the start, the timeline, the expectations, the event log.

Time is simulated: the runner ticks the session in steps of TICK_S as fast as the machine allows
(or `speed` times real time) and acts at each step's time. The dashboard renders only when
something needs pixels or text (a screenshot, a visible-text expectation, a window). The home and
its MQTT broker start only when the scenario needs them; MQTT is not deterministic in wall time,
so after anything that sends to the home the runner waits for the broker round trip (`settle`)
before simulated time moves on.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cockpit import shutdown
from cockpit.core import signals as sig
from cockpit.core.commands import HomeCommand
from cockpit.core.errors import CockpitError, ScenarioError
from cockpit.scenario.actions import StepActions
from cockpit.scenario.expectations import Probe, Verdict, check
from cockpit.scenario.home_link import HomeLink
from cockpit.scenario.recorder import EventLog, Moment, Samples
from cockpit.scenario.schema import Scenario
from cockpit.scenario.steps import ExpectStep, KeyStep, ScreenshotStep, StepBase
from cockpit.scenario.words import Wording
from cockpit.session import Session, Settings

if TYPE_CHECKING:
    from cockpit.ui.dashboard import Dashboard

logger = logging.getLogger(__name__)

TICK_S = 0.05
WINDOW_FRAME_S = 1 / 30
SIZE = (1920, 720)


@dataclass(slots=True)
class StepResult:
    """What one step did: its time, the step in words (`description`) and as written (`raw`), the
    verdicts of its expectations, and the moments that followed it until the next step."""

    index: int
    time: float
    description: str
    outcome: str = ""
    verdicts: list[Verdict] = field(default_factory=list)
    screenshot: Path | None = None
    error: str | None = None
    raw: str = ""
    moments: list[Moment] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.error is not None or any(not verdict.passed for verdict in self.verdicts)


@dataclass(slots=True)
class RunResult:
    """One run of a scenario (for one profile): `label` is the driver it starts with, `colour` their
    avatar colour (six hex digits); `moments` are what happened, those before the first step too."""

    scenario: Scenario
    label: str
    steps: list[StepResult]
    samples: Samples
    final_state: dict[str, Any]
    wall_s: float
    folder: Path | None
    moments: list[Moment] = field(default_factory=list)
    colour: str = ""
    language: str = "en"

    @property
    def drivers(self) -> list[str]:
        """Everyone who drove in this run, in order, each once."""
        names = [self.label] + [moment.text for step in self.steps for moment in step.moments
                                if moment.kind == "driver"]
        return list(dict.fromkeys(names))

    @property
    def failed(self) -> bool:
        return any(step.failed for step in self.steps)

    @property
    def verdicts(self) -> list[Verdict]:
        return [verdict for step in self.steps for verdict in step.verdicts]


@dataclass(frozen=True, slots=True)
class Progress:
    """For the live progress line."""

    now: float
    duration: float
    step: int
    steps: int
    text: str


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How to run: where the report goes, how fast, with a window, which broker and profile."""

    folder: Path | None = None
    speed: float | None = None
    window: bool = False
    broker: str | None = None
    profile: str | None = None
    progress: Callable[[Progress], None] | None = None
    language: str = "en"  # of the report: steps and expectations in words


@dataclass(order=True, frozen=True, slots=True)
class _Action:
    """A step (its index) or the release of a held key (step -1), at a simulated time."""

    time: float
    order: int
    step: int = field(compare=False)
    release: str = field(default="", compare=False)


class Runner:
    """One scenario, one Session; use `run()` once."""

    def __init__(self, scenario: Scenario, label: str, options: RunOptions) -> None:
        self.scenario = scenario
        self.label = label
        self.options = options
        self._state_dir = tempfile.TemporaryDirectory(prefix="cockpit-scenario-")
        self.session = Session(Settings(profile=options.profile or scenario.start.profile,
                                        state_dir=Path(self._state_dir.name),
                                        use_broker=scenario.needs_home, broker_url=options.broker,
                                        headless=not options.window, size=SIZE))
        self.cockpit = self.session.cockpit
        self.log = EventLog(self.cockpit, tuple(scenario.plot))
        self._tr = Wording.for_language(options.language).tr
        self._moments_seen = 0
        self._colour = ""
        self.home: HomeLink | None = None
        self.dashboard: Dashboard | None = None
        self.actions: StepActions | None = None
        self._results: list[StepResult] = []
        self._wall_start = time.monotonic()
        self._last_progress = 0.0
        self._next_window_frame = 0.0
        self._commands_seen = 0

    # --- the run --------------------------------------------------------------------------------
    def run(self) -> RunResult:
        """Run the whole timeline; raises ScenarioError when the start cannot be set up."""
        try:
            self._begin()
            self.log.sample()  # the state at t = 0
            times = self.scenario.times()
            for action in sorted(self._timeline(times)):
                self._advance_to(action.time)
                self._do(action)
            self._advance_to(self.scenario.duration)
            self._collect_moments()
            if self.options.folder is not None:
                self.log.write(self.options.folder / "events.jsonl")
            wall = time.monotonic() - self._wall_start
            return RunResult(self.scenario, self.label, self._results, self.log.samples,
                             self.cockpit.snapshot(),
                             wall, self.options.folder, self.log.moments, self._colour, self.options.language)
        finally:
            self.close()

    def close(self) -> None:
        """Shut the dashboard, the home link and the session (with its assistants) down."""
        if self.dashboard is not None:
            self.dashboard.close()
        if self.home is not None:
            self.home.close()
        self.log.close()
        self.session.close()
        self._state_dir.cleanup()
        if self.options.window:
            import pygame

            pygame.display.quit()

    def _begin(self) -> None:
        start, cockpit = self.scenario.start, self.cockpit
        cockpit.clock.start_time_of_day = start.seconds_of_day()
        if start.position is not None:
            cockpit.update(sig.LATITUDE, start.position.latitude)
            cockpit.update(sig.LONGITUDE, start.position.longitude)
        if start.battery is not None:
            cockpit.update(sig.SOC, start.battery)
        if start.outside_temperature is not None:
            cockpit.update(sig.OUTSIDE_TEMP, start.outside_temperature)
        cabin = start.cabin_temperature if start.cabin_temperature is not None else start.outside_temperature
        if cabin is not None:
            cockpit.update(sig.CABIN_TEMP, cabin)
        self.dashboard = self._make_dashboard()
        try:
            self.session.start()
        except CockpitError as error:
            raise ScenarioError(f"{self.scenario.name}: cannot start: {error}") from None
        session = self.session
        if session.home is not None:
            home = session.home
            self.home = HomeLink(home.link, home.node, home.home.base, session.view, session.wait_for_home)
            self.home.connect()
        self.actions = StepActions(session.view, session.vehicle, self.dashboard, self.home,
                                   self.scenario.duration)
        if start.fob is not None and self.options.profile is None:
            self.actions.present_fob(start.fob)
        if start.speed > 0:
            self.actions.roll_at(start.speed)
            cockpit.update(sig.SPEED, start.speed)
        driver = session.view.driver
        if driver is not None:  # the run is named after who drives when the timeline begins
            self.label, self._colour = driver.display_name, driver.avatar_colour
        self.log.note("ScenarioStarted", scenario=self.scenario.name, label=self.label,
                      profile=str(cockpit.value(sig.DRIVER_ID)))

    def _make_dashboard(self) -> Dashboard:
        """The dashboard; off screen (no display opened) unless the run has a window."""
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        import pygame

        from cockpit.ui.chime import Chime
        from cockpit.ui.dashboard import Dashboard

        surface = None
        if self.options.window:
            pygame.display.init()
            surface = pygame.display.set_mode(SIZE)
            pygame.display.set_caption(f"Scenario: {self.scenario.name}")
        return Dashboard(self.session.view, SIZE, surface, chime=Chime(enabled=self.options.window))

    def _timeline(self, times: list[float]) -> Iterator[_Action]:
        """Each step at its time, plus the release of each held key; ties keep the file's order."""
        order = 0
        for index, (step, at) in enumerate(zip(self.scenario.steps, times, strict=True)):
            order += 1
            yield _Action(at, order, index)
            if isinstance(step, KeyStep) and step.hold is not None:
                order += 1
                yield _Action(at + step.hold, order, -1, step.key)

    def _do(self, action: _Action) -> None:
        assert self.actions is not None
        if action.step < 0:
            self.actions.release(action.release)
            return
        step = self.scenario.steps[action.step]
        self._collect_moments()
        result = StepResult(action.step + 1, round(self.cockpit.now, 3), step.words(self._wording()),
                            raw=raw_form(step))
        self._results.append(result)
        self._report_progress(force=True)
        try:
            result.outcome = self.actions.perform(step)
            if isinstance(step, ExpectStep):
                result.verdicts = self._expect(step)
            if isinstance(step, ScreenshotStep):
                result.screenshot = self._screenshot(step.screenshot)
        except CockpitError as error:
            result.error = str(error)
        if self.home is not None:
            self.home.settle()
        self.log.note("ScenarioStep", step=result.index, action=step.action, text=result.description,
                      outcome=result.outcome, error=result.error,
                      verdicts=[verdict.to_dict() for verdict in result.verdicts])

    def _wording(self) -> Wording:
        """Words in the report's language, numbers in the units of the driver at this moment."""
        view = self.session.view
        drivers = {card.id: card.display_name for card in view.drivers}
        drivers.update({fob: card.display_name for card in view.drivers for fob in card.key_fobs})
        return Wording(self._tr, miles=view.value(sig.DISTANCE_UNIT) == "MILES",
                       fahrenheit=view.value(sig.TEMPERATURE_UNIT) == "F", drivers=drivers)

    def _collect_moments(self) -> None:
        """Give the moments since the last step to that step (those before the first stay the run's)."""
        new = self.log.moments[self._moments_seen:]
        self._moments_seen = len(self.log.moments)
        if self._results:
            self._results[-1].moments.extend(new)

    # --- simulated time -------------------------------------------------------------------------
    def _advance_to(self, when: float) -> None:
        session, log = self.session, self.log
        while when - self.cockpit.now > 1e-6:
            shutdown.check()  # Ctrl-C or SIGTERM: unwind between two ticks; close() cleans up
            now = self.cockpit.now
            session.step(min(round(now + TICK_S, 6), when) - now)  # land on whole ticks: no drift
            log.sample()
            if self.home is not None and len(log.commands) != self._commands_seen:
                new, self._commands_seen = log.commands[self._commands_seen:], len(log.commands)
                if any(isinstance(event.command, HomeCommand) for event in new):
                    self.home.settle()  # a routine sent something: let the devices hear it first
            if self.options.window:
                self._window_frame()
            if self.options.speed:
                self._pace()
            self._report_progress()

    def _pace(self) -> None:
        assert self.options.speed
        ahead = self.cockpit.now / self.options.speed - (time.monotonic() - self._wall_start)
        if ahead > 0:
            time.sleep(ahead)

    def _window_frame(self) -> None:
        if self.cockpit.now + 1e-9 < self._next_window_frame or self.dashboard is None:
            return
        import pygame

        self._next_window_frame = self.cockpit.now + WINDOW_FRAME_S
        pygame.event.pump()
        pygame.display.update(self.dashboard.frame())

    def _report_progress(self, force: bool = False) -> None:
        callback = self.options.progress
        if callback is None:
            return
        wall = time.monotonic()
        if not force and wall - self._last_progress < 0.1:
            return
        self._last_progress = wall
        last = self._results[-1] if self._results else None
        callback(Progress(self.cockpit.now, self.scenario.duration, last.index if last else 0,
                          len(self.scenario.steps), last.description if last else "start"))

    # --- checks and pictures --------------------------------------------------------------------
    def _expect(self, step: ExpectStep) -> list[Verdict]:
        if self.home is not None:
            self.home.settle()
        probe = Probe(self.session.view, self.log, self._screen_text, self._device_state)
        wording = self._wording()
        return [check(expectation, probe, wording) for expectation in step.expectations]

    def _screen_text(self) -> list[str]:
        assert self.dashboard is not None
        self.dashboard.frame()
        return self.dashboard.visible_text()

    def _device_state(self, device_id: str) -> dict[str, Any] | None:
        return self.home.device_state(device_id) if self.home is not None else None

    def _screenshot(self, name: str) -> Path | None:
        assert self.dashboard is not None
        self.dashboard.frame()
        folder = self.options.folder
        if folder is None:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        self.dashboard.screenshot(path)
        self.log.note("ScreenshotSaved", name=name, file=path.name)
        return path


def raw_form(step: StepBase) -> str:
    """The step as one would write it in the scenario file (one line of YAML)."""
    import yaml

    data = step.model_dump(mode="json", exclude_defaults=True)
    text = yaml.safe_dump(data, default_flow_style=True, sort_keys=False, allow_unicode=True, width=10_000)
    return text.strip()
