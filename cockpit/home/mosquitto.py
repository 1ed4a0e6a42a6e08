"""Run a real mosquitto broker in a temporary directory: for the interoperability tests and the bench.

Generates the configuration (one listener on 127.0.0.1, optional password file, ACL and TLS), starts
`mosquitto -c`, waits until the port accepts connections, and stops (or restarts on the same port).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from cockpit.core.errors import BridgeError

START_TIMEOUT_S = 5.0
CANDIDATES = ("mosquitto", "/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto")


def find_mosquitto() -> str | None:
    """The mosquitto binary, or None when it is not installed."""
    for candidate in CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True, slots=True)
class Tls:
    """Server certificate files for an mqtts listener."""

    ca_file: Path
    cert_file: Path
    key_file: Path


class Mosquitto:
    """A mosquitto process with a generated config in `workdir`; a context manager."""

    def __init__(self, workdir: Path, *, users: dict[str, str] | None = None, acl: str | None = None,
                 tls: Tls | None = None, binary: str | None = None) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.users = users or {}
        self.acl = acl
        self.tls = tls
        self.binary = binary or find_mosquitto()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"{'mqtts' if self.tls else 'mqtt'}://127.0.0.1:{self.port}"

    def write_config(self) -> Path:
        """Write mosquitto.conf (and the password and ACL files); returns its path."""
        lines = [f"listener {self.port} 127.0.0.1", "persistence false", "log_dest stderr", "log_type error",
                 "set_tcp_nodelay true", f"allow_anonymous {'false' if self.users else 'true'}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            lines.append("user root")  # else mosquitto drops to "mosquitto", who cannot read our temp files
        if self.users:
            passwords = self.workdir / "passwords"
            passwords.write_text("")
            for user, password in self.users.items():
                subprocess.run(["mosquitto_passwd", "-b", str(passwords), user, password], check=True,
                               capture_output=True)
            lines.append(f"password_file {passwords}")
        if self.acl is not None:
            acl = self.workdir / "acl"
            acl.write_text(self.acl)
            lines.append(f"acl_file {acl}")
        if self.tls is not None:
            lines += [f"cafile {self.tls.ca_file}", f"certfile {self.tls.cert_file}",
                      f"keyfile {self.tls.key_file}"]
        config = self.workdir / "mosquitto.conf"
        config.write_text("\n".join(lines) + "\n")
        return config

    def start(self) -> Mosquitto:
        """Start and wait until the port listens; raises BridgeError if it does not within 5 s."""
        if self.binary is None:
            raise BridgeError("mosquitto is not installed")
        config = self.write_config()
        self._process = subprocess.Popen([self.binary, "-c", str(config)], stdout=subprocess.DEVNULL,
                                         stderr=subprocess.PIPE)
        if hasattr(os, "sched_setaffinity"):  # the broker is another program: not bound by a pinned bench
            with contextlib.suppress(OSError):
                os.sched_setaffinity(self._process.pid, range(os.cpu_count() or 1))
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                error = self._process.stderr.read().decode(errors="replace") if self._process.stderr else ""
                raise BridgeError(f"mosquitto on port {self.port} exited: {error.strip()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.01)
        self.stop()
        raise BridgeError(f"mosquitto did not listen on port {self.port} within {START_TIMEOUT_S:g} s")

    def stop(self) -> None:
        """Kill the broker (as a crash would) and reap it; safe to call twice."""
        process, self._process = self._process, None
        if process is None:
            return
        process.kill()
        process.wait(START_TIMEOUT_S)
        if process.stderr:
            process.stderr.close()

    def __enter__(self) -> Mosquitto:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def make_tls(workdir: Path) -> Tls:
    """A self-signed CA and a server certificate for 127.0.0.1 / localhost, made with the openssl CLI."""
    ca_key, ca_cert = workdir / "ca.key", workdir / "ca.pem"
    key, csr, cert = workdir / "server.key", workdir / "server.csr", workdir / "server.pem"
    ext = workdir / "server.ext"
    ext.write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    commands = [
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=cockpit test CA", "-keyout", str(ca_key), "-out", str(ca_cert)],
        ["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", str(key),
         "-out", str(csr)],
        ["openssl", "x509", "-req", "-in", str(csr), "-CA", str(ca_cert), "-CAkey", str(ca_key),
         "-CAcreateserial", "-days", "2", "-extfile", str(ext), "-out", str(cert)],
    ]
    for command in commands:
        subprocess.run(command, check=True, capture_output=True)
    return Tls(ca_cert, cert, key)
