"""The Home tab and the status bar over a real embedded broker, and without one (--no-broker)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest

from cockpit.home.service import HomeService
from cockpit.session import Session, Settings
from cockpit.ui.dashboard import Dashboard
from cockpit.ui.panels.home import HomePanel
from cockpit.view import Broker

TIMEOUT_S = 10.0


def run_until(dashboard: Dashboard, done: Callable[[], bool]) -> None:
    """Step the session (which drains MQTT) and draw until `done()`; fails after TIMEOUT_S."""
    deadline = time.monotonic() + TIMEOUT_S
    session = SESSIONS[id(dashboard)]
    while not done():
        assert time.monotonic() < deadline, "timed out"
        session.step(1 / 60)
        dashboard.frame()
        time.sleep(0.005)


SESSIONS: dict[int, Session] = {}  # each home dashboard's session, for run_until


def home_of(dashboard: Dashboard) -> HomeService:
    """The simulated home behind a dashboard (the test looks at it; the dashboard never does)."""
    home = SESSIONS[id(dashboard)].home
    assert home is not None
    return home


@pytest.fixture
def home_ui(tmp_path) -> Iterator[Dashboard]:
    """A dashboard on a session with the embedded broker and the simulated home, once online."""
    with Session(Settings(state_dir=tmp_path / "state")) as session:
        dashboard = Dashboard(session.view, (1920, 720), speak=lambda text: None)
        SESSIONS[id(dashboard)] = session
        run_until(dashboard, lambda: session.view.broker is Broker.ONLINE)
        yield dashboard
        dashboard.close()
        del SESSIONS[id(dashboard)]


def home_panel(dashboard: Dashboard) -> HomePanel:
    host = next(w for w in dashboard.widgets if type(w).__name__ == "PanelHost")
    assert isinstance(host.active, HomePanel)
    return host.active


def test_one_tile_per_device_and_a_click_on_the_garage_opens_it(home_ui):
    bridge = home_of(home_ui).bridge
    home_ui.model.tab = "home"
    run_until(home_ui, lambda: all(device.known for device in bridge.devices()))
    home_ui.frame()  # the panel host follows the tab when it draws; the devices may be known already
    panel = home_panel(home_ui)
    devices = bridge.devices()
    assert [tile.id for tile in panel.current.tiles] == [device.id for device in devices]
    assert {device.name for device in devices} <= set(home_ui.visible_text())
    assert "Broker online" in home_ui.visible_text()
    assert "1.1 km from home" in home_ui.visible_text()  # the car starts across town from the home
    garage = panel._boxes()[[tile.id for tile in panel.current.tiles].index("garage_door")]
    assert bridge.device("garage_door").state["state"] == "closed"
    home_ui.click(garage.center)
    run_until(home_ui, lambda: bridge.device("garage_door").state.get("state") == "opening")
    home_ui.frame()
    assert "Opening" in home_panel(home_ui).texts


def test_keys_select_a_tile_and_enter_switches_the_light(home_ui):
    bridge = home_of(home_ui).bridge
    home_ui.model.tab = "home"
    home_ui.handle_key("right")  # garage -> hall light
    home_ui.handle_key("return")
    run_until(home_ui, lambda: bridge.device("light_hallway").state.get("state") == "ON")
    assert home_ui.model.cursor["home"] == 1


def test_without_a_broker_the_panel_and_the_status_bar_say_so(ui):
    ui.model.tab = "home"
    ui.frame()
    text = ui.visible_text()
    assert "Broker offline" in text
    assert "No home connected to this car." in text
    assert not any("--no-broker" in line or "MQTT" in line for line in text), "no developer words on screen"
    ui.handle_key("return")  # nothing to switch: the key is not the panel's
    assert ui.cockpit.broker is Broker.DISABLED
