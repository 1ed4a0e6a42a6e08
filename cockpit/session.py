"""The composition root: one `Session` holds every part of a running cockpit and advances them.

The pygame app, the headless run, the scenario runner and the benchmarks all drive a Session;
none of them wires parts together on its own. `Session(settings)` builds the core and the vehicle;
`start()` (or entering the context manager) attaches everything else.

`session.vehicle` is the simulated car (cockpit.vehicle.model.VehicleModel). The keyboard, the UI
and scenarios drive it with `press_accelerator(percent)`, `press_brake(percent)`,
`select_gear("P" | "R" | "N" | "D")` (returns the Outcome; a refused shift says why),
`signal_turn("left" | "right" | None)`, `follow_route(Route)` and
`drive_cycle(name, start_s, end_s)`; the UI reads `lamp_lit(now)` and `speed_warning_active`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from cockpit.core.cockpit import Cockpit
from cockpit.vehicle.model import VehicleModel

if TYPE_CHECKING:
    from cockpit.assistants.base import AssistantAdapter
    from cockpit.driver_assistant import DriverAssistant
    from cockpit.home.service import HomeService
    from cockpit.personalisation.engine import ProfileEngine

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Settings:
    """How to build a session; the CLI fills it from its options."""

    profiles_dir: Path | None = None
    profile: str | None = None
    state_dir: Path | None = None
    broker_url: str | None = None
    use_broker: bool = True
    assistant: str | None = None
    size: tuple[int, int] = (1920, 720)
    headless: bool = False
    home_file: Path | None = None
    mqtt_ca_file: str | None = None
    mqtt_cert_file: str | None = None
    mqtt_key_file: str | None = None
    mqtt_version: str = "3.1.1"


class Session:
    """A running cockpit and everything attached to it. Use as a context manager."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.cockpit = Cockpit()
        self.vehicle = VehicleModel(self.cockpit)
        self.vehicle.install()
        self._started = False
        self._assistant: DriverAssistant | None = None
        self.profiles: ProfileEngine | None = None
        self.home: HomeService | None = None
        self._closed = False

    def start(self) -> None:
        """Attach the parts that load files or libraries (profiles, ...); safe to call twice.

        Kept out of the constructor so the dashboard can show its first frame before pydantic and
        YAML are imported; raises ProfileError for an unknown start profile (and closes what it
        had started).
        """
        if self._started:
            return
        self._started = True
        try:
            self._attach_parts()
        except BaseException:
            self.close()
            raise

    def _attach_parts(self) -> None:
        from cockpit.driver_assistant import DriverAssistant  # pydantic, YAML, entry points
        from cockpit.driver_home import DriverHome
        from cockpit.personalisation import engine as profile_engine

        settings = self.settings
        self.profiles = profiles = profile_engine.install(self.cockpit, settings.profiles_dir,
                                                          settings.state_dir)
        self._assistant = DriverAssistant(self.cockpit, profiles, settings.assistant)
        if settings.use_broker:
            from cockpit.home.service import start_home  # paho, amqtt: only with a broker

            self.home = start_home(self.cockpit, settings)
            DriverHome(self.cockpit, profiles, self.home)
        profiles.start(settings.profile)

    @property
    def assistants(self) -> DriverAssistant | None:
        """The driver's adapter and the others voice reaches by wake word (None before start)."""
        return self._assistant

    @property
    def assistant(self) -> AssistantAdapter | None:
        """The active driver's assistant adapter (or the one the settings fixed)."""
        return self._assistant.adapter if self._assistant is not None else None

    def step(self, dt: float) -> None:
        """Advance the whole cockpit by `dt` simulated seconds."""
        self.cockpit.tick(dt)

    def close(self) -> None:
        """Stop every part; safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        if self._assistant is not None:
            self._assistant.close()
        if self.home is not None:
            self.home.close()
        logger.debug("session closed at t=%.3f s", self.cockpit.now)

    def __enter__(self) -> Session:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
