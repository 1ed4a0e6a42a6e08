"""How to serve the API: where to listen, TLS files, the token key. No gRPC here (the CLI parses with it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

DEFAULT_HOST: Final = "127.0.0.1"  # as the databroker: only this machine, unless told otherwise
DEFAULT_PORT: Final = 55555
DEFAULT_VISS_PORT: Final = 8090


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """Where and how the KUKSA-compatible API listens; the CLI fills it from its options."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    tls_cert: Path | None = None
    tls_key: Path | None = None
    jwt_public_key: Path | None = None
    viss: tuple[str, int] | None = None  # also serve VISS v2 over a websocket here (host, port)

    @property
    def address(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def parse_listen(text: str) -> tuple[str, int]:
    """Parse `[HOST:]PORT` (`55555`, `0.0.0.0:55555`, `[::1]:55555`); raises ValueError saying why."""
    host, separator, port_text = text.rpartition(":")
    if not separator:
        host = DEFAULT_HOST
    elif host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    elif not host or ":" in host:
        raise ValueError(f"{text!r}: give [HOST:]PORT, e.g. 55555 or 127.0.0.1:55555 (IPv6 in brackets)")
    try:
        port = int(port_text)
    except ValueError:
        raise ValueError(f"{text!r}: the port must be a whole number, not {port_text!r}") from None
    if not 0 <= port <= 65535:
        raise ValueError(f"{text!r}: the port must lie in 0..65535 (0 picks a free one)")
    return host, port
