"""sig.CLUSTER_LAYOUT changes the instrument cluster on the next frame, each layout its own way."""

from __future__ import annotations

import pygame

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.ui.dashboard import Dashboard

DIAL_NUMBERS = {str(value) for value in range(0, 241, 20)}


def _cluster(dashboard: Dashboard) -> bytes:
    area = dashboard.layout.regions["cluster"]
    return pygame.image.tobytes(dashboard.surface.subsurface(area), "RGB")


def _count(dashboard: Dashboard, colour: tuple[int, int, int]) -> int:
    area = dashboard.layout.regions["cluster"]
    mask = pygame.mask.from_threshold(dashboard.surface.subsurface(area), colour, (2, 2, 2, 255))
    return mask.count()


def _cluster_text(dashboard: Dashboard) -> set[str]:
    area = dashboard.layout.regions["cluster"]
    return {text for widget in dashboard.widgets if area.contains(widget.rect)
            for text in widget.static_texts + widget.texts}


def _switch(dashboard: Dashboard, cockpit: Cockpit, layout: str) -> None:
    cockpit.update(sig.CLUSTER_LAYOUT, layout)
    dashboard.frame()


def test_minimal_drops_the_dial_for_a_large_number(dashboard, cockpit):
    cockpit.update(sig.SPEED, 87.0)
    dashboard.frame()
    classic = _cluster(dashboard)
    assert _cluster_text(dashboard) >= DIAL_NUMBERS
    _switch(dashboard, cockpit, "MINIMAL")
    assert _cluster(dashboard) != classic
    shown = _cluster_text(dashboard)
    assert {"87", "km/h"} <= shown
    # The bar's scale: a numeral every 40 km/h, not the dial's every 20.
    assert DIAL_NUMBERS & shown == {str(value) for value in range(0, 241, 40)}
    assert "Regen" not in shown  # the power arc became a slim bar
    needle = dashboard.skin.theme.needle
    assert _count(dashboard, needle) == 0
    _switch(dashboard, cockpit, "CLASSIC")
    assert _cluster(dashboard) == classic
    assert _count(dashboard, needle) > 50


def test_sport_rings_the_dial_in_the_warm_accent(dashboard, cockpit):
    sport = dashboard.skin.theme.sport
    assert _count(dashboard, sport) == 0
    _switch(dashboard, cockpit, "SPORT")
    assert _count(dashboard, sport) > 2000
    assert _cluster_text(dashboard) >= DIAL_NUMBERS
    cockpit.update(sig.DAY_NIGHT, "DAY")
    dashboard.frame()
    assert _count(dashboard, dashboard.skin.theme.sport) > 2000


def test_minimal_speed_bar_follows_the_speed(dashboard, cockpit):
    _switch(dashboard, cockpit, "MINIMAL")
    accent = dashboard.skin.theme.accent
    slow = _count(dashboard, accent)
    cockpit.update(sig.SPEED, 200.0)
    dirty = dashboard.frame()
    assert dirty, "the speed change redraws part of the cluster"
    assert "200" in dashboard.visible_text()
    assert _count(dashboard, accent) > slow + 500
