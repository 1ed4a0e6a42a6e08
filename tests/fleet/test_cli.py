"""The fleet's command line as real subprocesses: cluster up/down, profiles push/pull, run, status."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from cockpit.fleet import cluster as nats_cluster
from cockpit.fleet.cluster import Cluster
from tests.fleet.conftest import copy_profiles

ROOT = Path(__file__).resolve().parents[2]


def cockpit(*args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cockpit", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=dict(os.environ, SDL_VIDEODRIVER="dummy", **env))


def test_cluster_up_prints_the_addresses_and_down_stops_every_node(tmp_path: Path) -> None:
    data = tmp_path / "cluster"
    try:
        up = cockpit("fleet", "cluster", "up", "--data", str(data))
        assert up.returncode == 0, up.stderr
        running = nats_cluster.read_state(data)
        assert running is not None and len(running.nodes) == 3
        assert f"--profiles {running.nats_urls}/profiles" in up.stdout
        assert f"--broker {running.mqtt_urls}" in up.stdout
        assert all(nats_cluster.healthy(node) for node in running.nodes)
    finally:
        down = cockpit("fleet", "cluster", "down", "--data", str(data))
    assert down.returncode == 0 and "stopped 3 node(s)" in down.stderr
    assert not any(nats_cluster.healthy(node) for node in running.nodes)


def test_push_then_run_a_car_on_the_roaming_store(bucket_url: str, tmp_path: Path) -> None:
    laptop = copy_profiles(tmp_path / "laptop")
    push = ("profiles", "push", bucket_url, "--profiles", str(laptop), "--state-dir", str(tmp_path / "s"))
    pushed = cockpit(*push)
    assert pushed.returncode == 0, pushed.stderr
    assert "5 profile(s) pushed" in pushed.stderr
    again = cockpit(*push)
    assert "0 profile(s) pushed, 5 already there" in again.stderr

    run = cockpit("run", "--headless", "--frames", "5", "--no-broker", "--profile", "tom", "--profiles",
                  bucket_url, COCKPIT_STATE_DIR=str(tmp_path / "car"))
    assert run.returncode == 0, run.stderr
    assert list((tmp_path / "car").glob("roaming/*/cache/profile.tom.yaml"))

    listed = cockpit("profiles", "list", "--profiles", bucket_url, COCKPIT_STATE_DIR=str(tmp_path / "lister"))
    assert listed.returncode == 0, listed.stderr
    rows = [line.split()[0] for line in listed.stdout.splitlines()[1:]]
    assert rows == ["alice", "bernd", "guest", "tom", "valet"]
    assert f"{bucket_url}/profile.tom" in listed.stdout  # where each profile came from
    shown = cockpit("profiles", "show", "alice", "--profiles", bucket_url,
                    "--state-dir", str(tmp_path / "l2"))
    assert shown.returncode == 0 and shown.stdout.startswith("# effective profile 'alice'"), shown.stderr

    pulled = cockpit("profiles", "pull", bucket_url, "--profiles", str(tmp_path / "pulled"),
                     "--state-dir", str(tmp_path / "s2"))
    assert pulled.returncode == 0, pulled.stderr
    names = sorted(path.name for path in laptop.glob("*.yaml"))
    assert sorted(path.name for path in (tmp_path / "pulled").glob("*.yaml")) == names


def test_a_bad_address_or_plan_is_refused_with_file_line_and_field(tmp_path: Path) -> None:
    bad_url = cockpit("profiles", "push", "nats://host:port/x")
    assert bad_url.returncode == 2 and "is not a number from 1 to 65535" in bad_url.stderr
    plan = tmp_path / "plan.yaml"
    plan.write_text(textwrap.dedent("""\
        fleet_version: 1
        cars: 2
        moves:
          - {at_s: 1, car: 1, fob: fob-1, park: true}
          - {at_s: 2, car: 1, set: {signal: Vehicle.Nope, value: 3}}
          - {at_s: .nan, car: 1, park: true}
        """), encoding="utf-8")
    result = cockpit("fleet", "run", "--broker", "mqtt://127.0.0.1:9", "--plan", str(plan))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"error: {plan}:4:5: moves[0]: a move does one thing: fob, set, park or drive"
    assert lines[1] == f"{plan}:5:28: moves[1].set: unknown signal 'Vehicle.Nope'"
    assert lines[2].startswith(f"{plan}:6:12: moves[2].at_s: ") and "finite number" in lines[2]
    assert "Traceback" not in result.stderr


def test_fleet_run_shows_in_fleet_status_and_stops_cleanly_on_ctrl_c(shared_cluster: Cluster,
                                                                     tmp_path: Path) -> None:
    command = ["fleet", "run", "--cars", "5", "--workers", "2", "--broker", shared_cluster.mqtt_urls,
               "--state-dir", str(tmp_path / "fleet")]
    fleet = subprocess.Popen([sys.executable, "-m", "cockpit", *command],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    try:
        for _ in range(3):  # on a loaded machine the second worker may start seconds after the first
            status = cockpit("fleet", "status", "--broker", shared_cluster.nodes[1].mqtt_url, "--once",
                             "--seconds", "60", timeout=90)
            assert status.returncode == 0, status.stderr
            header, *rows = status.stdout.strip().splitlines()
            assert header.split()[:3] == ["worker", "cars", "sim"]
            total = rows[-1].split()
            if total[:2] == ["all", "5"]:
                break
        assert total[:2] == ["all", "5"], status.stdout
    finally:
        time.sleep(0.5)
        os.killpg(fleet.pid, signal.SIGINT)
        out, errors = fleet.communicate(timeout=30)
    assert fleet.returncode == 0, errors
    assert "5 cars in 2 worker(s)" in errors and "worker" in out
