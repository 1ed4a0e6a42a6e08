"""Headless runs draw off screen: no display is opened and no video driver is forced on the process,
so the tests and a scenario run in the same interpreter see the environment they started with."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest

from cockpit.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_video_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    pygame.display.quit()


def test_a_headless_run_opens_no_display_and_leaves_the_video_driver_alone(no_video_driver, tmp_path):
    shot = tmp_path / "frame.png"
    assert main(["run", "--headless", "--no-broker", "--frames", "3", "--screenshot", str(shot)]) == 0
    assert shot.stat().st_size > 0
    assert "SDL_VIDEODRIVER" not in os.environ and not pygame.display.get_init()


def test_a_scenario_run_opens_no_display_and_leaves_the_video_driver_alone(no_video_driver, tmp_path):
    assert main(["scenario", "run", str(ROOT / "scenarios" / "teen_speed_cap.yaml"),
                 "--report", str(tmp_path / "report")]) == 0
    assert (tmp_path / "report" / "report.html").is_file()
    assert "SDL_VIDEODRIVER" not in os.environ and not pygame.display.get_init()
