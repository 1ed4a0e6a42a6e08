"""The schema: every field round-trips, ranges agree with the catalogue, shipped profiles are valid."""

from __future__ import annotations

import json
import typing
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from cockpit.core import signals as sig
from cockpit.core.policy import BLOCKABLE
from cockpit.personalisation import schema
from cockpit.personalisation.schema import Profile, register_settings_validator
from cockpit.personalisation.signal_map import BINDINGS, compile_profile
from cockpit.personalisation.store import ProfileStore

from .conftest import REPO, SHIPPED

EVERY_FIELD = """
schema_version: 1
extends: bernd
identity: {id: zoe, display_name: Zoë, avatar_colour: "123ABC", key_fobs: [fob-9, spare_key]}
seat: {position_mm: 91, height_mm: 12, recline_deg: 31.5, lumbar_pct: 12.5}
mirrors:
  left: {tilt_pct: -20, pan_pct: -21}
  right: {tilt_pct: 22, pan_pct: 23}
steering: {reach_pct: 11, height_pct: 89}
climate:
  driver: {setpoint_c: 16.5, fan_pct: 1}
  passenger: {setpoint_c: 27.5, fan_pct: 99}
  ac: false
  auto: false
  recirculation: true
  seat_heating_pct: -70
  passenger_seat_heating_pct: 70
  steering_heating_pct: 100
ambient: {enabled: false, colour: "ABCDEF", brightness_pct: 1}
display: {theme: day, units: imperial, clock: 12h, language: fr-CA, cluster_layout: sport,
          text_size: extra_large, high_contrast: true, brightness_pct: 12.5}
media:
  favourite_stations: [{name: Jazz, source: DAB, frequency_mhz: 223.936, uri: "dab://jazz"}]
  default_source: USB
  volume_pct: 7
  eq: {bass_db: -12.0, mid_db: 3.5, treble_db: 12.0}
  last_played: "playlist:road-trip/3"
charging: {limit_pct: 85}
assistant: {adapter: android, wake_word: false, spoken_replies: false, settings: {locale: de-DE},
            voice_pin_hash: "scrypt$16384$8$1$33d3a02510fb598c33e524769c7b79cf$\\
              b0f2f30d0adf40919a82a54968a092215ea0002be2f1dabc72a55b27eb25cf1b"}
navigation:
  saved_places: [{name: Gym, kind: other, latitude: -33.5, longitude: 151.25}]
home:
  latitude: 48.2
  longitude: 11.6
  geofence_radius_m: 300.5
  on_arrive: [{device: gate, action: open, params: {speed: slow, percent: 50}}]
  on_leave: [{device: gate, action: close, params: {}}]
restrictions: {preset: valet, speed_warning_kmh: 45.5, speed_cap_kmh: 55.5, max_volume_pct: 9,
               blocked_while_driving: [keyboard, setup],
               pin_hash: "scrypt$16384$8$1$9f4521e0d79f228463dd7cde0c8f971a$\\
                 a2f8b99434877476db19d89e55ef9cca89dc6562e2f64c73385f674e42b8b4d8"}
privacy: {share_location: true, telemetry: true, learn_preferences: false}
"""


def test_a_profile_that_sets_every_field_round_trips(write_profile, profiles_dir, state_dir):
    write_profile("zoe.yaml", EVERY_FIELD)
    store = ProfileStore(profiles_dir)
    assert store.load() == []
    effective = store.effective("zoe")
    assert set(effective.origins.values()) == {"file"}, "the fixture must set every field"
    dumped = effective.profile.model_dump(mode="json")
    assert dumped["restrictions"]["pin_hash"] == "**********", "a dump never shows the PIN hash"
    pin_hash = effective.profile.restrictions.pin_hash
    assert pin_hash is not None
    dumped["restrictions"]["pin_hash"] = pin_hash.get_secret_value()
    assert dumped["assistant"]["voice_pin_hash"] == "**********", "a dump never shows the voice PIN hash"
    voice_pin_hash = effective.profile.assistant.voice_pin_hash
    assert voice_pin_hash is not None
    dumped["assistant"]["voice_pin_hash"] = voice_pin_hash.get_secret_value()
    again = Profile.model_validate(yaml.safe_load(yaml.safe_dump(dumped, allow_unicode=True)))
    assert again == effective.profile
    assert again.identity.display_name == "Zoë"
    assert again.home and again.home.on_arrive[0].params["percent"] == 50


