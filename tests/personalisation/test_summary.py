"""The "What changed" list: in the new driver's language (display.language) and units, human names,
each entry marked as applied now or after parking."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cockpit.core import signals as sig
from cockpit.core.events import ProfileApplied
from cockpit.core.policy import Restrictions
from cockpit.core.text import localise
from cockpit.i18n import translator
from cockpit.personalisation import summary
from cockpit.personalisation.signal_map import CompiledProfile

SAMPLES = {sig.DRIVER_TEMP: 21.5, sig.PASSENGER_TEMP: 20.0, sig.DRIVER_FAN: 40, sig.PASSENGER_FAN: 30,
           sig.AC: True, sig.HVAC_AUTO: False, sig.RECIRCULATION: True, sig.SEAT_HEAT: 40,
           sig.PASSENGER_SEAT_HEAT: -30, sig.STEERING_HEAT: 0, sig.AMBIENT_ON: True,
           sig.AMBIENT_COLOR: "E4572E", sig.AMBIENT_INTENSITY: 60, sig.DAY_NIGHT: "NIGHT",
           sig.DISTANCE_UNIT: "KILOMETERS", sig.TIME_FORMAT: "HR_12", sig.LANGUAGE: "de-DE",
           sig.CLUSTER_LAYOUT: "SPORT", sig.FONT_SIZE: "EXTRA_LARGE", sig.HIGH_CONTRAST: True,
           sig.BRIGHTNESS: 80, sig.MEDIA_SOURCE: "FM", sig.VOLUME: 45}
MOTORS = [sig.SEAT_POSITION, sig.MIRROR_LEFT_TILT, sig.STEERING_REACH]
SAME_IN_EVERY_LANGUAGE = {"Android"}  # a product name


def _applied(cockpit, engine, profile_id: str) -> list[str]:
    """The list as the driver reads it: in their language."""
    applied: list[ProfileApplied] = []
    cockpit.bus.subscribe(applied.append, ProfileApplied)
    engine.apply(profile_id)
    tr = translator(applied[-1].language)
    return [localise(change.text, tr) for change in applied[-1].changes]


def test_a_german_driver_reads_the_summary_in_german(cockpit, engine):
    lines = _applied(cockpit, engine, "bernd")
    assert "Sitz fährt in die Position von Bernd" in lines
    assert {"Sport-Instrumente", "Sprache: Deutsch", "Sitzbelüftung: Stufe 1"} <= set(lines)
    assert not [line for line in lines if "position" in line or "Seat" in line or "#" in line]


def test_an_english_driver_reads_english_after_a_german_one(cockpit, engine):
    engine.apply("bernd")
    lines = _applied(cockpit, engine, "alice")
    assert "Seat moving to Alice's position" in lines
    assert {"Minimal cluster", "Imperial units", "Language: English", "Driver 71 °F"} <= set(lines)


def _in(compiled: CompiledProfile, language: str) -> CompiledProfile:
    display = compiled.profile.display.model_copy(update={"language": language})
    return replace(compiled, profile=compiled.profile.model_copy(update={"display": display}),
                   restrictions=Restrictions(speed_cap_kmh=100, max_volume=60))


@pytest.mark.parametrize("deferred", [False, True], ids=["moving", "waiting"])
def test_every_kind_of_line_has_a_german_translation(store, deferred):
    assert store.load() == []
    bernd = store.compiled("bernd")
    changed = [*SAMPLES, *MOTORS]
    args = (None, {**bernd.targets, **SAMPLES}, changed, MOTORS if deferred else [], True)
    changes = summary.describe_changes(_in(bernd, "de-DE"), *args)
    german = [localise(change.text, translator("de-DE")) for change in changes]
    english = [str(change.text) for change in changes]
    assert len(changes) == len(changed) + 3  # + the assistant and two limits
    untranslated = [e for d, e in zip(german, english, strict=True)
                    if d == e and e not in SAME_IN_EVERY_LANGUAGE]
    assert untranslated == []
    assert ("Sitz in die Position von Bernd" in german) is deferred
    assert [change.after_parking for change in changes][:3] == [deferred] * 3
    assert {"Nachtdesign", "Beifahrer-Sitzbelüftung: Stufe 1", "Lenkradheizung aus",
            "Geschwindigkeit begrenzt auf 100 km/h", "Ambientebeleuchtung Rot"} <= set(german)
