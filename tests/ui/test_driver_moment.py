"""The driver-change moment on screen, by pixels and visible text: one welcome line with the avatar
and a wash of at most a second, never a wall of text; the PIN keypad by keys and clicks; Esc
closes and never quits; every key answers on the next frame."""

from __future__ import annotations

import pygame
import pytest

from cockpit.core import signals as sig
from cockpit.core.commands import ApplyProfile, SetSignal
from cockpit.ui.dashboard import Dashboard
from cockpit.ui.theme import hex_colour
from cockpit.ui.widgets.keypad import KeypadOverlay
from cockpit.ui.widgets.overlays import ToastOverlay
from cockpit.ui.widgets.welcome import TRANSITION_SECONDS, TransitionOverlay, WelcomeOverlay

FRAME = 1 / 30
ALICE = hex_colour("E4572E")


def run(session, dashboard: Dashboard, seconds: float) -> None:
    for _ in range(max(1, round(seconds / FRAME))):
        session.step(FRAME)
        dashboard.frame()


def overlay(dashboard: Dashboard, kind: type) -> object:
    return next(o for o in dashboard.overlays if isinstance(o, kind))


def count(surface: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int]) -> int:
    mask = pygame.mask.from_threshold(surface.subsurface(rect), colour, (6, 6, 6, 255))
    return mask.count()


def drive(cockpit) -> None:
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    cockpit.update(sig.SPEED, 78.0)


def test_a_driver_change_shows_one_welcome_line_with_the_avatar_and_no_wall_of_text(
        dashboard, session, cockpit):
    drive(cockpit)
    toast_area = dashboard.layout.regions["toast"]
    before = pygame.image.tobytes(dashboard.surface.subsurface(toast_area), "RGB")
    dashboard.handle_key("1")  # Alice's fob at 78 km/h
    run(session, dashboard, TRANSITION_SECONDS + 0.1)
    welcome = overlay(dashboard, WelcomeOverlay)
    assert welcome.visible and welcome.texts[-2:] == ["What changed ›", "Welcome back, Alice"]
    assert count(dashboard.surface, welcome.rect, ALICE) > 150, "the avatar in Alice's colour"
    text = dashboard.visible_text()
    assert not any(" · " in line and len(line) > 60 for line in text), "no summary of everything"
    assert not any("#" in line for line in text)
    assert not overlay(dashboard, ToastOverlay).visible
    after = pygame.image.tobytes(dashboard.surface.subsurface(toast_area), "RGB")
    assert after != before  # the car panel below shows Alice's targets, but no card lies over it
    toast_rows = [line for line in text if line in overlay(dashboard, ToastOverlay).texts]
    assert toast_rows == []


def test_the_wash_fades_within_a_second(dashboard, session, cockpit):
    dashboard.handle_key("1")
    dashboard.frame()
    wash = overlay(dashboard, TransitionOverlay)  # the overlays of Alice's skin
    assert wash.visible
    tinted = pygame.transform.average_color(dashboard.surface, wash.rect)  # glowing round the cards
    run(session, dashboard, 1.0)
    assert not overlay(dashboard, TransitionOverlay).visible
    assert pygame.transform.average_color(dashboard.surface, wash.rect) != tinted


def test_the_welcome_line_opens_what_changed_and_esc_closes_it(dashboard, session, cockpit):
    drive(cockpit)
    dashboard.handle_key("2")  # Bernd, German
    run(session, dashboard, 0.2)
    welcome = overlay(dashboard, WelcomeOverlay)
    assert "Willkommen zurück, Bernd" in welcome.texts
    dashboard.click(welcome.rect.center)
    dashboard.frame()
    text = dashboard.visible_text()
    assert {"Was sich für Bernd geändert hat", "Sofort übernommen", "Nach dem Parken"} <= set(text)
    dashboard.handle_key("escape")
    dashboard.frame()
    assert "Nach dem Parken" not in dashboard.visible_text() and not dashboard.quit_requested