@pytest.mark.parametrize("binding", BINDINGS, ids=lambda b: b.field)
def test_numeric_ranges_lie_within_the_signal_ranges(binding):
    spec = sig.CATALOGUE[binding.signal]
    owner: type[BaseModel] = Profile
    *parents, leaf = binding.field.split(".")
    for part in parents:
        owner = typing.cast(type[BaseModel], owner.model_fields[part].annotation)
    field = owner.model_fields[leaf]
    bounds = {type(m).__name__: m for m in field.metadata}
    if spec.minimum is None:
        return
    assert bounds["Ge"].ge >= spec.minimum and bounds["Le"].le <= spec.maximum
    assert spec.unit is None or f"[{spec.unit}]" in (field.description or "")


def test_literal_choices_agree_with_core():
    assert typing.get_args(schema.Blockable) == BLOCKABLE
    assert set(typing.get_args(schema.MediaSource)) <= set(sig.CATALOGUE[sig.MEDIA_SOURCE].allowed or ())


def test_unknown_keys_and_loose_types_are_refused():
    base = {"schema_version": 1, "identity": {"id": "a", "display_name": "A"}}
    with pytest.raises(ValidationError, match="Extra inputs"):
        Profile.model_validate({**base, "sat": {}})
    with pytest.raises(ValidationError, match="valid integer"):
        Profile.model_validate({**base, "media": {"volume_pct": "40"}})
    with pytest.raises(ValidationError, match="valid boolean"):
        Profile.model_validate({**base, "climate": {"ac": 1}})


def test_presets_give_teen_and_valet_limits_and_own_values_win():
    teen = schema.RestrictionSettings(preset="teen").resolve()
    assert (teen.speed_cap_kmh, teen.speed_warning_kmh, teen.max_volume) == (100.0, 90.0, 50)
    assert "video" in teen.blocked_while_driving
    valet = schema.RestrictionSettings(preset="valet", max_volume_pct=10).resolve()
    assert valet.max_volume == 10 and valet.speed_cap_kmh == 50.0
    with pytest.raises(ValidationError, match="above the speed cap"):
        schema.RestrictionSettings(preset="teen", speed_warning_kmh=120)


def test_assistant_settings_are_checked_by_the_registered_adapter_model():
    def only_voice(settings: dict) -> None:
        if set(settings) - {"voice"}:
            raise ValueError(f"unknown settings: {', '.join(sorted(set(settings) - {'voice'}))}")

    register_settings_validator("testbot", only_voice)
    base = {"schema_version": 1, "identity": {"id": "a", "display_name": "A"}}
    Profile.model_validate({**base, "assistant": {"adapter": "testbot", "settings": {"voice": "x"}}})
    with pytest.raises(ValidationError, match="unknown settings: speed") as caught:
        Profile.model_validate({**base, "assistant": {"adapter": "testbot", "settings": {"speed": 2}}})
    assert caught.value.errors()[0]["loc"] == ("assistant", "settings")
    Profile.model_validate({**base, "assistant": {"adapter": "other", "settings": {"speed": 2}}})


def test_committed_json_schema_is_up_to_date():
    committed = json.loads((SHIPPED / "profile.schema.json").read_text(encoding="utf-8"))
    assert committed == schema.json_schema()
    assert (SHIPPED / "profile.schema.json").read_text(encoding="utf-8") == schema.schema_text()


def test_shipped_profiles_are_valid_and_cover_the_drivers_we_promise():
    store = ProfileStore(SHIPPED)
    assert store.load() == []
    for path in SHIPPED.glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../profiles/profile.schema.json\n"), path
    alice, bernd = store.effective("alice").profile, store.effective("bernd").profile
    assert alice.display.units != bernd.display.units
    assert {alice.display.language, bernd.display.language} == {"en-GB", "de-DE"}
    assert alice.display.theme != bernd.display.theme
    assert {alice.assistant.adapter, bernd.assistant.adapter} == {"alexa", "android"}
    teen = store.compiled("tom").restrictions
    assert (teen.speed_cap_kmh, teen.speed_warning_kmh, teen.max_volume) == (100.0, 90.0, 50)
    assert "video" in teen.blocked_while_driving
    assert "guest" in store.ids()
    for profile_id in ("alice", "bernd", "tom"):
        home = store.effective(profile_id).profile.home
        assert home is not None and home.on_arrive and home.on_leave
        assert abs(home.latitude - 60.17) < 0.05 and abs(home.longitude - 24.94) < 0.05  # central Helsinki


def test_compiled_targets_are_valid_signal_values():
    for path in SHIPPED.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("extends"):
            continue
        compiled = compile_profile(Profile.model_validate(data))
        for signal, value in compiled.targets.items():
            assert sig.CATALOGUE[signal].validate(value) == value


def test_repo_root_fixture_points_at_the_project():
    assert (REPO / "pyproject.toml").is_file() and Path(SHIPPED).is_dir()
