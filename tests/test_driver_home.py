"""The geofence follows the active driver's home and routines (wired in the session)."""

from __future__ import annotations

from cockpit.core import signals as sig
from cockpit.core.commands import ApplyProfile
from cockpit.session import Session, Settings


def test_the_geofence_takes_the_drivers_home_and_routines():
    with Session(Settings(profile="alice")) as session:
        assert session.home is not None and session.profiles.active is not None
        geofence = session.home.geofence
        alice_home = session.profiles.active.profile.home
        assert alice_home is not None
        assert geofence.home == (alice_home.latitude, alice_home.longitude)
        assert [c.device_id for c in geofence.arrive] == [a.device for a in alice_home.on_arrive]

        session.cockpit.submit(ApplyProfile("guest"))  # the guest has no home: the home file's
        file_home = session.home.home
        assert geofence.home == (file_home.location.latitude, file_home.location.longitude)
        assert [c.device_id for c in geofence.leave] == [s.device for s in file_home.routines.leave]


def test_arriving_at_the_drivers_home_runs_the_drivers_routine():
    with Session(Settings(profile="alice")) as session:
        assert session.home is not None
        geofence = session.home.geofence
        lat, lon = geofence.home
        session.cockpit.update(sig.LATITUDE, lat + 0.05)
        session.cockpit.update(sig.LONGITUDE, lon)
        assert geofence.inside is False
        session.cockpit.update(sig.LATITUDE, lat)
        assert geofence.inside is True
        assert [o.command.device_id for o in geofence.last_outcomes] == [
            c.device_id for c in geofence.arrive]
        assert all(not o.rejected for o in geofence.last_outcomes), [o.reason for o in geofence.last_outcomes]
