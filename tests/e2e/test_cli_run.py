"""`cockpit run`, `run_sim.py` and `cockpit bench render` as real subprocesses from the repo root."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pygame

ROOT = Path(__file__).resolve().parents[2]


def cockpit(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cockpit", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=dict(os.environ, SDL_VIDEODRIVER="dummy"))


def test_headless_run_writes_a_screenshot_of_the_requested_size(tmp_path):
    shot = tmp_path / "x.png"
    result = cockpit("run", "--headless", "--frames", "30", "--screenshot", str(shot), "--size", "1280x480")
    assert result.returncode == 0, result.stderr
    image = pygame.image.load(str(shot))
    assert image.get_size() == (1280, 480)
    corner = image.get_at((2, 2))
    centre = image.get_at((640, 240))
    assert corner != centre  # something was drawn, not a blank picture


def test_run_sim_py_does_the_same_as_cockpit_run(tmp_path):
    shot = tmp_path / "sim.png"
    command = [sys.executable, "run_sim.py", "--headless", "--frames", "5", "--screenshot", str(shot)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert pygame.image.load(str(shot)).get_size() == (1920, 720)


def test_a_bad_size_is_invalid_input():
    result = cockpit("run", "--headless", "--frames", "1", "--size", "big")
    assert result.returncode == 2
    assert "size must be WxH" in result.stderr


def test_bench_render_json_prints_one_object_in_the_design_format():
    result = cockpit("bench", "render", "--json", timeout=120)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert report["bench"] == "render"
    assert set(report["metrics"]) == {"full_frame", "typical_frame", "map_frame", "first_frame"}
    for name, unit in (("full_frame", "ms"), ("typical_frame", "ms"), ("map_frame", "ms"),
                       ("first_frame", "s")):
        metric = report["metrics"][name]
        assert metric["unit"] == unit
        assert 0 < metric["median"] <= metric["p99"]
    assert "python" in report["machine"]


def test_ctrl_c_shuts_the_window_down_cleanly(tmp_path):
    shot = tmp_path / "interrupted.png"
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", COCKPIT_FIRST_FRAME_T0=repr(time.monotonic()))
    command = [sys.executable, "-m", "cockpit", "run", "--headless", "--screenshot", str(shot)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("first_frame ")  # the loop is running
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, stderr  # 128 + SIGINT, in the loop as during start-up
    assert "Traceback" not in stderr
    assert pygame.image.load(str(shot)).get_size() == (1920, 720)
