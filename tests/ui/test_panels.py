"""The centre display's panel registry: later parts plug their panels into a tab."""

from __future__ import annotations

import pygame
import pytest

from cockpit.core import signals as sig
from cockpit.ui.fonts import Weight
from cockpit.ui.panels import base
from cockpit.ui.panels.base import TABS, Panel, panel_class, register_panel
from cockpit.ui.widgets.base import View


class GaragePanel(Panel[str]):
    title = "Home"

    def state(self, view: View) -> str:
        return "Garage door open" if view.value(sig.DOOR_LOCKED) else "Garage door closed"

    def paint_body(self, surface: pygame.Surface) -> None:
        self.text(surface, self.current, Weight.SEMIBOLD, 20, self.theme.text, self.body.topleft, "topleft")


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(base, "_registered", {})


def test_every_tab_has_a_built_in_panel():
    for tab, _ in TABS:
        assert issubclass(panel_class(tab), Panel)


def test_a_registered_panel_replaces_the_built_in_one(clean_registry, make_dashboard, cockpit):
    register_panel("home", GaragePanel)
    dashboard = make_dashboard((1280, 480))
    dashboard.model.tab = "home"
    dashboard.frame()
    assert "Garage door closed" in dashboard.visible_text()
    assert "No home devices connected." not in dashboard.visible_text()
    cockpit.update(sig.DOOR_LOCKED, True)
    dirty = dashboard.frame()
    assert "Garage door open" in dashboard.visible_text()
    panel_rect = dashboard.layout["panel"]
    assert dirty == [panel_rect]


def test_an_unknown_tab_is_refused(clean_registry):
    with pytest.raises(ValueError, match="unknown tab 'garage'; tabs: media, home"):
        register_panel("garage", GaragePanel)


@pytest.mark.parametrize("tab,expected", [
    ("media", "Library"), ("home", "No home connected"), ("navigation", "Where to?"),
    ("profiles", "Bernd"), ("car", "Seat position")])
def test_each_built_in_panel_draws(dashboard, tab, expected):
    dashboard.model.tab = tab
    dashboard.frame()
    assert any(expected in text for text in dashboard.visible_text()), dashboard.visible_text()
