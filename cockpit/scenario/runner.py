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

from cockpit.core import signals as sig
from cockpit.core.commands import ApplyProfile, HomeCommand, Source
from cockpit.core.errors import CockpitError, ScenarioError
from cockpit.core.outcome import Outcome
from cockpit.scenario import driving
from cockpit.scenario.expectations import Probe, Verdict, check
from cockpit.scenario.home_link import HomeLink
from cockpit.scenario.recorder import EventLog, Samples
from cockpit.scenario.schema import Scenario, Step
from cockpit.session import Session, Settings

if TYPE_CHECKING:
    from cockpit.assistants.base import AssistantAdapter
    from cockpit.ui.dashboard import Dashboard
    from cockpit.vehicle.driver import CycleDriver

logger = logging.getLogger(__name__)

TICK_S = 0.05
WINDOW_FRAME_S = 1 / 30
SIZE = (1920, 720)


@dataclass(slots=True)
class StepResult:
    """What one step did: its time, a line about it, and the verdicts of its expectations."""

    index: int
    time: float
    description: str
    outcome: str = ""
    verdicts: list[Verdict] = field(default_factory=list)
    screenshot: Path | None = None
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None or any(not verdict.passed for verdict in self.verdicts)


@dataclass(slots=True)
class RunResult:
    """One run of a scenario (for one profile)."""

    scenario: Scenario
    label: str
    steps: list[StepResult]
    samples: Samples
    final_state: dict[str, Any]
    wall_s: float
    folder: Path | None

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


