"""Widgets built and drawn from a read model alone: no Session, no broker, no profiles on disk.

Each test feeds a bare cockpit the events the parts would publish and looks at the pixels and
texts the dashboard draws from them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import HomeCommand, Source
from cockpit.core.events import (
    AssistantReplied,
    BrokerStateChanged,
    GeofenceChanged,
    HomeAttached,
    HomeDeviceChanged,
    HomeQueueChanged,
    ProfileApplied,
    ProfilesLoaded,
)
from cockpit.core.facts import DriverCard, HomeDevice, Place
from cockpit.core.outcome import Outcome, Status
from cockpit.ui.dashboard import Dashboard
from cockpit.ui.panels.home import HomePanel
from cockpit.ui.theme import hex_colour
from cockpit.ui.widgets.status import ProfileBadge
from cockpit.view import CockpitView
from tests.ui.conftest import pixels

GARAGE = HomeDevice("garage_left", "Left garage", "garage_door", "Garage", ("open", "close"))
PORCH = HomeDevice("porch_lamp", "Porch lamp", "light", "Porch", ("turn_on", "turn_off"))


@pytest.fixture
def bare() -> Cockpit:
    """A cockpit with nothing attached: the test plays every part by publishing its events."""
    return Cockpit()


@pytest.fixture
def screen(bare: Cockpit) -> Iterator[Dashboard]:
    view = CockpitView(bare)
    dashboard = Dashboard(view, (1920, 720))
    dashboard.frame()
    yield dashboard
    dashboard.close()
    view.close()


def publish(cockpit: Cockpit, *events: object) -> None:
    for event in events:
        cockpit.bus.publish(event)  # type: ignore[arg-type]


def test_the_badge_shows_the_driver_s_name_in_their_avatar_colour(bare, screen):
    badge = next(w for w in screen.widgets if isinstance(w, ProfileBadge))
    assert badge.texts[-1] == "Guest"
    publish(bare, ProfileApplied(time=0.0, profile_id="ines", display_name="Ines", avatar_colour="7B2CBF"))
    screen.frame()
    assert badge.texts[-1] == "Ines"
    assert hex_colour("7B2CBF") in pixels(screen.surface, badge.rect)
    assert "Ines" in screen.visible_text()  # the switch's toast


def test_the_status_bar_follows_the_broker_and_the_geofence(bare, screen):
    publish(bare, HomeAttached(time=0.0, home_id="h", devices=(GARAGE,)))
    screen.frame()
    assert "Broker offline" in screen.visible_text()
    broker = screen.layout["broker"]
    assert screen.skin.theme.danger in pixels(screen.surface, broker)
    publish(bare, BrokerStateChanged(time=0.0, online=True, url="mqtt://x"))
    bare.update(sig.LATITUDE, 48.1500)
    bare.update(sig.LONGITUDE, 11.6000)
    publish(bare, GeofenceChanged(time=0.0, latitude=48.159, longitude=11.6, radius_m=150.0, inside=False))
    screen.frame()
    assert "Broker online" in screen.visible_text() and screen.skin.theme.ok in pixels(screen.surface, broker)
    assert "1.0 km from home" in screen.visible_text()
    publish(bare, GeofenceChanged(time=1.0, latitude=48.1500, longitude=11.6000, radius_m=150.0, inside=True))
    screen.frame()
    assert "At home" in screen.visible_text()


def test_home_tiles_come_from_the_devices_their_states_and_the_queue(bare, screen):
    publish(bare, HomeAttached(time=0.0, home_id="h", devices=(GARAGE, PORCH)),
            HomeDeviceChanged(time=0.0, device_id="garage_left", state={"state": "open", "position": 100}))
    screen.model.tab = "home"
    screen.frame()
    text = screen.visible_text()
    assert {"Left garage", "Porch lamp", "Open", "100 %", "Waiting for state"} <= set(text)
    assert any("commands wait" in line for line in text)  # the broker has not come up
    publish(bare, HomeQueueChanged(time=0.0, device_ids=("garage_left",)))
    screen.frame()
    assert "Queued" in screen.visible_text()
    publish(bare, BrokerStateChanged(time=0.0, online=True), HomeQueueChanged(time=0.0, device_ids=()))
    screen.frame()
    assert "Queued" not in screen.visible_text()
    host = next(w for w in screen.widgets if type(w).__name__ == "PanelHost")
    assert isinstance(host.active, HomePanel) and [t.id for t in host.active.current.tiles] == [
        "garage_left", "porch_lamp"]


def test_tapping_a_tile_asks_its_device_through_the_cockpit(bare, screen):
    asked: list[HomeCommand] = []

    def handle(command: HomeCommand) -> Outcome:
        asked.append(command)
        return Outcome(Status.APPLIED, command)

    bare.add_handler(HomeCommand, handle)
    publish(bare, HomeAttached(time=0.0, home_id="h", devices=(GARAGE, PORCH)),
            HomeDeviceChanged(time=0.0, device_id="porch_lamp", state={"state": "ON", "brightness": 255}))
    screen.model.tab = "home"
    screen.frame()
    screen.handle_key("right")  # garage -> porch
    screen.handle_key("return")
    assert asked == [HomeCommand("porch_lamp", "turn_off", source=Source.USER)]


def test_the_carousel_shows_every_driver_and_the_skipped_files(bare, screen):
    cards = (DriverCard("ines", "Ines", "7B2CBF", "android_auto", "metric", ("fob-3",)),
             DriverCard("jo", "Jo", "E4572E", "alexa", "imperial"))
    publish(bare, ProfilesLoaded(time=0.0, drivers=cards, problems=("bad.yaml:3:1: seat: unknown key",)),
            ProfileApplied(time=0.0, profile_id="jo", display_name="Jo"))
    screen.model.tab = "profiles"
    screen.frame()
    text = screen.visible_text()
    assert {"Ines", "Jo", "Android Auto", "Key fob 3", "Imperial", "Active"} <= set(text)
    assert "Skipped profile files:" in text and "bad.yaml:3:1: seat: unknown key" in text


def test_enter_on_a_saved_place_sets_the_destination(bare, screen):
    places = (Place("Depot", 48.2, 11.5), Place("Gym", 48.1, 11.6))
    publish(bare, ProfileApplied(time=0.0, profile_id="ines", display_name="Ines", places=places))
    screen.model.tab = "navigation"
    screen.frame()
    assert {"Depot", "Gym"} <= set(screen.visible_text())
    screen.handle_key("down")
    screen.handle_key("return")
    assert (bare.value(sig.DEST_NAME), bare.value(sig.DEST_LATITUDE)) == ("Gym", 48.1)


def test_the_transcript_shows_what_the_assistant_said(bare, screen):
    publish(bare, AssistantReplied(time=0.0, adapter="alexa", utterance="open the garage",
                                   reply="Opening the garage door."))
    screen.frame()
    shown = " ".join(screen.visible_text())
    assert "open the garage" in shown and "Opening the garage door." in shown
