"""The charging screen while the cable is in, the rear camera in R (and back to the tab after), and
the trip computer on the Car tab — on a real session, by key and click."""

from __future__ import annotations

import pygame

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal
from cockpit.ui.panels.base import PanelHost
from cockpit.ui.panels.charging import ChargingPanel
from cockpit.ui.panels.rearview import RearViewPanel
from tests.ui.conftest import pixels


def _host(dashboard) -> PanelHost:
    return next(w for w in dashboard.widgets if isinstance(w, PanelHost))


def test_plugging_in_shows_the_charging_screen_and_the_slider_sets_the_target(dashboard, session):
    c = session.cockpit
    c.update(sig.SOC, 60.0)
    dashboard.model.tab = "media"
    dashboard.handle_key("c")
    session.step(1.0)
    dashboard.frame()
    assert c.value(sig.CABLE_CONNECTED) is True and dashboard.model.screen == "charging"
    texts = dashboard.visible_text()
    assert "Charging at 50 kW" in texts  # away from home: a public charger
    assert any(text.endswith("to 80 %") for text in texts)
    dashboard.handle_key("right")
    assert c.value(sig.CHARGE_LIMIT) == 85
    panel = _host(dashboard).panel("charging")
    assert isinstance(panel, ChargingPanel)
    dashboard.click((panel.track.right - 2, panel.track.centery))
    assert c.value(sig.CHARGE_LIMIT) == 100
    dashboard.handle_key("down")  # brake, then D: refused while the cable is in
    refused = c.submit(SetSignal(sig.SELECTED_GEAR, sig.GEAR_DRIVE))
    assert refused.rejected and "unplug" in refused.reason
    dashboard.handle_key("tab")  # another tab: the charging screen steps aside
    dashboard.frame()
    assert dashboard.model.screen == "home"
    dashboard.handle_key("c")
    assert c.value(sig.CABLE_CONNECTED) is False


def test_reverse_shows_the_camera_at_once_and_the_tab_comes_back(dashboard, session):
    dashboard.model.tab = "navigation"
    dashboard.frame()
    dashboard.handle_key("down")
    dashboard.handle_key("r")
    dashboard.frame()  # the very next frame, well within FMVSS 111's 2 s
    assert dashboard.model.screen == "rearview" and "Rear camera" in dashboard.visible_text()
    panel = _host(dashboard).panel("rearview")
    assert isinstance(panel, RearViewPanel)
    straight = pygame.image.tobytes(dashboard.surface.subsurface(panel.rect), "RGB")
    dashboard.handle_key("right")
    dashboard.handle_key("right")
    dashboard.frame()
    assert session.cockpit.value(sig.STEERING_ANGLE) == 180
    assert pygame.image.tobytes(dashboard.surface.subsurface(panel.rect), "RGB") != straight  # lines bent
    red = dashboard.skin.theme.danger
    assert red in pixels(dashboard.surface, panel.rect)
    dashboard.handle_key("n")
    dashboard.frame()
    assert dashboard.model.screen == "navigation" and "Rear camera" not in dashboard.visible_text()


def test_the_wall_comes_closer_as_the_car_reverses(dashboard, session):
    c = session.cockpit
    dashboard.handle_key("down")
    dashboard.handle_key("r")
    dashboard.release_key("down")
    dashboard.frame()
    assert "6.0 m" in dashboard.visible_text()
    c.submit(SetSignal(sig.ACCELERATOR, 20))
    for _ in range(40):
        session.step(0.1)
    dashboard.frame()
    gap = next(text for text in dashboard.visible_text() if text.endswith(" m") and text[0].isdigit())
    assert float(gap.split()[0]) < 5.5


def test_the_trip_computer_shows_and_resets_trip_a(dashboard, session):
    c = session.cockpit
    c.update(sig.TRIP_METER, 12.34)
    c.update(sig.TRIP_ENERGY, 2.1)
    c.update(sig.AVERAGE_SPEED, 41.2)
    dashboard.model.tab = "car"
    dashboard.frame()
    texts = dashboard.visible_text()
    assert {"Trip A", "12.3 km", "41 km/h", "17.0 kWh/100 km", "2.1 kWh"} <= set(texts)
    panel = _host(dashboard).panel("car")
    dashboard.click(panel.reset.center)  # type: ignore[attr-defined]
    session.step(0.1)
    assert float(c.value(sig.TRIP_METER)) == 0.0
