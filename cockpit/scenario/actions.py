"""What each scenario step does to the running session: keys, fobs, voice, driving, the home.

Every action goes in the way a person or the outside world would: keys and clicks through the
dashboard, pedals and gears as cockpit commands (source SCENARIO), utterances through an assistant
adapter, Home Assistant commands over MQTT. Each returns a line about what happened for the summary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cockpit.core import signals as sig
from cockpit.core.commands import ApplyProfile, Source
from cockpit.core.errors import ScenarioError
from cockpit.core.outcome import Outcome
from cockpit.scenario import driving
from cockpit.scenario.home_link import HomeLink
from cockpit.scenario.schema import Step
from cockpit.session import Session
from cockpit.vehicle.cycles import DriveCycle

if TYPE_CHECKING:
    from cockpit.assistants.base import AssistantAdapter
    from cockpit.personalisation.engine import ProfileEngine
    from cockpit.ui.dashboard import Dashboard
    from cockpit.vehicle.driver import CycleDriver


class StepActions:
    """Carries out steps on one session; `close()` shuts the extra assistant adapters down."""

    def __init__(self, session: Session, dashboard: Dashboard, home: HomeLink | None,
                 duration: float) -> None:
        self.session = session
        self.cockpit = session.cockpit
        self.dashboard = dashboard
        self.home = home
        self.duration = duration
        self._adapters: dict[str, AssistantAdapter] = {}
        self._driver: CycleDriver | None = None

    def perform(self, step: Step) -> str:
        """Carry out the step's action; raises CockpitError (ScenarioError ...) when it cannot."""
        action = step.action
        vehicle = self.session.vehicle
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
            result = self._adapter(step.assistant).respond(step.say)
            return f"{result.adapter}: {result.reply}"
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
        """Start already moving: in D at `speed`, with a driver holding it."""
        vehicle = self.session.vehicle
        vehicle.press_brake(100, Source.SCENARIO)
        vehicle.select_gear("D", Source.SCENARIO)
        vehicle.press_brake(0, Source.SCENARIO)
        self.cockpit.update(sig.SPEED, speed)
        self._drive(driving.hold_speed(speed, speed, self.duration))

    def present_fob(self, fob: str) -> str:
        return said(present_fob(self.session, fob))

    def close(self) -> None:
        for adapter in self._adapters.values():
            adapter.shutdown()
        self._adapters.clear()

    # --- driving and the world outside ----------------------------------------------------------
    def _drive_or_home(self, step: Step) -> str:
        action = step.action
        if action == "cycle":
            name, start, end = step.cycle_segment()
            self._stop_driver()
            self._driver = self.session.vehicle.drive_cycle(name, start, end, Source.SCENARIO)
            return ""
        if action == "speed":
            assert step.speed is not None
            remaining = max(1.0, self.duration - self.cockpit.now)
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
        return ""  # wait, expect and screenshot: the runner does those

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
        """A saved place of the active driver, or home (the geofence's home, else the profile's)."""
        active = profiles_of(self.session).active
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

    def _drive(self, trace: DriveCycle) -> None:
        self._stop_driver()
        self._driver = self.session.vehicle.drive_cycle(trace, 0.0, None, Source.SCENARIO)

    def _stop_driver(self) -> None:
        if self._driver is not None:
            self._driver.abandon()
            self._driver = None

    def _adapter(self, name: str | None) -> AssistantAdapter:
        """The driver's adapter, or the named one (created once and kept for the run)."""
        active = self.session.assistant
        if active is not None and (name is None or name == active.name):
            return active
        if name is None:
            raise ScenarioError("no assistant is active; name one with `assistant:`")
        if name not in self._adapters:
            from cockpit.assistants import registry

            self._adapters[name] = registry.create(name, self.cockpit)
        return self._adapters[name]


def profiles_of(session: Session) -> ProfileEngine:
    """The session's profile engine; raises ScenarioError before the session has started."""
    if session.profiles is None:
        raise ScenarioError("the session has not started: no driver profiles yet")
    return session.profiles


def present_fob(session: Session, fob: str) -> Outcome:
    """A key fob is presented to the car (its driver's profile is applied)."""
    from cockpit.personalisation.identity import KeyFobReader

    return KeyFobReader(profiles_of(session)).present(fob)


def said(outcome: Outcome) -> str:
    """An outcome as the summary shows it: `applied`, or `rejected: why`."""
    return outcome.status.value + (f": {outcome.reason}" if outcome.reason else "")
