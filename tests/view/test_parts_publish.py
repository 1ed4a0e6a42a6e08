"""Each part tells the read model what it knows through events: the home, the geofence, the profiles,
the assistant; the driver's own refused commands become notices."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import ApplyProfile, AskAssistant, HomeCommand, PresentKeyFob, SetSignal, Source
from cockpit.core.facts import Place
from cockpit.home.bridge import HomeBridge
from cockpit.home.geofence import Geofence
from cockpit.home.home_config import load_home
from cockpit.session import Session, Settings
from cockpit.view import Broker, CockpitView

PROFILES = Path(__file__).resolve().parents[2] / "profiles"


@pytest.fixture
def view(cockpit: Cockpit):
    made = CockpitView(cockpit)
    yield made
    made.close()


def test_the_bridge_announces_its_devices_and_the_view_waits_for_the_broker(cockpit, view):
    assert view.broker is Broker.DISABLED and view.devices == ()
    home = load_home(None)
    HomeBridge(cockpit, home, link=None)
    assert [device.id for device in view.devices] == [device.id for device in home.devices]
    garage = view.device("garage_door")
    assert garage is not None and garage.kind == "garage_door" and garage.room == "Garage"
    assert "open" in garage.actions
    assert view.broker is Broker.OFFLINE  # a home, not connected yet
    assert view.device("nope") is None


def test_the_geofence_announces_its_zone_and_each_crossing(cockpit, view):
    fence = Geofence(cockpit)
    assert view.zone is None and view.distance_home_m() is None
    cockpit.update(sig.LATITUDE, 52.5300)
    cockpit.update(sig.LONGITUDE, 13.4050)
    fence.configure(52.5200, 13.4050, 150.0, [], [])
    assert view.zone is not None and (view.zone.latitude, view.zone.radius_m) == (52.5200, 150.0)
    assert not view.zone.inside
    assert view.distance_home_m() == pytest.approx(1112, abs=2)  # 0.01 degrees of latitude
    cockpit.update(sig.LATITUDE, 52.5201)
    assert view.zone.inside and view.distance_home_m() == pytest.approx(11, abs=1)


def test_the_profiles_announce_every_driver_the_skipped_files_and_who_drives(tmp_path):
    for name in ("alice.yaml", "guest.yaml"):
        shutil.copy(PROFILES / name, tmp_path / name)
    (tmp_path / "broken.yaml").write_text("schema_version: 1\nidentity: {id: x, colour: red}\n")
    with Session(Settings(profiles_dir=tmp_path, state_dir=tmp_path / "state", use_broker=False)) as session:
        view = session.view
        assert view.drivers_loaded
        alice = next(card for card in view.drivers if card.id == "alice")
        assert (alice.display_name, alice.avatar_colour, alice.assistant, alice.units, alice.key_fobs) == (
            "Alice", "E4572E", "alexa", "imperial", ("fob-1",))
        assert view.profile_problems and all("broken.yaml:2:" in p for p in view.profile_problems)
        assert view.driver is not None and view.driver.id == "guest"
        assert view.assistant == "alexa"
        assert session.cockpit.submit(PresentKeyFob("fob-1")).applied
        assert view.driver.id == "alice" and view.driver.avatar_colour == "E4572E"
        assert view.driver.spoken_replies
        assert view.driver.places == (Place("Home", 60.17285, 24.95287, "home"),
                                      Place("Office", 60.16743, 24.93659, "work"))
        assert session.cockpit.value(sig.KEY_FOB) == "fob-1"


def test_a_key_fob_nobody_owns_gives_the_guest():
    with Session(Settings(use_broker=False)) as session:
        session.cockpit.submit(ApplyProfile("alice"))
        outcome = session.cockpit.submit(PresentKeyFob("fob-9"))
        assert outcome.applied and session.view.driver is not None and session.view.driver.id == "guest"


def test_asking_the_assistant_is_a_command_whose_reason_is_the_reply():
    with Session(Settings(use_broker=False)) as session:
        outcome = session.cockpit.submit(AskAssistant("what's my range?"))
        assert outcome.applied and "range" in outcome.reason
        bubbles = session.view.conversation.bubbles
        assert bubbles[-1].text == outcome.reason and bubbles[-1].adapter == "alexa"
        named = session.cockpit.submit(AskAssistant("OK Google, what's my range?", adapter="android"))
        assert named.applied and session.view.conversation.bubbles[-1].adapter == "android"
        unknown = session.cockpit.submit(AskAssistant("hello", adapter="alxa"))
        assert unknown.rejected and "alxa" in unknown.reason


def test_the_driver_hears_why_their_own_command_was_refused_but_not_others(cockpit, view):
    cockpit.submit(SetSignal(sig.SPEED, 50.0))  # a sensor: refused
    cockpit.submit(SetSignal(sig.SPEED, 50.0, source=Source.ASSISTANT))
    cockpit.submit(HomeCommand("garage_door", "open", source=Source.PROFILE))  # nothing handles it
    assert [(notice.level, notice.brief) for notice in view.notices] == [("warning", True)]
    assert "measured by the car" in view.notices[0].text and view.notice_count == 1
