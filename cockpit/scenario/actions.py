"""What each scenario step does to the running cockpit: keys, fobs, voice, driving, the home.

Every action goes in the way a person or the outside world would: keys and clicks through the
dashboard, pedals and gears as cockpit commands (source SCENARIO), utterances through an assistant
adapter, Home Assistant commands over MQTT. Each returns a line about what happened for the summary.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cockpit.core import signals as sig
from cockpit.core.commands import ApplyProfile, AskAssistant, PresentKeyFob, Source
from cockpit.core.errors import ScenarioError
from cockpit.core.outcome import Outcome
from cockpit.core.places import destination_commands, find_place
from cockpit.scenario import driving
from cockpit.scenario.home_link import HomeLink
from cockpit.scenario.steps import (
    AcceleratorStep,
    BrakeStep,
    ClickStep,
    CycleStep,
    DriveStep,
    FobStep,
    GearStep,
    HomeEventStep,
    KeyStep,
    MqttStep,
    NavigateStep,
    ProfileStep,
    SayStep,
    SpeedStep,
    StepBase,
    TypeStep,
)
from cockpit.vehicle.cycles import DriveCycle
from cockpit.view import CockpitView

if TYPE_CHECKING:
    from cockpit.ui.dashboard import Dashboard
    from cockpit.vehicle.driver import CycleDriver
    from cockpit.vehicle.model import VehicleModel


class StepActions:
    """Carries out steps on one cockpit: reads it through its read model, submits commands, drives
    the car through the vehicle's controls and the dashboard through its keys."""

    def __init__(self, cockpit: CockpitView, vehicle: VehicleModel, dashboard: Dashboard,
                 home_link: HomeLink | None, duration: float) -> None:
        self.cockpit = cockpit
        self.vehicle = vehicle
        self.dashboard = dashboard
        self.home_link = home_link
        self.duration = duration
        self._driver: CycleDriver | driving.RouteDriver | None = None
        self._actions: dict[type[StepBase], Callable[[Any], str]] = {
            KeyStep: self._key, ClickStep: self._click, TypeStep: self._type, FobStep: self._fob,
            ProfileStep: self._profile,
            SayStep: self._say, GearStep: self._gear, AcceleratorStep: self._accelerator,
            BrakeStep: self._brake, CycleStep: self._cycle, SpeedStep: self._speed, DriveStep: self._trip,
            NavigateStep: self._navigate, HomeEventStep: self._home_event, MqttStep: self._mqtt,
        }

    def perform(self, step: StepBase) -> str:
        """Carry out the step's action; raises CockpitError (ScenarioError ...) when it cannot.

        Returns a line about what happened; `wait`, `expect` and `screenshot` are the runner's.
        """
        do = self._actions.get(type(step))
        return do(step) if do is not None else ""

    def _key(self, step: KeyStep) -> str:
        self.dashboard.handle_key(step.key)
        if step.hold is None:
            self.dashboard.release_key(step.key)
        return ""

    def _click(self, step: ClickStep) -> str:
        self.dashboard.frame()  # the widgets under the pointer are the ones on screen now
        self.dashboard.click((step.click[0], step.click[1]))
        return ""

    def _type(self, step: TypeStep) -> str:
        self.dashboard.type_text(step.type)
        return ""

    def _fob(self, step: FobStep) -> str:
        return self.present_fob(step.fob)

    def _profile(self, step: ProfileStep) -> str:
        return said(self.cockpit.submit(ApplyProfile(step.profile, source=Source.USER)))

    def _say(self, step: SayStep) -> str:
        adapter = step.assistant or self.cockpit.assistant
        outcome = self.cockpit.submit(AskAssistant(step.say, step.assistant, source=Source.SCENARIO))
        if outcome.rejected:
            raise ScenarioError(outcome.reason)
        return f"{adapter}: {outcome.reason}"

    def _gear(self, step: GearStep) -> str:
        return said(self.vehicle.select_gear(step.gear, Source.SCENARIO))

    def _accelerator(self, step: AcceleratorStep) -> str:
        self._stop_driver()
        return said(self.vehicle.press_accelerator(step.accelerator, Source.SCENARIO))

    def _brake(self, step: BrakeStep) -> str:
        self._stop_driver()
        return said(self.vehicle.press_brake(step.brake, Source.SCENARIO))

    def release(self, key: str) -> None:
        """The end of a held key."""
        self.dashboard.release_key(key)

    def roll_at(self, speed: float) -> None:
        """Start already moving: in D, with a driver holding `speed` (the runner sets the speed)."""
        vehicle = self.vehicle
        vehicle.press_brake(100, Source.SCENARIO)
        vehicle.select_gear("D", Source.SCENARIO)
        vehicle.press_brake(0, Source.SCENARIO)
        self._drive(driving.hold_speed(speed, speed, self.duration))

    def present_fob(self, fob: str) -> str:
        """A key fob is presented to the car (its driver's profile is applied)."""
        return said(self.cockpit.submit(PresentKeyFob(fob, source=Source.USER)))

    # --- driving and the world outside ----------------------------------------------------------
    def _cycle(self, step: CycleStep) -> str:
        name, start, end = step.segment()
        self._stop_driver()
        self._driver = self.vehicle.drive_cycle(name, start, end, Source.SCENARIO)
        return ""

    def _speed(self, step: SpeedStep) -> str:
        remaining = max(1.0, self.duration - self.cockpit.now)
        self._drive(driving.hold_speed(float(self.cockpit.value(sig.SPEED)), step.speed, remaining))
        return ""

    def _home_event(self, step: HomeEventStep) -> str:
        event = step.home_event
        return self._home().device_acts(event.device, event.action, dict(event.params))

    def _mqtt(self, step: MqttStep) -> str:
        return self._home().publish(step.mqtt.topic, step.mqtt.payload)

    def _home(self) -> HomeLink:
        if self.home_link is None:
            raise ScenarioError("this step needs the home, which did not start")
        return self.home_link

    def _trip(self, step: DriveStep) -> str:
        """Drive the route to `to` (or the active route) on the roads, at their speed limits."""
        said = ""
        if step.drive.to is not None:
            said = self._go_to(step.drive.to)
        elif self.cockpit.route is None and str(self.cockpit.value(sig.DEST_NAME)) == "":
            raise ScenarioError("drive without `to` follows the active route, and there is none")
        self._stop_driver()
        driver = driving.RouteDriver(self.cockpit, self.vehicle, step.drive.speed)
        driver.install()
        self._driver = driver
        return said

    def _navigate(self, step: NavigateStep) -> str:
        return self._go_to(step.navigate)

    def _go_to(self, to: str) -> str:
        """Make a saved place (or home) the destination, as the Navigation tab does."""
        name, latitude, longitude = self._place(to)
        for command in destination_commands(name, latitude, longitude, source=Source.SCENARIO):
            self.cockpit.submit(command)
        return f"navigating to {name}"

    def _place(self, name: str) -> tuple[str, float, float]:
        """A saved place of the active driver, or home (the centre of the home's geofence)."""
        zone = self.cockpit.zone
        if name.lower() == "home" and zone is not None:
            return "Home", zone.latitude, zone.longitude
        driver = self.cockpit.driver
        places = driver.places if driver is not None else ()
        place = find_place(places, name)
        if place is None:
            known = ", ".join(sorted(p.name for p in places)) or "none"
            raise ScenarioError(f"no saved place {name!r} for this driver; known: {known}")
        return place.name, place.latitude, place.longitude

    def _drive(self, trace: DriveCycle) -> None:
        self._stop_driver()
        self._driver = self.vehicle.drive_cycle(trace, 0.0, None, Source.SCENARIO)

    def _stop_driver(self) -> None:
        if self._driver is not None:
            self._driver.abandon()
            self._driver = None


def said(outcome: Outcome) -> str:
    """An outcome as the summary shows it: `applied`, or `rejected: why`."""
    return outcome.status.value + (f": {outcome.reason}" if outcome.reason else "")
