"""Bad input and failures through the real `cockpit` command: exit 2 for invalid input, 1 for a
runtime failure, an `error: ...` line and never a traceback (that needs --debug)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

ROOT = Path(__file__).resolve().parents[2]


def cockpit(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cockpit", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=dict(os.environ, SDL_VIDEODRIVER="dummy"))


def assert_error(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(("error: ", "cockpit ")), result.stderr
    for word in words:
        assert word in result.stderr


@pytest.mark.parametrize(("where", "words"), [
    ("missing/x.png", ("does not exist",)),
    ("folder.png", ("is a folder",)),
])
def test_screenshot_into_a_missing_folder_or_onto_a_folder_is_refused_before_running(tmp_path, where, words):
    if where == "folder.png":
        (tmp_path / where).mkdir()
    shot = str(tmp_path / where)
    result = cockpit("run", "--headless", "--no-broker", "--frames", "2", "--screenshot", shot)
    assert_error(result, 2, "--screenshot", *words)
    assert [p.name for p in tmp_path.iterdir()] == ([where] if where == "folder.png" else [])


@pytest.mark.parametrize("name", ["alice.yaml", "shot"])
def test_a_screenshot_that_is_not_a_png_name_never_replaces_the_file(tmp_path, name):
    victim = tmp_path / name
    victim.write_text("schema_version: 1\n")
    result = cockpit("run", "--headless", "--no-broker", "--frames", "2", "--screenshot", str(victim))
    assert_error(result, 2, "the file name must end in .png")
    assert victim.read_text() == "schema_version: 1\n"


def test_a_screenshot_that_cannot_be_saved_is_a_runtime_error():
    # /proc passes the up-front check (root may write anywhere) but refuses new files.
    result = cockpit("run", "--headless", "--no-broker", "--frames", "2", "--screenshot", "/proc/shot.png")
    assert_error(result, 1, "cannot save the screenshot /proc/shot.png")


def test_a_screenshot_replaces_the_old_one_whole(tmp_path):
    shot = tmp_path / "x.png"
    shot.write_bytes(b"old")
    result = cockpit("run", "--headless", "--no-broker", "--frames", "2", "--screenshot", str(shot),
                     "--size", "640x240")
    assert result.returncode == 0, result.stderr
    assert pygame.image.load(str(shot)).get_size() == (640, 240)
    assert [p.name for p in tmp_path.iterdir()] == ["x.png"]


@pytest.mark.parametrize("frames", ["0", "-5", "ten"])
def test_frames_must_be_a_whole_number_of_at_least_one(frames):
    result = cockpit("run", "--headless", "--no-broker", "--frames", frames)
    assert_error(result, 2, "--frames")


@pytest.mark.parametrize("command", [["say", "--message"], ["home", "check"],
                                     ["run", "--headless", "--home"]])
def test_a_binary_file_is_invalid_input_not_a_crash(tmp_path, command):
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\xd9\x00\xff" * 100)
    result = cockpit(*command, str(garbage))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{garbage}" in result.stderr
    assert "not UTF-8 text (byte 0xd9); is this a binary file?" in result.stderr


@pytest.mark.parametrize("command", [["home", "serve", "--seconds", "1"],
                                     ["run", "--headless", "--frames", "2"]])
def test_a_ca_file_that_is_not_a_certificate_is_invalid_input(tmp_path, command):
    not_pem = tmp_path / "ca.pem"
    not_pem.write_text("this is not a certificate\n")
    result = cockpit(*command, "--broker", "mqtts://127.0.0.1:1", "--ca-file", str(not_pem))
    assert_error(result, 2, f"cannot use the TLS files (--ca-file {not_pem})")


RUN = ("run", "--headless", "--no-broker", "--frames", "2")


@pytest.mark.parametrize(("command", "message"), [
    (("say", "--assistant", "nobody", "Alexa, hi"), "assistant 'nobody' not found; installed: alexa"),
    ((*RUN, "--assistant", "nobody"), "assistant 'nobody' not found; installed: alexa"),
    ((*RUN, "--profile", "nobody"), "unknown profile 'nobody'; known: alice"),
    (("bench", "nobody"), "unknown benchmark nobody; known: fleet, intents"),
])
def test_an_unknown_name_is_invalid_input_that_lists_the_known_ones(command, message):
    assert_error(cockpit(*command), 2, message)


@pytest.mark.parametrize("seconds", ["-1", "0", "nan", "inf", "soon"])
def test_home_serve_seconds_must_be_a_finite_number_above_zero(seconds):
    assert_error(cockpit("home", "serve", "--seconds", seconds), 2, "--seconds")


def test_home_serve_gives_up_on_a_broker_that_is_not_running_within_its_seconds():
    result = cockpit("home", "serve", "--seconds", "1", "--broker", "mqtt://127.0.0.1:1", timeout=8)
    assert_error(result, 1, "no connection to MQTT broker mqtt://127.0.0.1:1 within 1 s")


@pytest.mark.parametrize("command", [("profiles", "list"), (*RUN,)])
def test_a_profiles_folder_that_does_not_exist_is_named_not_reported_as_an_unknown_guest(tmp_path, command):
    missing = tmp_path / "nope"
    result = cockpit(*command, "--profiles", str(missing))
    assert_error(result, 2, f"profiles folder {missing} does not exist")
    a_file = tmp_path / "alice.yaml"
    a_file.write_text("schema_version: 1\n")
    assert_error(cockpit(*command, "--profiles", str(a_file)), 2, f"profiles folder {a_file} is not a folder")


def test_a_reader_that_goes_away_gets_no_traceback():
    """`cockpit alexa config | head -1`: the pipe closes before the output is written."""
    process = subprocess.Popen([sys.executable, "-m", "cockpit", "alexa", "config"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=30) == 1
    assert "Traceback" not in err and "Exception ignored" not in err, err


def test_reset_learned_in_a_state_folder_that_cannot_hold_files_is_a_runtime_error(tmp_path):
    not_a_folder = tmp_path / "state"
    not_a_folder.write_text("a file where the state folder should be\n")
    result = cockpit("profiles", "show", "alice", "--reset-learned", "--state-dir", str(not_a_folder))
    assert_error(result, 1, "cannot forget the learned preferences of 'alice'")
    assert not_a_folder.read_text() == "a file where the state folder should be\n"


def test_ctrl_c_while_the_command_line_is_being_built_exits_130_without_a_traceback(monkeypatch, capsys):
    from cockpit import cli

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_parser", interrupted)
    assert cli.main(["say", "Alexa, hi"]) == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_home_check_refuses_a_huge_or_absurdly_nested_file_quickly(tmp_path):
    huge = tmp_path / "huge.yaml"
    huge.write_text("home_id: h\nlocation: {latitude: 1, longitude: 2}\ndevices:\n"
                    + "  - {id: l, type: light, name: L}\n" * 40_000)
    nested = tmp_path / "nested.yaml"
    nested.write_text("devices: " + "[" * 100_000 + "\n")
    result = cockpit("home", "check", str(huge), str(nested), timeout=20)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert f"{huge}:1:1: file: file is 1.3 MiB; a home file may be at most 1024 KiB, so it was not read" \
        in result.stderr
    assert f"{nested}:1:" in result.stderr and "nesting" in result.stderr


def test_say_refuses_a_message_nested_too_deeply(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 20_000 + "]" * 20_000)
    assert_error(cockpit("say", "--message", str(deep)), 2,
                 f"{deep}:1:33: json: nesting deeper than 32 levels")


def test_a_home_file_with_no_broker_is_refused_rather_than_silently_ignored(tmp_path):
    broken = tmp_path / "home.yaml"
    broken.write_text("devices: [\n")
    result = cockpit("run", "--headless", "--frames", "2", "--no-broker", "--home", str(broken))
    assert_error(result, 2, "--home has no effect with --no-broker")
