"""Real pygame rendering, checked by pixels and by the text on screen."""

from __future__ import annotations

import pygame
import pytest

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal, Source
from cockpit.core.events import NoticeRaised, ProfileApplied
from cockpit.core.facts import Change
from cockpit.core.outcome import Status
from cockpit.core.text import Text
from cockpit.ui.dashboard import Dashboard
from cockpit.ui.fonts import Weight
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.assistant import TalkBox
from cockpit.ui.widgets.gauges import GearSelector, Speedometer
from tests.ui.conftest import luminance


def widget(dashboard: Dashboard, kind: type) -> object:
    return next(w for w in dashboard.widgets if isinstance(w, kind))


def needle_colour_at(dashboard: Dashboard, shown_speed: float) -> bool:
    """Whether the needle colour is on the dial at the angle of `shown_speed`."""
    dial: Speedometer = widget(dashboard, Speedometer)  # type: ignore[assignment]
    x, y = shapes.point_at(dial.centre, dial.needle_tip * 0.8, dial.angle(shown_speed))
    colour = dashboard.surface.get_at((round(x), round(y)))[:3]
    return colour == dashboard.skin.theme.needle


def test_the_needle_moves_with_speed(dashboard, cockpit):
    assert needle_colour_at(dashboard, 0) and not needle_colour_at(dashboard, 120)
    cockpit.update(sig.SPEED, 120.0)
    dirty = dashboard.frame()
    assert needle_colour_at(dashboard, 120) and not needle_colour_at(dashboard, 0)
    assert "120" in widget(dashboard, Speedometer).texts  # type: ignore[attr-defined]
    dial_area = widget(dashboard, Speedometer).rect  # type: ignore[attr-defined]
    talk = widget(dashboard, TalkBox).rect  # type: ignore[attr-defined]  # moving: "voice only"
    assert dirty and all(dial_area.contains(rect) or rect == talk for rect in dirty)


def test_a_frame_without_changes_draws_nothing(dashboard):
    assert dashboard.frame() == []


def test_partial_frames_end_up_identical_to_a_full_redraw(dashboard, cockpit, session):
    cockpit = cockpit
    for step in range(40):
        cockpit.update(sig.SPEED, float(step * 5))
        cockpit.update(sig.MOTOR_POWER, float(step * 4 - 60))
        cockpit.update(sig.TURN_LEFT, step % 7 < 4)
        if step == 10:
            cockpit.bus.publish(NoticeRaised(time=cockpit.now, text="Broker offline"))
        session.step(0.25)
        dashboard.frame()
    partial = pygame.image.tobytes(dashboard.surface, "RGB")
    dashboard.full_redraw()
    assert pygame.image.tobytes(dashboard.surface, "RGB") == partial


def test_the_night_theme_is_darker_than_day(dashboard, cockpit):
    cockpit.update(sig.DAY_NIGHT, "DAY")
    dashboard.frame()
    day = luminance(dashboard.surface)
    dashboard.handle_key("v")
    dashboard.frame()
    assert cockpit.value(sig.DAY_NIGHT) == "NIGHT"
    night = luminance(dashboard.surface)
    assert night < day / 3


