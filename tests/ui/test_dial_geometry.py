"""The speedometer's geometry at every size, in km/h and mph: the needle never covers a numeral
or the digital speed, it turns on a hub with a counterweight and reaches into the tick ring; the
minimal layout's bar has a scale. Measured from the rectangles the dial reports and its pixels."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.ui.dashboard import Dashboard
from cockpit.ui.widgets.gauges import HUB, MAJOR_TICK, NEEDLE_TAIL, Speedometer
from cockpit.view import CockpitView
from tests.ui.matrix import SIZES

DIALS = [(size, cluster, miles) for size in SIZES for cluster in ("CLASSIC", "SPORT") for miles in (False,
                                                                                                    True)]


def _dashboard(size: tuple[int, int], cluster: str, miles: bool) -> Iterator[Dashboard]:
    cockpit = Cockpit()
    view = CockpitView(cockpit)
    cockpit.update(sig.CLUSTER_LAYOUT, cluster)
    cockpit.update(sig.DISTANCE_UNIT, "MILES" if miles else "KILOMETERS")
    dashboard = Dashboard(view, size)
    dashboard.frame()
    yield dashboard
    dashboard.close()
    view.close()


@pytest.fixture(params=DIALS, ids=lambda d: f"{d[0][0]}x{d[0][1]}-{d[1].lower()}-{'mph' if d[2] else 'kmh'}")
def dial(request) -> Iterator[tuple[Dashboard, Speedometer]]:
    for dashboard in _dashboard(*request.param):
        yield dashboard, next(w for w in dashboard.widgets if isinstance(w, Speedometer))


def _nearest(rect: Rect, centre: tuple[float, float]) -> float:
    """The distance from `centre` to the nearest point of `rect`."""
    x = min(max(centre[0], rect.left), rect.right)
    y = min(max(centre[1], rect.top), rect.bottom)
    return math.hypot(x - centre[0], y - centre[1])


def _farthest(rect: Rect, centre: tuple[float, float]) -> float:
    return max(math.hypot(x - centre[0], y - centre[1]) for x in (rect.left, rect.right)
               for y in (rect.top, rect.bottom))


def _outline(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points every pixel along a closed polygon's edges."""
    out = []
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        steps = max(1, math.ceil(math.hypot(x2 - x1, y2 - y1)))
        out += [(x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps) for i in range(steps + 1)]
    return out


def numerals(speedometer: Speedometer) -> list[Rect]:
    return [box.rect for box in speedometer.static_boxes if box.text.isdigit()]


def test_numerals_sit_outside_the_needle_s_sweep_and_inside_the_rim(dial):
    _, speedometer = dial
    found = numerals(speedometer)
    assert len(found) == speedometer.maximum // 20 + 1
    tip = speedometer.needle_tip + speedometer.radius * 0.01  # the tip's own half width
    for rect in found:
        assert _nearest(rect, speedometer.centre) > max(tip, speedometer.scale_outer), rect
        assert _farthest(rect, speedometer.centre) < speedometer.radius * 0.965, rect  # the SPORT rim


def test_the_needle_never_covers_the_digital_speed_at_any_reading(dial):
    _, speedometer = dial
    readout = speedometer.readout_ink
    for reading in range(speedometer.maximum + 1):
        outline = _outline(speedometer.needle_points(speedometer.angle(reading)))
        assert not any(readout.collidepoint(point) for point in outline), reading


def test_the_needle_turns_on_a_hub_with_a_counterweight_and_reaches_the_ticks(dial):
    dashboard, speedometer = dial
    r, (cx, cy) = speedometer.radius, speedometer.centre
    assert speedometer.scale_outer - r * MAJOR_TICK < speedometer.needle_tip < speedometer.scale_outer
    # At rest the needle points to 0 (down-left); its counterweight points up-right past the hub.
    needle = dashboard.skin.theme.needle
    angle = math.radians(speedometer.angle(0) + 180)
    tail = (cx + r * NEEDLE_TAIL * 0.8 * math.sin(angle), cy - r * NEEDLE_TAIL * 0.8 * math.cos(angle))
    assert tuple(dashboard.surface.get_at((round(tail[0]), round(tail[1]))))[:3] == needle
    hub = (cx + r * HUB * 0.75, cy)
    assert tuple(dashboard.surface.get_at((round(hub[0]), round(hub[1]))))[:3] == needle


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("miles", [False, True], ids=["kmh", "mph"])
def test_the_minimal_speed_bar_has_a_scale_under_it(size, miles):
    for dashboard in _dashboard(size, "MINIMAL", miles):
        speedometer = next(w for w in dashboard.widgets if isinstance(w, Speedometer))
        bar = speedometer.bar
        marks = [box for box in speedometer.static_boxes if box.text.isdigit()]
        assert [box.text for box in marks] == [str(v) for v in range(0, speedometer.maximum + 1, 40)]
        for box in marks:
            assert box.rect.top > bar.bottom
            share = int(box.text) / speedometer.maximum
            assert abs(box.rect.centerx - (bar.left + bar.width * share)) <= 2
