"""What a session is built from; the command line fills it from its options."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cockpit.core.errors import InvalidInput

if TYPE_CHECKING:
    from cockpit.vss.settings import ApiSettings


@dataclass(frozen=True, slots=True)
class Settings:
    """How to build a session; the CLI fills it from its options."""

    profiles_dir: Path | None = None
    profiles_url: str | None = None  # nats://host:port/bucket: a roaming store instead of the folder
    profile: str | None = None
    state_dir: Path | None = None
    broker_url: str | None = None
    use_broker: bool = True
    assistant: str | None = None
    size: tuple[int, int] = (1920, 720)
    headless: bool = False
    home_file: Path | None = None
    mqtt_ca_file: str | None = None
    mqtt_cert_file: str | None = None
    mqtt_key_file: str | None = None
    mqtt_version: str = "3.1.1"
    vss_api: ApiSettings | None = None  # serve the KUKSA-compatible API (the `vss` extra)

    def __post_init__(self) -> None:
        """Raises InvalidInput for options that contradict each other."""
        if self.home_file is not None and not self.use_broker:
            raise InvalidInput("--home has no effect with --no-broker (the home lives on the broker); "
                               "drop one of them")
