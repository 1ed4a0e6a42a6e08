"""UI tests draw off screen: a dashboard needs no display, so no video driver is chosen at all."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame
import pytest

from cockpit.core.cockpit import Cockpit
from cockpit.session import Session, Settings
from cockpit.ui.dashboard import Dashboard

MakeDashboard = Callable[..., Dashboard]


@pytest.fixture
def session(tmp_path) -> Iterator[Session]:
    """A started session without a broker (like `--no-broker`); learned values go to tmp_path.
    Home panel tests bring their own broker."""
    with Session(Settings(use_broker=False, state_dir=tmp_path / "state")) as running:
        yield running


@pytest.fixture
def offline_session(session: Session) -> Session:
    """The same broker-less session, named for the tests that are about having no broker."""
    return session


@pytest.fixture
def cockpit(session: Session) -> Cockpit:
    """The test session's cockpit: the tests set signals on it, the dashboard reads its view."""
    return session.cockpit


@pytest.fixture
def make_dashboard(session: Session) -> Iterator[MakeDashboard]:
    """Build dashboards on the test's session; each is closed after the test."""
    made: list[Dashboard] = []

    def make(size: tuple[int, int] = (1920, 720)) -> Dashboard:
        dashboard = Dashboard(session.view, size)
        made.append(dashboard)
        return dashboard

    yield make
    for dashboard in made:
        dashboard.close()


@pytest.fixture
def dashboard(make_dashboard: MakeDashboard) -> Dashboard:
    """A 1920x720 dashboard that has drawn its first frame."""
    made = make_dashboard()
    made.frame()
    return made


def luminance(surface: pygame.Surface, rect: pygame.Rect | None = None) -> float:
    """Mean luminance (0..255) of `surface`, or of `rect` on it."""
    red, green, blue, _ = pygame.transform.average_color(surface, rect or surface.get_rect())
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.fixture
def said() -> list[str]:
    """What the dashboard would have spoken (espeak-ng is a boundary we do not own)."""
    return []


@pytest.fixture
def ui(offline_session: Session, said: list[str]) -> Iterator[Dashboard]:
    """A 1920x720 dashboard on a broker-less session that records its spoken replies."""
    made = Dashboard(offline_session.view, (1920, 720), speak=said.append)
    made.frame()
    yield made
    made.close()


def pixels(surface: pygame.Surface, rect: pygame.Rect) -> set[tuple[int, int, int]]:
    """Every colour inside `rect`."""
    return {tuple(surface.get_at((x, y)))[:3] for x in range(rect.left, rect.right)  # type: ignore[misc]
            for y in range(rect.top, rect.bottom)}
