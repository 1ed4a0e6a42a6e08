"""What each scenario step does to the running cockpit: keys, fobs, voice, driving, the home.

Every action goes in the way a person or the outside world would: keys and clicks through the
dashboard, pedals and gears as cockpit commands (source SCENARIO), utterances through an assistant
adapter, Home Assistant commands over MQTT. Each returns a line about what happened for the summary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cockpit.core import signals as sig
from cockpit.core.commands import ApplyProfile, AskAssistant, PresentKeyFob, Source
from cockpit.core.errors import ScenarioError
from cockpit.core.outcome import Outcome
from cockpit.core.places import find_place
from cockpit.scenario import driving
from cockpit.scenario.home_link import HomeLink
from cockpit.scenario.schema import Step
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
        self._driver: CycleDriver | None = None

    def perform(self, step: Step) -> str:
        """Carry out the step's action; raises CockpitError (ScenarioError ...) when it cannot."""
        action = step.action
        vehicle = self.vehicle
        if action == "key":
            assert step.key is not None
            self.dashboard.handle_key(step.key)
            if step.hold is None:
                self.dashboard.release_key(step.key)
            return ""
        if action == "click":
            assert step.click is not None
            self.dashboard.frame()  # the widgets under the pointer are the ones on screen now
            self.dashboard.click((step.click[0], step.click[1]))
            return ""
        if action == "fob":
            assert step.fob is not None
            return self.present_fob(step.fob)
        if action == "profile":
            assert step.profile is not None
            return said(self.cockpit.submit(ApplyProfile(step.profile, source=Source.USER)))
        if action == "say":
            assert step.say is not None
            adapter = step.assistant or self.cockpit.assistant
            outcome = self.cockpit.submit(AskAssistant(step.say, step.assistant, source=Source.SCENARIO))
            if outcome.rejected:
                raise ScenarioError(outcome.reason)
            return f"{adapter}: {outcome.reason}"
        if action == "gear":
            assert step.gear is not None
            return said(vehicle.select_gear(step.gear, Source.SCENARIO))
        if action in ("accelerator", "brake"):
            self._stop_driver()
            pedal = vehicle.press_accelerator if action == "accelerator" else vehicle.press_brake
            return said(pedal(getattr(step, action), Source.SCENARIO))
        return self._drive_or_home(step)

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
    def _drive_or_home(self, step: Step) -> str:
        action = step.action
        if action == "cycle":
            name, start, end = step.cycle_segment()
            self._stop_driver()
            self._driver = self.vehicle.drive_cycle(name, start, end, Source.SCENARIO)
            return ""
        if action == "speed":
            assert step.speed is not None
            remaining = max(1.0, self.duration - self.cockpit.now)
            self._drive(driving.hold_speed(float(self.cockpit.value(sig.SPEED)), step.speed, remaining))
            return ""
        if action == "drive":
            return self._trip(step)
        if action in ("home_event", "mqtt"):
            if self.home_link is None:
                raise ScenarioError("this step needs the home, which did not start")
            if step.home_event is not None:
                event = step.home_event
                return self.home_link.device_acts(event.device, event.action, dict(event.params))
            assert step.mqtt is not None
            return self.home_link.publish(step.mqtt.topic, step.mqtt.payload)
        return ""  # wait, expect and screenshot: the runner does those

    def _trip(self, step: Step) -> str:
        from cockpit.core.geo import distance_m
        from cockpit.vehicle.route import Route

        assert step.drive is not None
        lat, lon = float(self.cockpit.value(sig.LATITUDE)), float(self.cockpit.value(sig.LONGITUDE))
        dest = self._place(step.drive.to)
        length = distance_m(lat, lon, *dest)
        if length < 1.0:
            return f"already at {step.drive.to}"
        self.vehicle.follow_route(Route([(lat, lon), dest]))
        self._drive(driving.trip(length, step.drive.speed))
        return f"{length:.0f} m to {step.drive.to}"

    def _place(self, name: str) -> tuple[float, float]:
        """A saved place of the active driver, or home (the centre of the home's geofence)."""
        zone = self.cockpit.zone
        if name.lower() == "home" and zone is not None:
            return zone.latitude, zone.longitude
        driver = self.cockpit.driver
        places = driver.places if driver is not None else ()
        place = find_place(places, name)
        if place is None:
            known = ", ".join(sorted(p.name for p in places)) or "none"
            raise ScenarioError(f"no saved place {name!r} for this driver; known: {known}")
        return place.latitude, place.longitude

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
