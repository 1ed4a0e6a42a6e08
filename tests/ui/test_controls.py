"""Keys and clicks become cockpit commands (source USER) or dashboard changes."""

from __future__ import annotations

import pytest

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal
from cockpit.core.events import CommandApplied
from cockpit.ui.actions import Action, Move, Switch
from cockpit.ui.keys import BINDINGS, KEY_ACTIONS, KEYPAD_KEYS, PANEL_KEYS, Controls
from cockpit.ui.widgets.centre import TabBar
from cockpit.ui.widgets.climate import Temperature, Toggle


def test_pedal_keys_hold_the_pedal_while_pressed(dashboard, cockpit):
    cockpit = cockpit
    seen: list[SetSignal] = []
    cockpit.bus.subscribe(lambda event: seen.append(event.command), CommandApplied)
    dashboard.handle_key("up")
    assert cockpit.value(sig.ACCELERATOR) > 0
    dashboard.release_key("up")
    assert cockpit.value(sig.ACCELERATOR) == 0
    dashboard.handle_key("s")
    assert cockpit.value(sig.BRAKE) > 0
    dashboard.release_key("s")
    assert cockpit.value(sig.BRAKE) == 0
    assert {command.source.value for command in seen} == {"user"}


def test_releasing_a_key_that_was_not_pressed_does_nothing(dashboard, cockpit):
    cockpit.update(sig.ACCELERATOR, 40)
    dashboard.release_key("up")
    assert cockpit.value(sig.ACCELERATOR) == 40


@pytest.mark.parametrize("key,path,before,after", [
    ("d", sig.SELECTED_GEAR, sig.GEAR_PARK, sig.GEAR_DRIVE),
    ("r", sig.SELECTED_GEAR, sig.GEAR_PARK, sig.GEAR_REVERSE),
    ("t", sig.DRIVER_TEMP, 21.0, 21.5),
    ("g", sig.DRIVER_TEMP, 21.0, 20.5),
    ("o", sig.PASSENGER_TEMP, 21.0, 21.5),
    ("f", sig.DRIVER_FAN, 30, 50),
    ("a", sig.AC, True, False),
    ("h", sig.SEAT_HEAT, 0, 33),
    ("j", sig.STEERING_HEAT, 0, 33),
    ("q", sig.TURN_LEFT, False, True),
    ("right", sig.TURN_RIGHT, False, True),
])
def test_keys_change_signals(dashboard, key, path, before, after, cockpit):
    assert cockpit.value(path) == before
    dashboard.handle_key("down")  # the foot on the brake, as leaving P needs
    dashboard.handle_key(key)
    assert cockpit.value(path) == after


def test_one_turn_signal_cancels_the_other(dashboard, cockpit):
    dashboard.handle_key("left")
    dashboard.handle_key("right")
    assert cockpit.value(sig.TURN_RIGHT) and not cockpit.value(sig.TURN_LEFT)
    dashboard.handle_key("right")
    assert not cockpit.value(sig.TURN_RIGHT)


def test_leaving_park_without_the_brake_is_refused_with_the_reason(dashboard, cockpit):
    dashboard.handle_key("d")
    dashboard.frame()
    assert cockpit.value(sig.SELECTED_GEAR) == sig.GEAR_PARK
    assert "press the brake to shift from P to D" in dashboard.visible_text()


def test_tab_cycles_and_escape_never_quits(dashboard):
    tabs = dashboard.model.tabs
    start = dashboard.model.tab
    for _ in tabs:
        dashboard.handle_key("tab")
        dashboard.frame()
    assert dashboard.model.tab == start
    dashboard.handle_key("tab")
    assert dashboard.model.tab != start
    assert not dashboard.quit_requested
    dashboard.handle_key("escape")
    assert not dashboard.quit_requested
    dashboard.handle_key("ctrl+q")  # parked: quits without asking
    assert dashboard.quit_requested


def test_every_binding_names_an_action_the_controls_know(dashboard):
    controls = Controls(dashboard.cockpit, dashboard.model)
    assert set(KEY_ACTIONS) | set(PANEL_KEYS) | set(KEYPAD_KEYS) - {"return", "enter"} == {
        key for binding in BINDINGS for key in binding.keys}
    assert PANEL_KEYS["return"] is PANEL_KEYS["enter"] is Move.ACTIVATE
    for action in set(KEY_ACTIONS.values()):
        assert type(action).do is not Action.do, action  # every action does something of its own
        controls.press(action)
        controls.release(action)


def test_clicking_a_tab_shows_its_panel(dashboard):
    bar = next(w for w in dashboard.widgets if isinstance(w, TabBar))
    media = bar.slots[[tab for tab, _ in bar.tabs].index("media")]
    dashboard.click(media.center)
    dashboard.frame()
    assert dashboard.model.tab == "media"
    assert {"Media", "FM", "DAB", "Internet", "Library"} <= set(dashboard.visible_text())


def test_clicking_climate_controls(dashboard, cockpit):
    driver = next(w for w in dashboard.widgets if isinstance(w, Temperature) and w.path == sig.DRIVER_TEMP)
    dashboard.click((driver.rect.right - 5, driver.rect.centery))
    dashboard.click((driver.rect.right - 5, driver.rect.centery))
    dashboard.click((driver.rect.left + 5, driver.rect.centery))
    dashboard.click(driver.rect.center)  # the middle does nothing
    assert cockpit.value(sig.DRIVER_TEMP) == 21.5
    ac = next(w for w in dashboard.widgets if isinstance(w, Toggle) and w.action == Switch(sig.AC))
    dashboard.click(ac.rect.center)
    dashboard.frame()
    assert cockpit.value(sig.AC) is False
    assert "21.5 °C" in dashboard.visible_text()
