"""`cockpit fleet cluster down --data DIR` stops only the nodes it started: a damaged or stale
DIR/cluster.json is refused in a line, and a recorded pid that is now another program is left alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cockpit.cli import main
from cockpit.core.errors import InvalidInput
from cockpit.fleet import cluster

NODE = {"name": "n1", "client_port": 4222, "route_port": 6222, "mqtt_port": 1883, "http_port": 8222, "pid": 0}


def state(folder: Path, *nodes: object) -> Path:
    path = folder / cluster.STATE_FILE
    path.write_text(json.dumps({"nodes": list(nodes)}), encoding="utf-8")
    return path


@pytest.fixture
def bystander() -> Iterator[subprocess.Popen[bytes]]:
    """Another program of this user, whose pid a stale cluster.json names."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process
    process.kill()
    process.wait()


def test_a_pid_that_is_no_longer_our_node_is_never_signalled(
        tmp_path: Path, bystander: subprocess.Popen[bytes], capsys: pytest.CaptureFixture[str]) -> None:
    state(tmp_path, NODE | {"pid": bystander.pid})
    assert main(["fleet", "cluster", "down", "--data", str(tmp_path)]) == 0
    assert "stopped 0 node(s)" in capsys.readouterr().err
    assert bystander.poll() is None  # still running: neither SIGTERM nor SIGKILL reached it


@pytest.mark.parametrize("content,reason", [
    (json.dumps({"nodes": [NODE | {"pid": "1"}]}), "n1: pid '1'"),
    (json.dumps({"nodes": [NODE | {"pid": True}]}), "n1: pid True"),
    (json.dumps({"nodes": [NODE | {"pid": -1}]}), "n1: pid -1"),
    (json.dumps({"nodes": [NODE | {"pid": 10**12}]}), "n1: pid 1000000000000"),
    (json.dumps({"nodes": [NODE]}).replace('"pid": 0', '"pid": 1e308'), "n1: pid 1e+308"),
    (json.dumps({"nodes": [NODE]}).replace('"pid": 0', '"pid": NaN'), "NaN is not a number"),
    (json.dumps({"nodes": [NODE | {"http_port": 70000}]}), "n1: ports"),
    (json.dumps({"nodes": [NODE | {"name": "../n1"}]}), "node name '../n1'"),
    (json.dumps({"nodes": [NODE | {"extra": 1}]}), "a node has name, client_port"),
    (json.dumps({"nodes": [{"name": "n1"}]}), "a node has name, client_port"),
    (json.dumps({"nodes": "n1"}), "no list of nodes"),
    (json.dumps([NODE]), "no list of nodes"),
    ('{"nodes": ' + "[" * 5000 + "]" * 5000 + "}", "nesting deeper than 32"),
    ("x" * 20_000, "at most 16 KiB"),
    ("{half", "invalid JSON"),
], ids=["pid-text", "pid-true", "pid-negative", "pid-huge", "pid-1e308", "pid-nan", "port", "name",
        "extra-field", "missing-fields", "nodes-text", "list", "deep", "too-big", "truncated"])
def test_a_damaged_state_file_is_refused_in_a_line(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / cluster.STATE_FILE
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        cluster.down(tmp_path)
    message = str(refused.value)
    assert message.startswith(str(path)) and reason in message and len(message) < 300, message
    assert path.read_text(encoding="utf-8") == content  # the file stays for the person to look at


def test_a_fifo_as_the_state_file_is_refused_at_once(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(tmp_path / cluster.STATE_FILE)
    assert main(["fleet", "cluster", "down", "--data", str(tmp_path)]) != 0
    err = capsys.readouterr().err
    assert "not a regular file" in err and "Traceback" not in err
