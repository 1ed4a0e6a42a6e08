"""The composition root: one `Session` holds every part of a running cockpit and advances them.

The pygame app, the headless run, the scenario runner and the benchmarks all drive a Session;
none of them wires parts together on its own. `Session(settings)` builds the core and the vehicle;
`start()` (or entering the context manager) attaches everything else.

`session.vehicle` is the simulated car (cockpit.vehicle.model.VehicleModel). The keyboard, the UI
and scenarios drive it with `press_accelerator(percent)`, `press_brake(percent)`,
`select_gear("P" | "R" | "N" | "D")` (returns the Outcome; a refused shift says why),
`signal_turn("left" | "right" | None)`, `follow_route(Route)` and
`drive_cycle(name, start_s, end_s)`; the UI reads `lamp_lit(now)` and `speed_warning_active`.

`session.view` is the read model (cockpit.view.CockpitView) the dashboard, the scenario probes and
`cockpit say` read; it is built before any part is attached, so it sees every event.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from cockpit.core.cockpit import Cockpit
from cockpit.core.errors import CockpitError
from cockpit.core.events import NoticeRaised
from cockpit.core.text import Text
from cockpit.settings import Settings
from cockpit.vehicle.model import VehicleModel
from cockpit.view import CockpitView

if TYPE_CHECKING:
    from cockpit.assistants.base import AssistantAdapter
    from cockpit.driver_assistant import DriverAssistant
    from cockpit.home.service import HomeService
    from cockpit.media.player import MediaPlayer
    from cockpit.navigation.navigator import Navigator
    from cockpit.personalisation.engine import ProfileEngine
    from cockpit.personalisation.roaming.sync import RoamingSync
    from cockpit.vss.service import VssApi

logger = logging.getLogger(__name__)

__all__ = ["Session", "Settings"]


class Session:
    """A running cockpit and everything attached to it. Use as a context manager."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.cockpit = Cockpit()
        self.view = CockpitView(self.cockpit)
        self.vehicle = VehicleModel(self.cockpit)
        self.vehicle.install()
        self._started = False
        self._assistant: DriverAssistant | None = None
        self.profiles: ProfileEngine | None = None
        self.home: HomeService | None = None
        self.vss: VssApi | None = None
        self.media: MediaPlayer | None = None
        self.navigation: Navigator | None = None
        self.roaming: RoamingSync | None = None
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
        from cockpit.driver_media import DriverMedia
        from cockpit.media import catalogue
        from cockpit.media.player import MediaPlayer
        from cockpit.personalisation import engine as profile_engine

        settings = self.settings
        self._add_extension_signals()
        if settings.profiles_url:
            from cockpit.personalisation.roaming.sync import install_roaming  # nats-py: the fleet extra

            self.profiles, self.roaming = install_roaming(self.cockpit, settings.profiles_url,
                                                          settings.state_dir)
            self.roaming.start()
        else:
            self.profiles = profile_engine.install(self.cockpit, settings.profiles_dir, settings.state_dir)
        profiles = self.profiles
        self._assistant = DriverAssistant(self.cockpit, profiles, settings.assistant)
        self.media = MediaPlayer(self.cockpit, catalogue.load())
        self.media.install()
        DriverMedia(self.cockpit, profiles, self.media)
        self._attach_navigation()
        if settings.use_broker:
            from cockpit.home.service import start_home  # paho, amqtt: only with a broker

            self.home = start_home(self.cockpit, settings)
            DriverHome(self.cockpit, profiles, self.home)
        if settings.vss_api is not None:
            from cockpit.vss import start_api  # grpc: only with the API

            self.vss = start_api(self.cockpit, settings.vss_api)
        profiles.start(settings.profile)

    def _add_extension_signals(self) -> None:
        """The signals installed plugins add (entry points `cockpit.signals`); a plugin that cannot
        be used is left out and named in a notice and the log."""
        from cockpit import plugins

        found, problems = plugins.signal_plugins()
        for plugin in found:
            try:
                self.cockpit.add_signals(plugin.signals)
            except CockpitError as error:
                problems.append(f"signal plugin {plugin.name!r}: {error}")
        for problem in problems:
            logger.warning("%s", problem)
            self.cockpit.bus.publish(NoticeRaised(time=self.cockpit.now, level="warning",
                                                  text=Text("A plugin's signals could not be added")))

    def _attach_navigation(self) -> None:
        """Routing on the shipped road map; the car follows the roads the navigator hands it."""
        from cockpit.navigation import roads
        from cockpit.navigation.navigator import Navigator  # networkx
        from cockpit.vehicle.route import Route

        def follow(points: Sequence[tuple[float, float]] | None) -> None:
            self.vehicle.follow_route(Route(points) if points else None)

        self.navigation = Navigator(self.cockpit, roads.load(), follow)
        self.navigation.install()

    @property
    def assistants(self) -> DriverAssistant | None:
        """The driver's adapter and the others voice reaches by wake word (None before start)."""
        return self._assistant

    @property
    def assistant(self) -> AssistantAdapter | None:
        """The active driver's assistant adapter (or the one the settings fixed)."""
        return self._assistant.adapter if self._assistant is not None else None

    def wait_for_home(self, timeout: float) -> None:
        """Block until the home's broker is reachable (no-op without a home); raises BridgeError."""
        if self.home is not None:
            self.home.wait_online(timeout)

    def flush_home(self, timeout: float) -> bool:
        """Wait until the broker acknowledged what the home sent last; False on timeout or offline."""
        return self.home.link.flush(timeout) if self.home is not None else True

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
        if self.vss is not None:
            self.vss.close()
        if self.roaming is not None:
            self.roaming.close()
        self.view.close()
        logger.debug("session closed at t=%.3f s", self.cockpit.now)

    def __enter__(self) -> Session:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
