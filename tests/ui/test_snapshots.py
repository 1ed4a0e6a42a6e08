"""A few whole-screen PNG snapshots, compared with a small tolerance.

Fonts come only from the package, so the pictures match on every machine. After an intended
change of the look, refresh them with `UPDATE_SNAPSHOTS=1 pytest tests/ui/test_snapshots.py` and
look at the new PNGs before committing them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import SetSignal
from cockpit.core.events import AssistantReplied
from cockpit.ui.dashboard import Dashboard

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
SIZE = (1280, 480)
MEAN_TOLERANCE = 1.0  # mean absolute difference per channel, 0..255
CHANGED_PIXELS = 0.002  # share of pixels allowed to differ by more than 24 in a channel


def night_driving(dashboard: Dashboard, cockpit: Cockpit) -> None:
    for path, value in ((sig.DAY_NIGHT, "NIGHT"), (sig.SPEED, 87.0), (sig.SELECTED_GEAR, sig.GEAR_DRIVE),
                        (sig.MOTOR_POWER, 34.0), (sig.TURN_LEFT, True), (sig.SOC_DISPLAYED, 72.0),
                        (sig.RANGE, 281_000)):
        cockpit.update(path, value)
    cockpit.bus.publish(AssistantReplied(time=0.0, adapter="alexa", utterance="a bit warmer",
                                         reply="Driver temperature set to 21.5 degrees"))


def day_media_german(dashboard: Dashboard, cockpit: Cockpit) -> None:
    cockpit.update(sig.LANGUAGE, "de-DE")
    cockpit.submit(SetSignal(sig.MEDIA_URI, "album:blue-tram/2"))
    cockpit.tick(83.0)
    dashboard.handle_key("tab")  # car -> profiles -> media
    dashboard.handle_key("tab")


def night_help(dashboard: Dashboard, cockpit: Cockpit) -> None:
    cockpit.update(sig.DAY_NIGHT, "NIGHT")
    dashboard.handle_key("f1")


SCENES: dict[str, Callable[[Dashboard, Cockpit], None]] = {
    "night_driving": night_driving, "day_media_german": day_media_german, "night_help": night_help}


def difference(a: pygame.Surface, b: pygame.Surface) -> tuple[float, float]:
    """Mean absolute difference per channel and the share of clearly changed pixels."""
    over, under = a.copy(), b.copy()
    over.blit(b, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    under.blit(a, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    over.blit(under, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    mean = sum(pygame.transform.average_color(over, over.get_rect())[:3]) / 3
    same = pygame.mask.from_threshold(over, (0, 0, 0), (25, 25, 25, 255)).count()
    total = over.get_width() * over.get_height()
    return mean, (total - same) / total


@pytest.mark.parametrize("name", sorted(SCENES))
def test_snapshot(make_dashboard, cockpit, name):
    dashboard = make_dashboard(SIZE)
    dashboard.frame()
    SCENES[name](dashboard, cockpit)
    dashboard.frame()
    path = SNAPSHOTS / f"{name}.png"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        dashboard.screenshot(path)
    actual = dashboard.surface.copy()
    expected = actual.copy()  # the same pixel format as the dashboard's surface
    expected.blit(pygame.image.load(str(path)), (0, 0))
    mean, changed = difference(actual, expected)
    assert mean <= MEAN_TOLERANCE and changed <= CHANGED_PIXELS, (
        f"{name}: mean difference {mean:.2f}, {changed:.2%} of pixels changed; "
        f"run with UPDATE_SNAPSHOTS=1 if the new look is intended")


def test_the_comparison_notices_a_change():
    a = pygame.Surface((100, 100))
    a.fill((10, 10, 10))
    b = a.copy()
    pygame.draw.rect(b, (200, 200, 200), (0, 0, 30, 30))
    mean, changed = difference(a, b)
    assert changed == pytest.approx(0.09) and mean > MEAN_TOLERANCE
    assert difference(a, a.copy()) == (0.0, 0.0)
