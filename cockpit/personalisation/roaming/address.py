"""`--profiles nats://host:port[,host:port...]/bucket`: where a roaming profile store lives."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cockpit.core.errors import InvalidInput

DEFAULT_PORT = 4222
DEFAULT_BUCKET = "profiles"
_BUCKET = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_HOST = re.compile(r"^[A-Za-z0-9.-]+$")


@dataclass(frozen=True, slots=True)
class RoamingAddress:
    """The cluster's servers (tried in turn; any one will do) and the key-value bucket."""

    servers: tuple[str, ...]
    bucket: str = DEFAULT_BUCKET

    @property
    def url(self) -> str:
        hosts = ",".join(server.removeprefix("nats://") for server in self.servers)
        return f"nats://{hosts}/{self.bucket}"

    def __str__(self) -> str:
        return self.url


def is_roaming(text: str | None) -> bool:
    """Whether a `--profiles` value names a cluster rather than a folder."""
    return text is not None and text.startswith("nats://")


def parse_roaming_url(text: str) -> RoamingAddress:
    """Parse `nats://h1:4222,h2:4223/bucket`; raises InvalidInput naming what is wrong."""
    if not text.startswith("nats://"):
        raise InvalidInput(f"profile store {text!r}: a cluster address starts with nats://")
    hosts, _, bucket = text[len("nats://"):].partition("/")
    bucket = bucket.rstrip("/") or DEFAULT_BUCKET
    if not _BUCKET.match(bucket):
        raise InvalidInput(f"profile store {text!r}: bucket {bucket!r} must be 1-64 letters, digits, "
                           "'-' or '_'")
    servers = []
    for part in hosts.split(","):
        host, colon, port_text = part.strip().rpartition(":")
        if not colon:
            host, port_text = port_text, str(DEFAULT_PORT)
        if not host or not _HOST.match(host):
            raise InvalidInput(f"profile store {text!r}: {part!r} is not host:port")
        if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
            raise InvalidInput(f"profile store {text!r}: the port of {part!r} is not a number "
                               "from 1 to 65535")
        servers.append(f"nats://{host}:{int(port_text)}")
    return RoamingAddress(tuple(servers), bucket)
