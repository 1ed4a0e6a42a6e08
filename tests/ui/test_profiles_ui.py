"""The driver's side of profiles on screen: badge, key fobs, carousel, change summary, skipped files."""

from __future__ import annotations

import shutil
from pathlib import Path

from cockpit.core import signals as sig
from cockpit.session import Session, Settings
from cockpit.ui.dashboard import Dashboard
from cockpit.ui.panels.profiles import ProfilesPanel
from cockpit.ui.theme import hex_colour
from cockpit.ui.widgets.status import ProfileBadge
from tests.ui.conftest import pixels

PROFILES = Path(__file__).resolve().parents[2] / "profiles"


def badge(dashboard: Dashboard) -> ProfileBadge:
    return next(w for w in dashboard.widgets if isinstance(w, ProfileBadge))


def active_id(dashboard: Dashboard) -> str:
    driver = dashboard.cockpit.driver
    assert driver is not None
    return driver.id


def test_fob_key_2_applies_the_second_driver_and_the_badge_takes_his_name_and_colour(ui, cockpit):
    bernd = hex_colour("2E86AB")
    assert bernd not in pixels(ui.surface, badge(ui).rect)
    ui.handle_key("2")
    ui.frame()
    assert active_id(ui) == "bernd"
    assert cockpit.value(sig.KEY_FOB) == "fob-2"
    assert badge(ui).texts[-1] == "Bernd"
    assert bernd in pixels(ui.surface, badge(ui).rect)


def test_an_unknown_fob_gives_the_guest(ui):
    ui.handle_key("1")
    ui.frame()
    assert active_id(ui) == "alice"
    ui.handle_key("4")
    ui.frame()
    assert active_id(ui) == "guest"
    assert "Guest" in badge(ui).texts


def test_the_carousel_applies_the_selected_profile_on_enter(ui, cockpit):
    ui.handle_key("tab")  # Car -> Profiles
    ui.frame()
    assert ui.model.tab == "profiles"
    assert {"Bernd", "Guest", "Tom"} <= set(ui.visible_text())  # guest in the middle, its neighbours
    ui.handle_key("right")
    ui.frame()
    assert active_id(ui) == "guest"  # moving only selects
    ui.handle_key("return")
    ui.frame()
    assert active_id(ui) == "tom"
    assert cockpit.value(sig.DRIVER_ID) == "tom"
    assert "Aktiv" in ui.visible_text()  # Tom extends Bernd: German


def test_clicking_a_side_card_selects_it_and_clicking_the_middle_one_applies_it(ui):
    ui.model.tab = "profiles"
    ui.frame()
    panel = next(w for w in ui.widgets if type(w).__name__ == "PanelHost").active
    assert isinstance(panel, ProfilesPanel)
    left, middle, _ = panel._slots()
    ui.click(left[1].center)
    ui.frame()
    assert panel.current.cards[panel.current.selected].id == "bernd"
    ui.click(middle[1].center)
    ui.frame()
    assert active_id(ui) == "bernd"


def test_a_switch_while_driving_greets_in_one_line_and_keeps_the_screen_until_parked(ui, cockpit):
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    cockpit.update(sig.SPEED, 40.0)
    ui.handle_key("2")
    ui.frame()
    text = ui.visible_text()
    assert "Willkommen zurück, Bernd" in text  # in Bernd's language, on an English screen
    assert not any(line.startswith("Bernd: ") or (" · " in line and "Sitz" in line) for line in text)
    assert cockpit.value(sig.LANGUAGE) == "en-GB", "the screen's language waits until parked"
    assert any(line.startswith("After parking: ") for line in text)
    ui.handle_key("i")
    ui.frame()
    drawer = ui.visible_text()
    assert {"Was sich für Bernd geändert hat", "Nach dem Parken", "Sofort übernommen"} <= set(drawer)
    assert "Sitz in die Position von Bernd" in drawer


def test_invalid_profile_files_are_shown_even_when_skipped_before_the_dashboard_existed(tmp_path):
    shutil.copy(PROFILES / "guest.yaml", tmp_path / "guest.yaml")
    (tmp_path / "broken.yaml").write_text("schema_version: 1\nidentity:\n  id: x\n  colour: red\n")
    settings = Settings(profiles_dir=tmp_path, state_dir=tmp_path / "state", use_broker=False)
    with Session(settings) as session:
        dashboard = Dashboard(session.view, (1920, 720))
        dashboard.frame()
        warning = next(t for t in dashboard.visible_text() if t.startswith("skipped invalid profile:"))
        assert "broken.yaml:" in warning
        dashboard.model.tab = "profiles"
        dashboard.frame()
        text = dashboard.visible_text()
        assert "Skipped profile files:" in text and any(t.startswith(str(tmp_path / "broken.yaml")) or
                                                        "broken.yaml:" in t for t in text)
        dashboard.close()


def test_warnings_published_while_the_session_starts_reach_the_screen(tmp_path):
    (tmp_path / "broken.yaml").write_text("identity: [")
    shutil.copy(PROFILES / "guest.yaml", tmp_path / "guest.yaml")
    session = Session(Settings(profiles_dir=tmp_path, state_dir=tmp_path / "state", use_broker=False))
    dashboard = Dashboard(session.view, (1920, 720))  # as `cockpit run` does: the UI first, then start()
    try:
        dashboard.frame()
        session.start()
        dashboard.frame()
        warnings = [t for t in dashboard.visible_text() if t.startswith("skipped invalid profile:")]
        assert len(warnings) == 1 and "broken.yaml" in warnings[0]
        assert "Guest" in badge(dashboard).texts
    finally:
        dashboard.close()
        session.close()


def test_the_welcome_and_what_changed_are_in_the_new_driver_s_language(ui):
    ui.handle_key("2")
    ui.frame()
    assert "Willkommen zurück, Bernd" in ui.visible_text()
    ui.handle_key("1")
    ui.handle_key("i")
    ui.frame()
    english = ui.visible_text()
    assert "Welcome back, Alice" not in english, "the drawer covers the welcome line"
    assert {"What changed for Alice", "Seat moving to Alice's position", "Minimal cluster"} <= set(english)