@dataclass(order=True, slots=True)
class _Action:
    time: float
    order: int
    step: int = field(compare=False)
    run: Callable[[], str] = field(compare=False)


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
        self.log = EventLog(self.cockpit)
        self.home: HomeLink | None = None
        self.dashboard: Dashboard | None = None
        self._adapters: dict[str, AssistantAdapter] = {}
        self._driver: CycleDriver | None = None
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
            times = self.scenario.times()
            for action in sorted(self._actions(times)):
                self._advance_to(action.time)
                self._do(action)
            self._advance_to(self.scenario.duration)
            if self.options.folder is not None:
                self.log.write(self.options.folder / "events.jsonl")
            wall = time.monotonic() - self._wall_start
            return RunResult(self.scenario, self.label, self._results, self.log.samples,
                             self.cockpit.snapshot(), wall, self.options.folder)
        finally:
            self.close()

    def close(self) -> None:
        """Shut every adapter, the dashboard, the home link and the session down."""
        for adapter in self._adapters.values():
            adapter.shutdown()
        self._adapters.clear()
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
        if self.session.home is not None:
            self.home = HomeLink(self.session.home)
            self.home.connect()
        if start.fob is not None and self.options.profile is None:
            self._present_fob(start.fob)
        if start.speed > 0:
            self._roll_at(start.speed)
        self.log.note("ScenarioStarted", scenario=self.scenario.name, label=self.label,
                      profile=str(cockpit.value(sig.DRIVER_ID)))

    def _make_dashboard(self) -> Dashboard:
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        if not self.options.window:
            os.environ["SDL_VIDEODRIVER"] = "dummy"
        import pygame

        from cockpit.ui.dashboard import Dashboard

        surface = None
        if self.options.window:
            pygame.display.init()
            surface = pygame.display.set_mode(SIZE)
            pygame.display.set_caption(f"Scenario: {self.scenario.name}")
        return Dashboard(self.session, SIZE, surface)

    def _roll_at(self, speed: float) -> None:
        """Start already moving: in D at `speed`, with a driver holding it."""
        vehicle = self.session.vehicle
        vehicle.press_brake(100, Source.SCENARIO)
        vehicle.select_gear("D", Source.SCENARIO)
        vehicle.press_brake(0, Source.SCENARIO)
        self.cockpit.update(sig.SPEED, speed)
        self._drive(driving.hold_speed(speed, speed, self.scenario.duration))

    def _actions(self, times: list[float]) -> Iterator[_Action]:
        order = 0
        for index, (step, at) in enumerate(zip(self.scenario.steps, times, strict=True)):
            order += 1
            yield _Action(at, order, index, lambda step=step: self._perform(step))  # type: ignore[misc]
            if step.key is not None and step.hold is not None:
                order += 1
                key = step.key
                yield _Action(at + step.hold, order, -1, lambda key=key: self._release(key))  # type: ignore[misc]

    def _do(self, action: _Action) -> None:
        if action.step < 0:
            action.run()
            return
        step = self.scenario.steps[action.step]
        result = StepResult(action.step + 1, round(self.cockpit.now, 3), step.describe())
        self._results.append(result)
        self._report_progress(force=True)
        try:
            result.outcome = action.run()
            if step.expect is not None:
                result.verdicts = self._expect(step)
            if step.screenshot is not None:
                result.screenshot = self._screenshot(step.screenshot)
        except CockpitError as error:
            result.error = str(error)
        if self.home is not None:
            self.home.settle()
        self.log.note("ScenarioStep", step=result.index, action=step.action, text=result.description,
                      outcome=result.outcome, error=result.error,
                      verdicts=[verdict.to_dict() for verdict in result.verdicts])

    # --- simulated time -------------------------------------------------------------------------
    def _advance_to(self, when: float) -> None:
        session, log = self.session, self.log
        while when - self.cockpit.now > 1e-6:
            now = self.cockpit.now
            session.step(min(round(now + TICK_S, 6), when) - now)  # land on whole ticks: no drift
            log.sample()
            if self.home is not None and len(log.commands) != self._commands_seen:
                self._commands_seen = len(log.commands)
                if any(isinstance(e.command, HomeCommand) for e in log.commands[-3:]):
                    self.home.settle()
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

    # --- the actions ----------------------------------------------------------------------------
    def _perform(self, step: Step) -> str:
        """Carry out the step's action; returns a line about what happened."""
        action = step.action
        vehicle = self.session.vehicle
        if action == "key":
            assert step.key is not None and self.dashboard is not None
            self.dashboard.handle_key(step.key)
            if step.hold is None:
                self.dashboard.release_key(step.key)
            return ""
        if action == "click":
            assert step.click is not None and self.dashboard is not None
            self.dashboard.click((step.click[0], step.click[1]))
            return ""
        if action == "fob":
            assert step.fob is not None
            return self._present_fob(step.fob)
        if action == "profile":
            assert step.profile is not None
            return _said(self.cockpit.submit(ApplyProfile(step.profile, source=Source.USER)))
        if action == "say":
            assert step.say is not None
            result = self._adapter(step.assistant).respond(step.say)
            return f"{result.adapter}: {result.reply}"
        if action == "gear":
            assert step.gear is not None
            return _said(vehicle.select_gear(step.gear, Source.SCENARIO))
        if action in ("accelerator", "brake"):
            self._stop_driver()
            pedal = vehicle.press_accelerator if action == "accelerator" else vehicle.press_brake
            return _said(pedal(getattr(step, action), Source.SCENARIO))
        return self._perform_trip_or_world(step)

    def _perform_trip_or_world(self, step: Step) -> str:
        action = step.action
        if action == "cycle":
            name, start, end = step.cycle_segment()
            self._stop_driver()
            self._driver = self.session.vehicle.drive_cycle(name, start, end, Source.SCENARIO)
            return ""
        if action == "speed":
            assert step.speed is not None
            remaining = max(1.0, self.scenario.duration - self.cockpit.now)
            self._drive(driving.hold_speed(float(self.cockpit.value(sig.SPEED)), step.speed, remaining))
            return ""
        if action == "drive":
            return self._trip(step)
        if action in ("home_event", "mqtt"):
            if self.home is None:
                raise ScenarioError("this step needs the home, which did not start")
            if step.home_event is not None:
                event = step.home_event
                return self.home.device_acts(event.device, event.action, dict(event.params))
            assert step.mqtt is not None
            return self.home.publish(step.mqtt.topic, step.mqtt.payload)
        return ""  # wait, expect and screenshot act after the action

    def _trip(self, step: Step) -> str:
        from cockpit.vehicle.route import Route, distance_m

        assert step.drive is not None
        lat, lon = float(self.cockpit.value(sig.LATITUDE)), float(self.cockpit.value(sig.LONGITUDE))
        dest = self._place(step.drive.to)
        length = distance_m(lat, lon, *dest)
        if length < 1.0:
            return f"already at {step.drive.to}"
        self.session.vehicle.follow_route(Route([(lat, lon), dest]))
        self._drive(driving.trip(length, step.drive.speed))
        return f"{length:.0f} m to {step.drive.to}"

    def _place(self, name: str) -> tuple[float, float]:
        """A saved place of the active driver, or home (the home's geofence, else the profile's)."""
        active = self.session.profiles.active
        profile = active.profile if active is not None else None
        if name.lower() == "home":
            if self.session.home is not None and self.session.home.geofence.home is not None:
                return self.session.home.geofence.home
            if profile is not None and profile.home is not None:
                return profile.home.latitude, profile.home.longitude
        places = {p.name.lower(): p for p in profile.navigation.saved_places} if profile else {}
        place = places.get(name.lower())
        if place is None:
            known = ", ".join(sorted(p.name for p in places.values())) or "none"
            raise ScenarioError(f"no saved place {name!r} for this driver; known: {known}")
        return place.latitude, place.longitude

    def _drive(self, trace: Any) -> None:
        self._stop_driver()
        self._driver = self.session.vehicle.drive_cycle(trace, 0.0, None, Source.SCENARIO)

    def _stop_driver(self) -> None:
        if self._driver is not None:
            self._driver.abandon()
            self._driver = None

    def _release(self, key: str) -> str:
        assert self.dashboard is not None
        self.dashboard.release_key(key)
        return ""

    def _present_fob(self, fob: str) -> str:
        from cockpit.personalisation.identity import KeyFobReader

        return _said(KeyFobReader(self.session.profiles).present(fob))

    def _adapter(self, name: str | None) -> AssistantAdapter:
        active = self.session.assistant
        if active is not None and (name is None or name == active.name):
            return active
        if name is None:
            raise ScenarioError("no assistant is active; name one with `assistant:`")
        if name not in self._adapters:
            from cockpit.assistants import registry

            self._adapters[name] = registry.create(name, self.cockpit)
        return self._adapters[name]

    # --- checks and pictures --------------------------------------------------------------------
    def _expect(self, step: Step) -> list[Verdict]:
        if self.home is not None:
            self.home.settle()
        probe = Probe(self.cockpit, self.log, self._screen_text, self._device_state)
        return [check(expectation, probe) for expectation in step.expectations]

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


def _said(outcome: Outcome) -> str:
    return outcome.status.value + (f": {outcome.reason}" if outcome.reason else "")
