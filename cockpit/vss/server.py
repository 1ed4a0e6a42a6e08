"""The gRPC server that carries kuksa.val v1 and v2: a thread pool, a port, TLS if asked for.

Each open subscription holds one worker thread while it waits for changes, so the pool is larger
than the number of subscriptions the hub allows; unary calls always find a free worker.
`stop()` ends every call and joins every worker: nothing is left running.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Final

import grpc
from kuksa.val.v1 import val_pb2_grpc as val_v1_grpc
from kuksa.val.v2 import val_pb2_grpc as val_v2_grpc

from cockpit.core.errors import InvalidInput, VssApiError
from cockpit.reading import ReadError, read_limited
from cockpit.vss.calls import Api
from cockpit.vss.settings import ApiSettings
from cockpit.vss.val_v1 import ValV1
from cockpit.vss.val_v2 import ValV2

logger = logging.getLogger(__name__)

WORKERS: Final = 64  # more than hub.MAX_FEEDS
STOP_GRACE_S: Final = 1.0
MAX_PEM_BYTES: Final = 1024 * 1024  # a certificate chain is a few KiB
# Without this, Linux lets a second server bind a port in use and the two share its calls silently.
OPTIONS: Final = [("grpc.so_reuseport", 0)]


class VssServer:
    """kuksa.val v1 and v2 for one `Api`; use start() and stop()."""

    def __init__(self, api: Api, settings: ApiSettings) -> None:
        self.settings = settings
        self._credentials = _tls_credentials(settings)  # raises InvalidInput before anything starts
        self._pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="vss-grpc")
        self._server = grpc.server(self._pool, options=OPTIONS)
        val_v1_grpc.add_VALServicer_to_server(ValV1(api), self._server)
        val_v2_grpc.add_VALServicer_to_server(ValV2(api), self._server)
        self.port = settings.port
        self._started = False

    @property
    def address(self) -> str:
        host = self.settings.host
        return f"[{host}]:{self.port}" if ":" in host else f"{host}:{self.port}"

    @property
    def tls(self) -> bool:
        return self._credentials is not None

    def start(self) -> None:
        """Listen and serve; raises VssApiError when the address cannot be bound."""
        wanted = self.settings.address
        try:
            if self._credentials is None:
                port = self._server.add_insecure_port(wanted)
            else:
                port = self._server.add_secure_port(wanted, self._credentials)
        except RuntimeError as error:
            port, detail = 0, f": {error}"
        else:
            detail = ""
        if not port:
            self._pool.shutdown(wait=True)
            raise VssApiError(f"cannot listen on {wanted} for the VSS API (in use, or not an address of this "
                              f"machine?){detail}")
        self.port = port
        self._server.start()
        self._started = True
        logger.info("kuksa.val v1/v2 API listening on %s%s", self.address, " (TLS)" if self.tls else "")

    def stop(self) -> None:
        """End every call, stop listening, join the workers; safe to call twice."""
        if self._started:
            self._started = False
            before = set(threading.enumerate())
            self._server.stop(STOP_GRACE_S).wait()
            # grpc's grace timer thread may still be finishing after the event is set: join it.
            for helper in set(threading.enumerate()) - before:
                helper.join(STOP_GRACE_S)
        self._pool.shutdown(wait=True)


def _tls_credentials(settings: ApiSettings) -> grpc.ServerCredentials | None:
    """Server credentials from the certificate and key files; raises InvalidInput naming the file."""
    if settings.tls_cert is None and settings.tls_key is None:
        return None
    if settings.tls_cert is None or settings.tls_key is None:
        raise InvalidInput("TLS needs both a certificate and its private key")
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    cert = read_pem(settings.tls_cert, "the TLS certificate")
    key = read_pem(settings.tls_key, "the TLS private key")
    try:
        x509.load_pem_x509_certificates(cert)
    except ValueError as error:
        raise InvalidInput(f"{settings.tls_cert}: not a PEM certificate ({error})") from None
    try:
        load_pem_private_key(key, password=None)
    except (ValueError, TypeError) as error:
        raise InvalidInput(f"{settings.tls_key}: not an unencrypted PEM private key ({error})") from None
    return grpc.ssl_server_credentials([(key, cert)])


def read_pem(path: Path, what: str) -> bytes:
    """A PEM file given on the command line, within a limit (a FIFO or /dev/zero is refused at once);
    raises InvalidInput naming the file."""
    try:
        return read_limited(path, MAX_PEM_BYTES, "PEM file")
    except ReadError as error:
        raise InvalidInput(f"{path}: cannot read {what}: {error.message}") from None
