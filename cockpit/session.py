"""The composition root: one `Session` holds every part of a running cockpit and advances them.

The pygame app, the headless run, the scenario runner and the benchmarks all drive a Session;
none of them wires parts together on its own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from cockpit.core.cockpit import Cockpit

if TYPE_CHECKING:
    from cockpit.home.service import HomeService

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Settings:
    """How to build a session; the CLI fills it from its options."""

    profiles_dir: Path | None = None
    profile: str | None = None
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


class Session:
    """A running cockpit and everything attached to it. Use as a context manager."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.cockpit = Cockpit()
        self._closed = False
        self.home: HomeService | None = None
        if self.settings.use_broker:
            from cockpit.home.service import start_home

            self.home = start_home(self.cockpit, self.settings)

    def step(self, dt: float) -> None:
        """Advance the whole cockpit by `dt` simulated seconds."""
        self.cockpit.tick(dt)

    def close(self) -> None:
        """Stop every part; safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        if self.home is not None:
            self.home.close()
        logger.debug("session closed at t=%.3f s", self.cockpit.now)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
