"""`cockpit vss serve` and `cockpit run --vss-api` in subprocesses, used by the unmodified kuksa-client."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kuksa_client.grpc import VSSClient

from cockpit.core import signals as sig
from cockpit.home.mosquitto import free_port
from tests.vss.conftest import ANSI, Certificate, Keys

KUKSA_CLIENT = str(Path(sys.executable).with_name("kuksa-client"))
SERVING = re.compile(r"serving kuksa\.val v1 and v2 on (?P<host>[^ ]+):(?P<port>\d+)"
                     r"( and VISS v2 on wss?://[^ ]+:(?P<viss>\d+))? ")


class Served:
    """A `cockpit vss serve` process and the port it printed."""

    def __init__(self, *args: str) -> None:
        command = [sys.executable, "-m", "cockpit", "vss", "serve", "127.0.0.1:0", *args]
        self.process = subprocess.Popen(command,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        found = SERVING.search(line)
        if found is None:
            self.process.kill()
            raise AssertionError(f"no serving line: {line!r} {self.process.communicate()}")
        self.banner = line
        self.port = int(found["port"])
        self.viss_port = int(found["viss"]) if found["viss"] else None

    def stop(self, how: int = signal.SIGTERM) -> tuple[int, str, str]:
        self.process.send_signal(how)
        out, err = self.process.communicate(timeout=20)
        return self.process.returncode, out, err


@pytest.fixture
def car() -> Iterator[Served]:
    """A headless car driving the WLTP cycle at 20 times real time."""
    served = Served("--drive-cycle", "wltp_class3b", "--speed", "20")
    yield served
    if served.process.poll() is None:
        served.stop()


class KuksaCli:
    """The kuksa-client CLI in a subprocess: type commands, wait for its replies, read what it printed."""

    def __init__(self, url: str, cwd: Path, *options: str, connected: str = "gRPC channel connected") -> None:
        self.process = subprocess.Popen([KUKSA_CLIENT, url, *options], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=cwd)
        self._lines: list[str] = []
        self._reader = threading.Thread(target=self._read, name="kuksa-cli-output")
        self._reader.start()
        self.wait_for(lambda: connected in self.output, "the CLI to connect")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.append(line)

    @property
    def output(self) -> str:
        return ANSI.sub("", "".join(self._lines))

    def wait_for(self, condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"timed out waiting for {what}:\n{self.output}")
            time.sleep(0.02)

    def ask(self, command: str) -> object:
        """Type one command and return its reply."""
        before = len(replies(self.output))
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        self.wait_for(lambda: len(replies(self.output)) > before, f"the reply to {command!r}")
        return replies(self.output)[before]

    def quit(self) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write("quit\n")
        self.process.stdin.flush()
        self.process.wait(timeout=30)
        self._reader.join(10)
        return self.output


def replies(output: str) -> list[object]:
    """The JSON objects the CLI printed, in order ("OK" for a plain success)."""
    found: list[object] = []
    decoder = json.JSONDecoder()
    position = 0
    while (start := _next_reply(output, position)) >= 0:
        if output.startswith("OK", start):
            found.append("OK")
            position = start + 2
            continue
        value, position = decoder.raw_decode(output, start)
        found.append(value)
    return found


def _next_reply(output: str, position: int) -> int:
    match = re.compile(r"^(\{|\[|OK$)", re.MULTILINE).search(output, position)
    return match.start() if match else -1


def test_the_kuksa_cli_reads_speed_on_a_drive_cycle_and_sets_the_driver_temperature_through_the_policy(
        car: Served, tmp_path: Path) -> None:
    cli = KuksaCli(f"grpc://127.0.0.1:{car.port}", tmp_path)
    first = cli.ask(f"getValue {sig.SPEED}")
    time.sleep(1.0)  # 20 simulated seconds into the cycle
    second = cli.ask(f"getValue {sig.SPEED}")
    applied = cli.ask(f"setTargetValue {sig.DRIVER_TEMP} 22.5")
    too_warm = cli.ask(f"setTargetValue {sig.DRIVER_TEMP} 99")
    seat = cli.ask(f"setTargetValue {sig.SEAT_POSITION} 200")
    target = cli.ask(f"getTargetValue {sig.DRIVER_TEMP}")
    out = cli.quit()
    speeds = [reply["value"]["value"] for reply in (first, second)]  # type: ignore[index]
    assert speeds[1] != speeds[0] and max(speeds) > 5, out
    assert applied == "OK"
    assert too_warm["errors"][0]["error"] == {  # type: ignore[index]
        "code": 400, "reason": "value out of bounds",
        "message": f"{sig.DRIVER_TEMP}: 99.0 is above the maximum 28 celsius"}
    assert seat["errors"][0]["error"]["message"] == (  # type: ignore[index]
        f"{sig.SEAT_POSITION}: deferred, waits until the car is parked")
    assert target["actuator_target"]["value"] == 22.5  # type: ignore[index]


def test_the_kuksa_cli_subscribes_to_a_setpoint_and_sees_each_change(car: Served, tmp_path: Path) -> None:
    cli = KuksaCli(f"grpc://127.0.0.1:{car.port}", tmp_path)
    assert "subscriptionId" in cli.ask(f"subscribe -f {sig.DRIVER_TEMP}")  # type: ignore[operator]
    assert cli.ask(f"setTargetValue {sig.DRIVER_TEMP} 24") == "OK"
    (log,) = tmp_path.glob("log_*")
    cli.wait_for(lambda: "24.0" in log.read_text(), "the change in the subscription log")
    cli.quit()
    updates = [json.loads(line) for line in log.read_text().splitlines()]
    assert [update[0]["entry"]["value"]["value"] for update in updates] == [24.0]  # the CLI ate the snapshot
    assert updates[0][0]["entry"]["path"] == sig.DRIVER_TEMP


def test_sigterm_and_ctrl_c_stop_the_server_cleanly(tmp_path: Path) -> None:
    for how in (signal.SIGTERM, signal.SIGINT):
        served = Served()
        with VSSClient("127.0.0.1", served.port) as client:
            assert client.get_current_values([sig.SPEED])[sig.SPEED].value == 0.0
        code, out, err = served.stop(how)
        assert (code, out, err) == (128 + how, "stopped\n", "interrupted\n")  # one convention: 130, 143
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # past the closed calls' TIME_WAIT
            probe.bind(("127.0.0.1", served.port))  # nobody listens there any more
            probe.listen()


def test_a_port_in_use_and_bad_options_are_clear_errors(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = subprocess.run([sys.executable, "-m", "cockpit", "vss", "serve", f"127.0.0.1:{port}"],
                              capture_output=True, text=True, timeout=60)
    assert busy.returncode == 1
    assert busy.stderr.startswith(f"error: cannot listen on 127.0.0.1:{port} for the VSS API")
    assert "Traceback" not in busy.stderr
    junk = tmp_path / "cert.pem"
    junk.write_text("not a certificate")
    bad_tls = subprocess.run([sys.executable, "-m", "cockpit", "vss", "serve", "127.0.0.1:0", "--tls-cert",
                              str(junk), "--tls-key", str(junk)], capture_output=True, text=True, timeout=60)
    assert bad_tls.returncode == 2 and bad_tls.stderr.startswith(f"error: {junk}: not a PEM certificate")
    bad_port = subprocess.run([sys.executable, "-m", "cockpit", "vss", "serve", "127.0.0.1:70000"],
                              capture_output=True, text=True, timeout=60)
    assert bad_port.returncode == 2 and "the port must lie in 0..65535" in bad_port.stderr


def test_the_kuksa_cli_over_tls_with_a_token(certificate: Certificate, keys: Keys, tmp_path: Path) -> None:
    served = Served("--tls-cert", str(certificate.cert), "--tls-key", str(certificate.key),
                    "--jwt-public-key", str(keys.public_pem))
    try:
        assert "TLS and JWT tokens" in served.banner
        token = tmp_path / "reader.token"
        token.write_text(keys.token("read:Vehicle"))
        cli = KuksaCli(f"grpcs://localhost:{served.port}", tmp_path, "--cacertificate", str(certificate.cert),
                       "--token_or_tokenfile", str(token))
        read = cli.ask(f"getValue {sig.DRIVER_TEMP}")
        refused = cli.ask(f"setTargetValue {sig.DRIVER_TEMP} 23")
        out = cli.quit()
        assert read["value"]["value"] == 21.0, out  # type: ignore[index]
        assert refused["errors"][0]["error"]["code"] == 403  # type: ignore[index]
    finally:
        served.stop()


def test_cockpit_run_serves_the_api_beside_the_dashboard(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy"}
    process = subprocess.Popen([sys.executable, "-m", "cockpit", "run", "--headless", "--no-broker",
                                "--vss-api", f"127.0.0.1:{port}", "--size", "640x360"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with VSSClient("127.0.0.1", port) as client:
                    values = client.get_current_values([sig.SPEED, sig.DRIVER_ID])
                break
            except Exception:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        assert values[sig.SPEED].value == 0.0 and values[sig.DRIVER_ID].value
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err  # 128 + SIGINT (cockpit.shutdown)
    assert "Traceback" not in err


def test_the_kuksa_cli_over_viss_reads_and_sets_through_the_policy(tmp_path: Path) -> None:
    served = Served("--viss", "127.0.0.1:0")
    try:
        cli = KuksaCli(f"ws://127.0.0.1:{served.viss_port}", tmp_path,
                       connected="Negotiated subprotocol VISSv2")
        speed = cli.ask(f"getValue {sig.SPEED}")
        applied = cli.ask(f"setTargetValue {sig.DRIVER_TEMP} 22.5")
        too_warm = cli.ask(f"setTargetValue {sig.DRIVER_TEMP} 99")
        temperature = cli.ask(f"getValue {sig.DRIVER_TEMP}")
        out = cli.quit()
        assert speed["data"]["dp"]["value"] == "0.0", out  # type: ignore[index]
        assert applied["action"] == "set" and "error" not in applied  # type: ignore[index, operator]
        assert too_warm["error"]["number"] == 400  # type: ignore[index]
        assert temperature["data"]["dp"]["value"] == "22.5"  # type: ignore[index]
    finally:
        served.stop()
