"""Fixtures for the KUKSA-compatible API: a served session on a free port, the real kuksa-client SDK, keys.

The session's main loop runs in the test thread (`pump`), as the dashboard or `cockpit vss serve` runs
it; clients wait in other threads, as separate programs would.
"""

from __future__ import annotations

import datetime
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from kuksa_client.grpc import VSSClient, VSSClientError
from websockets.sync.client import ClientConnection, connect

from cockpit.session import Session, Settings
from cockpit.vss.settings import ApiSettings

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def pump(session: Session, until: Callable[[], Any], timeout: float = 10.0, what: str = "condition",
         dt: float = 1 / 60) -> Any:
    """Step the session's main loop until `until()` is truthy; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = until()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        if session.vss is not None:
            session.vss.wait_for_work(0.005)  # as `cockpit vss serve` waits: wakes for an actuation
        else:
            time.sleep(0.005)
        session.step(dt)


class ClientThread:
    """A blocking client call in its own thread, as another program would make it."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self._box: dict[str, Any] = {}
        self._thread = threading.Thread(target=self._run, args=(work,), name="test-client", daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[], Any]) -> None:
        try:
            self._box["result"] = work()
        except BaseException as error:  # handed to the test thread by result()
            self._box["error"] = error

    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self, timeout: float = 15.0) -> Any:
        self._thread.join(timeout)
        assert self.done(), "the client thread did not finish"
        if "error" in self._box:
            raise self._box["error"]
        return self._box["result"]


def answered(session: Session, work: Callable[[], Any], dt: float = 1 / 60) -> Any:
    """`work()` in a client thread while this thread runs the session's main loop; its result."""
    call = ClientThread(work)
    pump(session, call.done, dt=dt, what="the client's call")
    return call.result()


def subscribed(session: Session, listen: Callable[[], Any], change: Callable[[], object],
               dt: float = 1 / 60) -> Any:
    """Run `listen` in a client thread, `change()` once its subscription is open; what it collected."""
    call = ClientThread(listen)
    pump(session, lambda: session.vss is not None and session.vss.hub.feeds, what="the subscription")
    change()
    pump(session, call.done, dt=dt, what="the subscriber to finish")
    return call.result()


def refusal(work: Callable[[], object]) -> Callable[[], VSSClientError | None]:
    """`work` made to return the VSSClientError it raises (None when it succeeds)."""
    def attempt() -> VSSClientError | None:
        try:
            work()
        except VSSClientError as error:
            return error
        return None

    return attempt


def serve(api: ApiSettings | None = None, **settings: Any) -> Session:
    """A started session without MQTT serving the API on a free port (unless `api` says otherwise)."""
    session = Session(Settings(use_broker=False, vss_api=api or ApiSettings(port=0), **settings))
    session.start()
    return session


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Session]:
    """A started session serving kuksa.val on 127.0.0.1 at a free port."""
    session = serve(state_dir=tmp_path / "state")
    yield session
    session.close()


@pytest.fixture
def client(served: Session) -> Iterator[VSSClient]:
    """The real kuksa-client SDK, connected to `served`."""
    assert served.vss is not None
    with VSSClient("127.0.0.1", served.vss.port) as connected:
        yield connected


@dataclass(frozen=True)
class Keys:
    """An RSA key pair on disk, and a maker of databroker-format tokens signed with it."""

    private: rsa.RSAPrivateKey
    public_pem: Path

    def token(self, scope: str, *, expires_in: float = 600.0, audience: Any = ("kuksa.val",),
              key: rsa.RSAPrivateKey | None = None, drop: tuple[str, ...] = ()) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {"sub": "test", "iss": "tests", "aud": list(audience), "iat": now,
                                  "exp": now + int(expires_in), "scope": scope}
        for name in drop:
            claims.pop(name)
        return jwt.encode(claims, key or self.private, algorithm="RS256", headers={"typ": "at+jwt"})


def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    private = rsa_key()
    public = tmp_path_factory.mktemp("jwt") / "jwt.key.pub"
    public.write_bytes(private.public_key().public_bytes(serialization.Encoding.PEM,
                                                         serialization.PublicFormat.SubjectPublicKeyInfo))
    return Keys(private, public)


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    """A self-signed server certificate for localhost and 127.0.0.1 (it is its own CA)."""
    import ipaddress

    key = rsa_key()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Server")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    folder = tmp_path_factory.mktemp("tls")
    (folder / "server.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "server.key").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                          serialization.PrivateFormat.PKCS8,
                                                          serialization.NoEncryption()))
    return Certificate(folder / "server.pem", folder / "server.key")


@pytest.fixture
def viss(tmp_path: Path) -> Iterator[Session]:
    """A session serving the VISS websocket on a free port (tests/vss/test_viss.py, test_faults.py)."""
    session = serve(ApiSettings(port=0, viss=("127.0.0.1", 0)), state_dir=tmp_path / "state")
    yield session
    session.close()


@pytest.fixture
def ws(viss: Session) -> Iterator[ClientConnection]:
    assert viss.vss is not None and viss.vss.viss is not None
    url = f"ws://127.0.0.1:{viss.vss.viss.port}"
    with connect(url, subprotocols=["VISSv2"]) as connection:  # type: ignore[list-item]
        assert connection.subprotocol == "VISSv2"
        yield connection
