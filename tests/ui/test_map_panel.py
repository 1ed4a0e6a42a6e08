"""The Navigation tab's map: drawn from the shipped OpenStreetMap shapes, zoomed and panned by
wheel and keys, the route and the next turn shown; the map loads only when first shown."""

from __future__ import annotations

import json
import subprocess
import sys

import pygame

from cockpit.core import signals as sig
from cockpit.core.commands import Source
from cockpit.core.places import destination_commands
from cockpit.ui.map_tiles import palette
from cockpit.ui.panels.base import PanelHost
from cockpit.ui.panels.navigation import NavigationPanel
from cockpit.ui.widgets.cluster import NextTurn
from tests.ui import matrix
from tests.ui.conftest import pixels

HOME = ("Home", 60.17285, 24.95287)


def _panel(dashboard) -> NavigationPanel:
    dashboard.model.tab = "navigation"
    dashboard.frame()
    host = next(w for w in dashboard.widgets if isinstance(w, PanelHost))
    panel = host.panel("navigation")
    assert isinstance(panel, NavigationPanel)
    return panel


def test_the_map_is_drawn_with_its_attribution(dashboard, cockpit):
    panel = _panel(dashboard)
    colours = pixels(dashboard.surface, panel.map_rect.inflate(-200, -200))
    map_colours = palette(dashboard.skin.theme)
    assert {map_colours.building, map_colours.land} <= colours
    assert "© OpenStreetMap contributors (ODbL)" in dashboard.visible_text()
    assert "Where to?" in dashboard.visible_text()


def test_a_route_shows_on_the_map_in_the_card_and_in_the_cluster(dashboard, session):
    panel = _panel(dashboard)
    for command in destination_commands(*HOME, source=Source.USER):
        session.cockpit.submit(command)
    session.step(0.2)
    dashboard.frame()
    texts = dashboard.visible_text()
    assert "Home" in texts and any(text.startswith("Arrive ") for text in texts)
    assert dashboard.skin.theme.accent in pixels(dashboard.surface, panel.map_rect)  # the route line
    turn = next(w for w in dashboard.widgets if isinstance(w, NextTurn))
    assert turn.texts and turn.texts[0].endswith((" m", " km"))


def test_the_cluster_names_the_next_road_in_full_at_the_smallest_size(make_dashboard, session):
    dashboard = make_dashboard((1280, 480))
    for command in destination_commands(*HOME, source=Source.USER):
        session.cockpit.submit(command)
    session.step(0.2)
    dashboard.frame()
    turn = next(w for w in dashboard.widgets if isinstance(w, NextTurn))
    road = session.view.guidance.next.road
    assert road and road in turn.texts, f"{road!r} cut to {turn.texts}"


def test_the_wheel_zooms_shift_arrows_pan_and_home_follows(dashboard):
    panel = _panel(dashboard)
    start = dashboard.model.map_zoom
    dashboard.scroll(panel.map_rect.center, 1)
    assert dashboard.model.map_zoom == start - 1
    dashboard.handle_key("page down")
    dashboard.handle_key("page down")
    assert dashboard.model.map_zoom == start + 1
    before = dashboard.surface.copy()
    dashboard.handle_key("shift+left")
    dashboard.frame()
    assert dashboard.model.map_pan is not None and dashboard.model.map_pan[0] < 0
    assert pixels(before, panel.map_rect.inflate(-300, -300)) != pixels(dashboard.surface,
                                                                         panel.map_rect.inflate(-300, -300))
    dashboard.handle_key("home")
    assert dashboard.model.map_pan is None


def test_the_map_data_loads_only_when_the_map_is_shown():
    code = ("import os, sys, json; os.environ['PYGAME_HIDE_SUPPORT_PROMPT'] = '1';"
            "from cockpit.core.cockpit import Cockpit; from cockpit.view import CockpitView;"
            "from cockpit.ui.dashboard import Dashboard; d = Dashboard(CockpitView(Cockpit()), (1920, 720));"
            "d.frame(); print(json.dumps(sorted(m for m in sys.modules"
            " if m.startswith(('cockpit', 'networkx')))))")
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                       text=True).stdout)
    assert "cockpit.ui.map_tiles" not in loaded and "networkx" not in loaded
    assert "cockpit.navigation.roads" not in loaded


def test_the_map_follows_the_car_drawn_at_its_centre(dashboard, cockpit):
    panel = _panel(dashboard)
    centre = panel.map_rect.center
    middle = pygame.Rect(centre[0] - 12, centre[1] - 12, 24, 24)
    assert dashboard.skin.theme.accent in pixels(dashboard.surface, middle)
    cockpit.update(sig.LONGITUDE, float(cockpit.value(sig.LONGITUDE)) + 0.001)  # 55 m east
    dashboard.frame()
    middle = pygame.Rect(centre[0] - 12, centre[1] - 12, 24, 24)
    assert dashboard.skin.theme.accent in pixels(dashboard.surface, middle)


def test_the_route_card_of_the_last_stretch_starts_at_the_destination():
    """No turn left: no empty band where the turn was (the destination is the card's first line)."""
    combo = matrix.Combination((1920, 720), "night", "en-GB", "CLASSIC")
    for dashboard, cockpit in matrix.staged(combo):
        matrix.EXTRA_SCENES["last-stretch"](dashboard, cockpit)
        dashboard.frame()
        host = next(w for w in dashboard.widgets if isinstance(w, PanelHost))
        boxes = host.panel("navigation").boxes
        destination = next(box for box in boxes if box.text == "Home")
        assert destination.rect.top - destination.card.top <= dashboard.layout.px(3)
        assert not any(box.text == "Pohjoisesplanadi" for box in boxes)
