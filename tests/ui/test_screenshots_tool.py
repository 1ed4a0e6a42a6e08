"""`make screenshots` (tools/screenshots.py) in a real subprocess: every picture it promises, at its
size, and the themes really differ. Behind the `matrix` marker: it drives a session for 15 s."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from tests.ui.conftest import luminance

ROOT = Path(__file__).resolve().parents[2]
SIZES = ((1280, 480), (1920, 720), (2560, 1080))


@pytest.mark.matrix
def test_make_screenshots_draws_every_size_theme_and_layout(tmp_path: Path) -> None:
    hero = tmp_path / "hero.png"
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "screenshots.py"), str(tmp_path / "screens"),
                           str(hero)], capture_output=True, text=True, timeout=170, check=False)
    assert done.returncode == 0, done.stderr
    made = {path.name for path in (tmp_path / "screens").iterdir()}
    themes = {f"{w}x{h}-{theme}.png" for w, h in SIZES for theme in ("night", "day", "high-contrast")}
    layouts = {f"layout-{layout}-{language}.png" for layout in ("classic", "minimal", "sport")
               for language in ("en", "de")}
    assert made == themes | layouts
    assert pygame.image.load(hero).get_size() == (1920, 720)
    for width, height in SIZES:
        night, day = (pygame.image.load(tmp_path / "screens" / f"{width}x{height}-{theme}.png")
                      for theme in ("night", "day"))
        assert night.get_size() == day.get_size() == (width, height)
        assert luminance(day) > luminance(night) + 60
