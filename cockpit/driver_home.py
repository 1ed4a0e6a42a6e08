"""Points the home's geofence at the active driver's home and routines.

Wiring between personalisation and home, which must not import each other, so it lives beside
the composition root: on every ProfileApplied the geofence takes the driver's home position,
radius and arrive/leave routines; a driver without a home section gets the home file's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cockpit.core.commands import HomeCommand, Source
from cockpit.core.events import ProfileApplied

if TYPE_CHECKING:
    from cockpit.core.cockpit import Cockpit
    from cockpit.home.service import HomeService
    from cockpit.personalisation.engine import ProfileEngine
    from cockpit.personalisation.schema import HomeAction


class DriverHome:
    """Subscribes to profile switches and reconfigures `home.geofence` for the new driver."""

    def __init__(self, cockpit: Cockpit, profiles: ProfileEngine, home: HomeService) -> None:
        self._profiles = profiles
        self._home = home
        cockpit.bus.subscribe(self._on_profile_applied, ProfileApplied)

    def _on_profile_applied(self, event: ProfileApplied) -> None:
        active = self._profiles.active
        driver_home = active.profile.home if active is not None else None
        if driver_home is None:
            self._home.use_home_file_routines()
            return
        self._home.geofence.configure(driver_home.latitude, driver_home.longitude,
                                      driver_home.geofence_radius_m, _commands(driver_home.on_arrive),
                                      _commands(driver_home.on_leave))


def _commands(actions: list[HomeAction]) -> list[HomeCommand]:
    return [HomeCommand(action.device, action.action, dict(action.params), source=Source.PROFILE)
            for action in actions]
