"""A climate setpoint changed on the dashboard reaches a kuksa-client subscriber, and back: a set applies."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kuksa_client.grpc import Datapoint, VSSClient

from cockpit.core import signals as sig
from cockpit.session import Session
from cockpit.ui.dashboard import Dashboard
from tests.vss.conftest import ClientThread, serve


@pytest.fixture
def dashboard(tmp_path: Path) -> Iterator[tuple[Dashboard, Session]]:
    """The dashboard on a session that serves the API, as `cockpit run --vss-api 127.0.0.1:0` builds it."""
    session = serve(state_dir=tmp_path / "state")
    try:
        made = Dashboard(session.view, (1280, 480))
        made.frame()
        yield made, session
        made.close()
    finally:
        session.close()


Served = tuple[Dashboard, Session]


def frames_until(served: Served, done: Callable[[], object], limit: int = 2000) -> None:
    """Run the dashboard's loop body (step, draw) until `done()`, as `cockpit run` does each frame."""
    dashboard, session = served
    for _ in range(limit):
        if done():
            return
        session.step(1 / 60)
        dashboard.frame()
        session.vss.wait_for_work(0.002)  # type: ignore[union-attr]
    raise AssertionError("timed out")


def test_a_setpoint_made_on_the_dashboard_reaches_a_subscriber(dashboard: Served) -> None:
    screen, session = dashboard
    assert session.vss is not None
    with VSSClient("127.0.0.1", session.vss.port) as client:
        def two() -> list[float]:
            received: list[float] = []
            for updates in client.subscribe_current_values([sig.DRIVER_TEMP]):
                received.append(updates[sig.DRIVER_TEMP].value)
                if len(received) == 2:
                    return received
            return received

        call = ClientThread(two)
        frames_until(dashboard, lambda: session.vss is not None and session.vss.hub.feeds)
        screen.handle_key("t")  # driver temperature up, as the driver presses it
        frames_until(dashboard, call.done)
        before, after = call.result()
    assert after > before and after == session.cockpit.value(sig.DRIVER_TEMP)


def test_a_set_from_a_kuksa_client_is_applied_by_the_dashboards_loop(dashboard: Served) -> None:
    _, session = dashboard
    assert session.vss is not None
    with VSSClient("127.0.0.1", session.vss.port) as client:
        call = ClientThread(lambda: client.set_target_values({sig.FONT_SIZE: Datapoint("LARGE")}))
        frames_until(dashboard, call.done)
        call.result()
    assert session.cockpit.value(sig.FONT_SIZE) == "LARGE"