def test_the_keypad_takes_keys_and_clicks_and_shows_no_digits(make_dashboard, session, cockpit):
    dashboard = make_dashboard()
    session.view.submit(ApplyProfile("tom"))
    dashboard.frame()
    dashboard.handle_key("2")  # Bernd's fob: leaving Tom's teen profile asks for the PIN
    dashboard.frame()
    keypad = overlay(dashboard, KeypadOverlay)
    assert keypad.visible and "PIN eingeben, um das Profil von Tom zu verlassen" in keypad.texts  # German
    for key in "43":
        dashboard.click(keypad._keys[key].center)
    dashboard.handle_key("2")
    dashboard.handle_key("1")
    dashboard.frame()
    assert "●●●●" in keypad.texts and not any("4321" in text for text in dashboard.visible_text())
    assert cockpit.value(sig.DRIVER_ID) == "tom", "the digit keys are the keypad's, not key fobs"
    dashboard.click(keypad._keys["enter"].center)
    dashboard.frame()
    assert cockpit.value(sig.DRIVER_ID) == "bernd" and not overlay(dashboard, KeypadOverlay).visible


def test_a_wrong_pin_says_so_and_esc_closes_the_keypad(make_dashboard, session, cockpit):
    dashboard = make_dashboard()
    session.view.submit(ApplyProfile("tom"))
    dashboard.handle_key("2")
    for key in "0000":
        dashboard.handle_key(key)
    dashboard.handle_key("return")
    dashboard.frame()
    assert "Falsche PIN: noch 2 Versuche" in dashboard.visible_text()
    dashboard.handle_key("escape")
    dashboard.frame()
    assert not overlay(dashboard, KeypadOverlay).visible and not dashboard.quit_requested
    assert cockpit.value(sig.DRIVER_ID) == "tom"


def test_quitting_asks_once_when_not_parked(dashboard, cockpit):
    drive(cockpit)
    dashboard.handle_key("escape")
    assert not dashboard.quit_requested
    dashboard.handle_key("ctrl+q")
    dashboard.frame()
    assert "Quit the cockpit?" in dashboard.visible_text() and not dashboard.quit_requested
    dashboard.handle_key("w")  # driving keys still drive while the question is open
    assert cockpit.value(sig.ACCELERATOR) == 70
    dashboard.handle_key("escape")
    dashboard.frame()
    assert "Quit the cockpit?" not in dashboard.visible_text()
    dashboard.request_quit()  # the window's close button asks too
    assert not dashboard.quit_requested
    dashboard.handle_key("return")
    assert dashboard.quit_requested


@pytest.mark.parametrize(("unit", "presses", "shown"), [("F", 1, "71 °F"), ("F", 3, "73 °F"),
                                                         ("C", 1, "21.5 °C"), ("C", -2, "20.0 °C")])
def test_t_and_g_change_the_number_shown_on_every_press(dashboard, cockpit, unit, presses, shown):
    cockpit.update(sig.TEMPERATURE_UNIT, unit)
    dashboard.frame()
    for _ in range(abs(presses)):
        dashboard.handle_key("t" if presses > 0 else "g")
        dashboard.frame()
    assert shown in dashboard.visible_text()


def test_t_at_the_top_of_the_range_says_so(dashboard, cockpit):
    cockpit.update(sig.TEMPERATURE_UNIT, "F")
    for _ in range(20):
        dashboard.handle_key("t")
    dashboard.frame()
    assert "82 °F" in dashboard.visible_text() and "The highest setting is 82 °F" in dashboard.visible_text()


def test_seat_ventilation_shows_as_its_own_blue_state(dashboard, cockpit):
    cockpit.submit(SetSignal(sig.SEAT_HEAT, -67))
    dashboard.frame()
    toggle = next(w for w in dashboard.widgets if getattr(w, "action", None) is not None
                  and "Seat heating" in w.static_texts)
    assert toggle.texts == ["Vent 2"]
    assert count(dashboard.surface, toggle.rect, dashboard.skin.theme.cool) > 30


def test_v_on_an_automatic_theme_is_kept_and_shown_until_the_profile_comes_back(dashboard, session, cockpit):
    session.view.submit(ApplyProfile("guest"))  # theme: auto (day at 08:00)
    dashboard.frame()
    assert cockpit.value(sig.DAY_NIGHT) == "DAY" and "Manual theme" not in dashboard.visible_text()
    dashboard.handle_key("v")
    dashboard.frame()
    assert cockpit.value(sig.DAY_NIGHT) == "NIGHT" and "Manual theme" in dashboard.visible_text()
    run(session, dashboard, 2.0)
    assert cockpit.value(sig.DAY_NIGHT) == "NIGHT"
    session.view.submit(ApplyProfile("guest"))
    dashboard.frame()
    assert cockpit.value(sig.DAY_NIGHT) == "DAY" and "Manual theme" not in dashboard.visible_text()
