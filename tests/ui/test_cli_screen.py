"""`cockpit run` as a real subprocess: the profile badge and the broker dot in the saved screenshot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame

from cockpit.ui.layout import build_layout
from cockpit.ui.theme import NIGHT, hex_colour
from tests.ui.conftest import pixels

ROOT = Path(__file__).resolve().parents[2]


def test_run_with_a_profile_and_no_broker_shows_the_driver_badge_and_a_grey_broker_dot(tmp_path):
    shot = tmp_path / "alice.png"
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", COCKPIT_STATE_DIR=str(tmp_path / "state"))
    result = subprocess.run([sys.executable, "-m", "cockpit", "run", "--headless", "--no-broker", "--profile",
                             "alice", "--frames", "20", "--screenshot", str(shot)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    image = pygame.image.load(str(shot))
    layout = build_layout(image.get_size())
    assert hex_colour("E4572E") in pixels(image, layout["profile"])  # Alice's avatar colour
    broker = pixels(image, layout["broker"])
    assert NIGHT.track in broker and NIGHT.ok not in broker and NIGHT.danger not in broker
