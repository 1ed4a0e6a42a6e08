"""Where and how to reach an MQTT broker: the `--broker URL` and its TLS and version options.

`mqtt://user:password@host:port` (default port 1883) or `mqtts://...` (default port 8883, TLS).
User and password come from the URL or, when it has none, from COCKPIT_MQTT_USERNAME and
COCKPIT_MQTT_PASSWORD.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cockpit.core.errors import InvalidInput

USERNAME_ENV = "COCKPIT_MQTT_USERNAME"
PASSWORD_ENV = "COCKPIT_MQTT_PASSWORD"
VERSIONS = ("3.1.1", "5")
DEFAULT_PORTS = {"mqtt": 1883, "mqtts": 8883}


@dataclass(frozen=True, slots=True)
class BrokerSettings:
    """Everything needed to connect; the password never appears in `str()` or `url`."""

    host: str = "127.0.0.1"
    port: int = 1883
    tls: bool = False
    username: str | None = None
    password: str | None = None
    ca_file: Path | None = None
    cert_file: Path | None = None
    key_file: Path | None = None
    mqtt_version: str = "3.1.1"

    @property
    def url(self) -> str:
        """The broker's address for messages, without credentials."""
        user = f"{self.username}@" if self.username else ""
        return f"{'mqtts' if self.tls else 'mqtt'}://{user}{self.host}:{self.port}"

    def __repr__(self) -> str:
        return f"BrokerSettings({self.url}, mqtt {self.mqtt_version})"


def parse_broker_url(url: str, *, ca_file: str | Path | None = None, cert_file: str | Path | None = None,
                     key_file: str | Path | None = None, mqtt_version: str = "3.1.1",
                     env: Mapping[str, str] | None = None) -> BrokerSettings:
    """Turn a broker URL and its options into settings; raises InvalidInput naming what is wrong."""
    env = os.environ if env is None else env
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS:
        raise InvalidInput(f"broker URL {url!r}: scheme must be mqtt:// or mqtts://")
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError:
        raise InvalidInput(f"broker URL {url!r}: the port is not a number from 1 to 65535") from None
    if not parts.hostname:
        raise InvalidInput(f"broker URL {url!r}: no host")
    if parts.path not in ("", "/") or parts.query:
        raise InvalidInput(f"broker URL {url!r}: a broker URL has no path or query")
    if mqtt_version not in VERSIONS:
        raise InvalidInput(f"MQTT version {mqtt_version!r}: use one of {', '.join(VERSIONS)}")
    if parts.scheme != "mqtts" and (ca_file or cert_file or key_file):
        raise InvalidInput(f"broker URL {url!r}: --ca-file, --cert-file and --key-file need mqtts://")
    if (cert_file is None) != (key_file is None):
        raise InvalidInput("a client certificate needs both --cert-file and --key-file")
    files = {name: Path(value) for name, value in
             (("ca-file", ca_file), ("cert-file", cert_file), ("key-file", key_file)) if value is not None}
    for name, path in files.items():
        if not path.is_file():
            raise InvalidInput(f"--{name} {path}: no such file")
    username = unquote(parts.username) if parts.username else env.get(USERNAME_ENV) or None
    password = unquote(parts.password) if parts.password else env.get(PASSWORD_ENV) or None
    return BrokerSettings(host=parts.hostname, port=port, tls=parts.scheme == "mqtts", username=username,
                          password=password, ca_file=files.get("ca-file"), cert_file=files.get("cert-file"),
                          key_file=files.get("key-file"), mqtt_version=mqtt_version)
