"""The change summary comes out in the new driver's language (display.language)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cockpit.core import signals as sig
from cockpit.core.events import ProfileApplied
from cockpit.core.policy import Restrictions
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
SAME_IN_EVERY_LANGUAGE = {"21.5 °C", "Android"}  # a bare setpoint and a product name


def _applied(cockpit, engine, profile_id: str) -> tuple[str, ...]:
    applied: list[ProfileApplied] = []
    cockpit.bus.subscribe(applied.append, ProfileApplied)
    engine.apply(profile_id)
    return applied[-1].changes


def test_a_german_driver_reads_the_summary_in_german(cockpit, engine):
    lines = _applied(cockpit, engine, "bernd")
    assert "Sitz fährt in die Position von Bernd" in lines
    assert "Sport-Instrumente" in lines and "Sprache de-DE" in lines
    assert not [line for line in lines if "position" in line or "Seat" in line]


def test_an_english_driver_reads_english_after_a_german_one(cockpit, engine):
    engine.apply("bernd")
    lines = _applied(cockpit, engine, "alice")
    assert "Seat moving to Alice's position" in lines
    assert {"Minimal cluster", "Imperial units", "Language en-GB"} <= set(lines)


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
    german = summary.describe_changes(_in(bernd, "de-DE"), *args)
    english = summary.describe_changes(_in(bernd, "en-GB"), *args)
    assert len(german) == len(english) == len(changed) + 3  # + the assistant and two limits
    untranslated = [e for d, e in zip(german, english, strict=True)
                    if d == e and e not in SAME_IN_EVERY_LANGUAGE]
    assert untranslated == []
    assert ("Sitz fährt in die Position von Bernd, sobald geparkt" in german) is deferred
    assert {"Nachtdesign", "Beifahrer-Sitzbelüftung 30 %", "Lenkradheizung aus",
            "Geschwindigkeit begrenzt auf 100 km/h"} <= set(german)
