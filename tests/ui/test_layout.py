"""The layout grid: no widget overlaps another or leaves the screen, from 1280x480 to 2560x1080."""

from __future__ import annotations

import itertools

import pygame
import pytest

from cockpit.core import signals as sig
from cockpit.ui.dashboard import Dashboard
from cockpit.ui.layout import CLUSTER_LAYOUTS, build_layout

SIZES = [(1280, 480), (1366, 768), (1600, 600), (1920, 720), (1920, 1080), (2560, 1080)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_widgets_do_not_overlap_and_stay_on_screen(make_dashboard, size):
    dashboard: Dashboard = make_dashboard(size)
    dashboard.frame()
    screen = pygame.Rect((0, 0), size)
    rects = [w.rect for w in dashboard.widgets]
    assert len(rects) > 20
    for rect in rects + [o.rect for o in dashboard.overlays]:
        assert rect.width > 0 and rect.height > 0
        assert screen.contains(rect), f"{rect} leaves the {size} screen"
    overlaps = [(a, b) for a, b in itertools.combinations(dashboard.widgets, 2) if a.rect.colliderect(b.rect)]
    assert overlaps == [], [(type(a).__name__, type(b).__name__) for a, b in overlaps]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_widgets_paint_only_inside_their_own_rectangles(make_dashboard, size, cockpit):
    dashboard: Dashboard = make_dashboard(size)
    cockpit = cockpit
    for path, value in ((sig.SPEED, 238.0), (sig.MOTOR_POWER, -90.0), (sig.TURN_RIGHT, True),
                        (sig.SOC_DISPLAYED, 9.0), (sig.SELECTED_GEAR, sig.GEAR_DRIVE)):
        cockpit.update(path, value)
    dashboard.frame()
    drawn, background = dashboard.surface.copy(), dashboard.skin.background.copy()
    for widget in dashboard.widgets:
        drawn.fill((0, 0, 0), widget.rect)
        background.fill((0, 0, 0), widget.rect)
    assert pygame.image.tobytes(drawn, "RGB") == pygame.image.tobytes(background, "RGB")


def test_the_grid_scales_with_the_screen():
    small, middle, large = (build_layout(size) for size in ((1280, 480), (1920, 720), (2560, 1080)))
    assert small["speedometer"].width < middle["speedometer"].width < large["speedometer"].width
    assert small.px(2) < large.px(2)


@pytest.mark.parametrize("cluster", CLUSTER_LAYOUTS)
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_cluster_layout_keeps_the_grid(make_dashboard, size, cluster, cockpit):
    dashboard: Dashboard = make_dashboard(size)
    cockpit.update(sig.CLUSTER_LAYOUT, cluster)
    dashboard.frame()
    assert dashboard.skin.cluster_layout == cluster
    screen = pygame.Rect((0, 0), size)
    for widget in dashboard.widgets:
        assert screen.contains(widget.rect), f"{type(widget).__name__} leaves the {size} screen"
    overlaps = [(a, b) for a, b in itertools.combinations(dashboard.widgets, 2) if a.rect.colliderect(b.rect)]
    assert overlaps == [], [(type(a).__name__, type(b).__name__) for a, b in overlaps]
