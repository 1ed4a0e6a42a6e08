"""Navigation places, the speed warning and chime, the geofence line, and German for the new texts."""

from __future__ import annotations

import pytest

from cockpit.core import signals as sig
from cockpit.core.commands import ApplyProfile
from cockpit.core.policy import Restrictions
from cockpit.ui.chime import Chime, tone_samples


def test_enter_on_a_saved_place_makes_it_the_destination(ui, cockpit, session):
    cockpit.submit(ApplyProfile("alice"))
    ui.model.tab = "navigation"
    ui.handle_key("down")  # Home -> Office
    ui.handle_key("up")  # -> Home
    ui.handle_key("return")
    session.step(0.1)  # the navigator plans on the next tick
    ui.frame()
    assert cockpit.value(sig.DEST_NAME) == "Home"
    assert cockpit.value(sig.DEST_LATITUDE) == pytest.approx(60.17285)
    text = ui.visible_text()
    assert "Home" in text and "Arrive 8:03 am" in text  # Alice reads a 12-hour clock
    assert any(line.startswith("3 min · 1.0 mi · ") for line in text), text  # and miles
    assert cockpit.value(sig.SPEED) == 0  # the arrows chose a place, they did not drive


def test_the_speed_warning_lights_its_telltale_and_chimes_once_per_warning(ui, cockpit):
    cockpit.submit(ApplyProfile("tom"))  # teen: warning at 90 km/h, cap at 100 km/h
    ui.frame()
    assert "100" in ui.visible_text()  # the speed cap telltale shows the cap
    assert ui.chime.chimes == 0
    for warning in (True, True, False, True):
        cockpit.update(sig.SPEED_WARNING, warning)
        ui.frame()
    assert ui.chime.chimes == 2
    assert ui.skin.tr("Speed warning") in ui.visible_text()


def test_the_chime_is_silent_without_raising_when_it_cannot_play():
    chime = Chime(enabled=True)  # the dummy audio driver or no device at all
    chime.follow(True)
    chime.follow(False)
    chime.close()
    assert chime.chimes == 1
    samples = tone_samples(22050, 2)
    assert len(samples) == 2 * 2 * int(22050 * 0.12) and max(samples) > 10000


def test_new_texts_are_german_when_the_language_is_de(ui, cockpit):
    cockpit.set_restrictions(Restrictions(blocked_while_driving=frozenset({"keyboard"})))
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    cockpit.update(sig.SPEED, 30.0)
    cockpit.update(sig.LANGUAGE, "de-DE")
    ui.model.tab = "profiles"
    ui.frame()
    text = ui.visible_text()
    expected = {"Während der Fahrt nur Sprache", "Broker offline", "Profile", "Schlüssel 2", "Metrisch"}
    assert expected <= set(text)
    ui.model.tab = "home"
    ui.frame()
    assert "Mit diesem Fahrzeug ist kein Zuhause verbunden." in ui.visible_text()
    ui.handle_key("f1")
    ui.frame()
    assert "Leertaste" in ui.visible_text()
