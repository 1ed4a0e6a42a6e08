"""`cockpit home serve` and `cockpit home check`, run as real subprocesses."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.home.mosquitto import Mosquitto
from tests.home.conftest import RawClient, wait_for

ROOT = Path(__file__).resolve().parents[2]


def cockpit(*args: str, **options: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "cockpit", *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **options)  # type: ignore[call-overload]


def test_home_serve_answers_a_raw_command_and_stops_cleanly_on_ctrl_c(mosquitto: Mosquitto) -> None:
    raw = RawClient(mosquitto.port)
    raw.subscribe("smartcockpit/home_01/#")
    process = cockpit("home", "serve", "--broker", mosquitto.url)
    try:
        wait_for(lambda: raw.last("smartcockpit/home_01/status") == b"online", timeout=10,
                 what="serve online")
        raw.publish("smartcockpit/home_01/front_door/set", "UNLOCK")
        wait_for(lambda: json.loads(raw.last("smartcockpit/home_01/front_door/state") or b"{}").get("state")
                 == "UNLOCKED", timeout=10, what="the door unlocked by the simulated clock")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
        wait_for(lambda: raw.last("smartcockpit/home_01/status") == b"offline", what="serve saying offline")
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
        raw.stop()
    assert process.returncode == 130, err  # 128 + SIGINT: stopped by Ctrl-C, cleanly
    assert "serving 9 devices of home 'home_01'" in out and out.strip().endswith("stopped")


def test_home_serve_with_a_wrong_password_fails_with_a_clear_error(mosquitto_factory) -> None:  # type: ignore[no-untyped-def]
    broker = mosquitto_factory(users={"car": "right"})
    env = {**os.environ, "COCKPIT_MQTT_USERNAME": "car", "COCKPIT_MQTT_PASSWORD": "wrong"}
    process = cockpit("home", "serve", "--broker", f"mqtt://127.0.0.1:{broker.port}", env=env)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 1
    assert f"error: broker refused the connection: mqtt://car@127.0.0.1:{broker.port} for user 'car'" in err
    assert "wrong" not in err


@pytest.mark.parametrize(("args", "message"), [
    (["--broker", "http://x"], "error: broker URL 'http://x': scheme must be mqtt:// or mqtts://"),
    (["--home", "/nonexistent/home.yaml"], "/nonexistent/home.yaml:1:1: file: cannot read"),
], ids=["bad-url", "missing-home"])
def test_home_serve_refuses_bad_input_with_exit_2(args: list[str], message: str) -> None:
    process = cockpit("home", "serve", *args)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 2 and message in err


def test_home_check_prints_file_line_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("home_id: x\nlocation: {latitude: 1, longitude: 2}\n"
                   "devices:\n  - {id: g, type: sauna, name: S}\n")
    process = cockpit("home", "check", "cockpit/home/default_home.yaml", str(bad))
    out, err = process.communicate(timeout=20)
    assert process.returncode == 2
    assert "default_home.yaml: ok (9 devices)" in out
    assert f"{bad}:4:19: devices[0].type: 'sauna' is not one of: garage_door" in err
