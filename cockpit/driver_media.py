"""Gives the media player the active driver's favourite stations and default source.

Wiring between personalisation and media, which must not import each other, so it lives beside
the composition root (like driver_home). The station the driver played last reaches the player
through the profile's signals (sig.MEDIA_URI, learned), and wins over the default source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cockpit.core.events import ProfileApplied

if TYPE_CHECKING:
    from cockpit.core.cockpit import Cockpit
    from cockpit.media.player import MediaPlayer
    from cockpit.personalisation.engine import ProfileEngine


class DriverMedia:
    """Subscribes to profile switches and hands the player the new driver's favourites."""

    def __init__(self, cockpit: Cockpit, profiles: ProfileEngine, player: MediaPlayer) -> None:
        self._profiles = profiles
        self._player = player
        cockpit.bus.subscribe(self._on_profile_applied, ProfileApplied)

    def _on_profile_applied(self, event: ProfileApplied) -> None:
        active = self._profiles.active
        if active is None:
            return
        media = active.profile.media
        favourites = [(station.name, station.frequency_mhz) for station in media.favourite_stations]
        self._player.use_driver(favourites, media.default_source, bool(media.last_played))
