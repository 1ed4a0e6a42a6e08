"""The KUKSA-compatible API inside a session: the hub on the main loop and the gRPC server beside it.

Built on the main thread (the hub subscribes to the cockpit's events and adds itself as a system, so
`session.step` drains it whichever loop drives the session: the dashboard or `cockpit vss serve`).
"""

from __future__ import annotations

from pathlib import Path

from cockpit.core.cockpit import Cockpit
from cockpit.vss.access import Access, TokenVerifier
from cockpit.vss.calls import Api
from cockpit.vss.hub import VssHub
from cockpit.vss.server import VssServer, read_pem
from cockpit.vss.settings import ApiSettings
from cockpit.vss.tree import Tree
from cockpit.vss.viss import VissServer, tls_context


class VssApi:
    """kuksa.val v1 and v2 on one cockpit; `close()` ends every call and leaves no thread behind."""

    def __init__(self, cockpit: Cockpit, settings: ApiSettings) -> None:
        """Raises InvalidInput for unreadable or invalid TLS or key files (nothing is started then)."""
        self.tree = Tree(cockpit.catalogue)  # extension signals of plugins too
        access = Access(_verifier(settings.jwt_public_key))
        self.hub = VssHub(cockpit, self.tree)
        api = Api(self.tree, self.hub, access)
        try:
            self.server = VssServer(api, settings)
            self.viss = _viss(api, settings)
        except BaseException:
            self.hub.close()
            raise
        self.authenticated = access.verifier is not None

    @property
    def address(self) -> str:
        return self.server.address

    @property
    def port(self) -> int:
        return self.server.port

    def start(self) -> VssApi:
        """Listen; raises VssApiError when the address cannot be bound."""
        try:
            self.server.start()
            if self.viss is not None:
                self.viss.start()
        except BaseException:
            self.close()
            raise
        return self

    def wait_for_work(self, timeout: float) -> bool:
        """Block until an actuation waits for the main loop (or `timeout`)."""
        return self.hub.wait_for_work(timeout)

    def describe(self) -> str:
        """One line for the console: where, and how it is secured."""
        security = [word for word, on in (("TLS", self.server.tls), ("JWT tokens", self.authenticated)) if on]
        scheme = "wss" if self.server.tls else "ws"
        viss = f" and VISS v2 on {scheme}://{self.viss.address}" if self.viss else ""
        return (f"kuksa.val v1 and v2 on {self.address}{viss} ({len(self.tree.leaves)} signals"
                f"{', ' + ' and '.join(security) if security else ', no TLS, no tokens'})")

    def close(self) -> None:
        """Fail waiting actuations, end subscriptions, stop the server; safe to call twice."""
        self.hub.close()
        self.server.stop()
        if self.viss is not None:
            self.viss.stop()


def _viss(api: Api, settings: ApiSettings) -> VissServer | None:
    if settings.viss is None:
        return None
    tls = None
    if settings.tls_cert is not None and settings.tls_key is not None:
        tls = tls_context(settings.tls_cert, settings.tls_key)
    host, port = settings.viss
    return VissServer(api, host, port, tls)


def _verifier(public_key: Path | None) -> TokenVerifier | None:
    if public_key is None:
        return None
    return TokenVerifier(read_pem(public_key, "the JWT public key"), str(public_key))