@pytest.mark.parametrize("key,letter", [("p", "P"), ("r", "R"), ("n", "N"), ("d", "D")])
def test_the_gear_shown_is_the_gear_selected(dashboard, key, letter):
    dashboard.handle_key("down")  # leaving P needs the brake
    dashboard.handle_key(key)
    dashboard.frame()
    gear: GearSelector = widget(dashboard, GearSelector)  # type: ignore[assignment]
    assert gear.current == letter
    step = gear.px(6)  # the letters' spacing
    cells = {ch: pygame.Rect(gear.rect.centerx + round((i - 1.5) * step) - step // 3, gear.rect.top,
                             2 * step // 3, gear.rect.height) for i, ch in enumerate("PRND")}
    background = dashboard.skin.background

    def ink(ch: str) -> float:
        return abs(luminance(dashboard.surface, cells[ch]) - luminance(background, cells[ch]))

    assert max(cells, key=ink) == letter


def test_units_key_switches_to_mph_and_fahrenheit(dashboard, cockpit):
    cockpit.update(sig.SPEED, 100.0)
    dashboard.frame()
    assert "km/h" in dashboard.visible_text() and "100" in dashboard.visible_text()
    dashboard.handle_key("u")
    dashboard.frame()
    text = dashboard.visible_text()
    assert "mph" in text and "km/h" not in text
    assert "62" in text  # 100 km/h
    assert "70 °F" in text  # the 21 °C setpoints
    assert "160" in text and "240" not in text  # the dial is re-labelled


def test_a_pending_seat_move_shows_its_telltale(dashboard, cockpit):
    cockpit = cockpit
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    cockpit.update(sig.SPEED, 50.0)
    assert "After parking: seat" not in dashboard.visible_text()
    assert cockpit.submit(SetSignal(sig.SEAT_POSITION, 220)).status is Status.DEFERRED
    dashboard.frame()
    assert "After parking: seat" in dashboard.visible_text()
    telltales = next(w for w in dashboard.widgets if type(w).__name__ == "Telltales")
    warning = dashboard.skin.theme.warning
    width, height = telltales.rect.size
    pixels = [dashboard.surface.get_at((telltales.rect.left + x, telltales.rect.top + y))[:3]
              for x in range(0, width, 2) for y in range(0, height, 2)]
    assert warning in pixels
    # the seat move is also shown as a toast, and the Car panel shows its target
    assert any("parked" in t for t in dashboard.visible_text())
    assert "150 mm → 220 mm" in dashboard.visible_text()


def test_f1_shows_the_key_help_over_the_screen(dashboard):
    before = luminance(dashboard.surface)
    dashboard.handle_key("f1")
    dashboard.frame()
    text = dashboard.visible_text()
    assert "Keys" in text and "Select gear" in text and "P R N D" in text
    assert luminance(dashboard.surface) != before
    dashboard.handle_key("f1")
    dashboard.frame()
    assert "Keys" not in dashboard.visible_text()
    assert luminance(dashboard.surface) == pytest.approx(before)


def test_notices_show_as_toasts_that_expire_and_a_profile_switch_raises_none(dashboard, cockpit, session):
    moving = Change(Text("Seat moving to {name}'s position", name="Anna"))
    cockpit.bus.publish(ProfileApplied(time=cockpit.now, profile_id="anna", display_name="Anna",
                                       changes=(moving,)))
    cockpit.bus.publish(NoticeRaised(time=cockpit.now, text=Text("The home is offline: reconnecting"),
                                     level="warning"))
    dashboard.frame()
    text = dashboard.visible_text()
    assert "Anna" in text and "The home is offline: reconnecting" in text
    assert not any("Seat moving" in line for line in text), "what changed goes to the drawer, not a toast"
    session.step(9.0)
    dashboard.frame()
    assert "The home is offline: reconnecting" not in dashboard.visible_text()


def test_a_rejected_gear_change_shows_the_reason(dashboard, cockpit):
    cockpit = cockpit
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    cockpit.update(sig.SPEED, 40.0)
    dashboard.handle_key("p")
    dashboard.frame()
    assert "cannot shift to P while moving forward at 40 km/h; stop first" in dashboard.visible_text()
    assert widget(dashboard, GearSelector).current == "D"  # type: ignore[attr-defined]


def test_commands_from_others_raise_no_toast(dashboard, cockpit):
    cockpit = cockpit
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    cockpit.update(sig.SPEED, 40.0)
    cockpit.submit(SetSignal(sig.SEAT_POSITION, 220, source=Source.PROFILE))
    dashboard.frame()
    assert dashboard.model.current_toast() is None


def test_language_follows_the_language_signal(dashboard, cockpit):
    assert "Range" in dashboard.visible_text()
    cockpit.update(sig.LANGUAGE, "de-DE")
    dashboard.frame()
    text = dashboard.visible_text()
    assert "Reichweite" in text and "Fahrzeug" in text and "Range" not in text



def test_larger_font_size_and_high_contrast_follow_their_signals(dashboard, cockpit):
    dial = widget(dashboard, Speedometer)
    standard = dashboard.skin.type.font(Weight.BOLD, 104).get_height()
    cockpit.update(sig.FONT_SIZE, "EXTRA_LARGE")
    cockpit.update(sig.DAY_NIGHT, "NIGHT")
    dashboard.frame()
    assert dashboard.skin.type.font(Weight.BOLD, 104).get_height() > standard
    assert widget(dashboard, Speedometer) is not dial  # rebuilt for the new skin
    cluster = dashboard.layout.regions["cluster"]
    normal_night = luminance(dashboard.surface, cluster)
    cockpit.update(sig.HIGH_CONTRAST, True)
    dashboard.frame()
    assert dashboard.surface.get_at((1, 1))[:3] == (0, 0, 0)
    assert luminance(dashboard.surface, cluster) < normal_night
