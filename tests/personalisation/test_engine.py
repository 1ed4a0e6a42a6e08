"""Applying profiles: a diff through the policy, motors wait until parked, restrictions go live."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import ApplyProfile, EnterPin, SetSignal, Source
from cockpit.core.errors import ProfileError
from cockpit.core.events import CommandApplied, ProfileApplied
from cockpit.core.policy import Restrictions
from cockpit.core.text import localise
from cockpit.i18n import translator
from cockpit.personalisation.engine import ProfileEngine
from cockpit.personalisation.identity import KeyFobReader
from cockpit.personalisation.learned import LearnedStore
from cockpit.personalisation.signal_map import BINDINGS
from cockpit.personalisation.store import ProfileStore
from cockpit.session import Session, Settings

TOM_PIN = "4321"  # the shipped demo PIN of tom.yaml


def drive(cockpit: Cockpit) -> None:
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    cockpit.update(sig.SPEED, 40.0)


def park(cockpit: Cockpit) -> None:
    cockpit.update(sig.SPEED, 0.0)
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_PARK)


def test_applying_a_profile_sets_every_mapped_signal_and_announces_the_changes(cockpit, engine):
    applied: list[ProfileApplied] = []
    cockpit.bus.subscribe(applied.append, ProfileApplied)

    outcome = engine.apply("alice")

    assert outcome.applied
    compiled = engine.store.compiled("alice")
    assert all(cockpit.target(path) == value for path, value in compiled.targets.items())
    assert cockpit.target(sig.DRIVER_ID) == "alice"
    assert cockpit.target(sig.DAY_NIGHT) == "NIGHT"
    assert cockpit.target(sig.DISTANCE_UNIT) == "MILES"
    (event,) = applied
    assert (event.profile_id, event.display_name) == ("alice", "Alice")
    lines = [change.text for change in event.changes]
    for line in ("Seat moving to Alice's position", "Driver 71 °F", "Night theme", "Assistant: Alexa",
                 "Imperial units", "Ambient light orange"):
        assert line in lines
    assert not any(change.after_parking for change in event.changes), "parked: everything applies now"


def test_only_what_differs_is_submitted(cockpit, engine):
    engine.apply("bernd")
    commands: list[CommandApplied] = []
    cockpit.bus.subscribe(commands.append, CommandApplied)

    engine.apply("tom")

    profile_sets = {e.command.path for e in commands
                    if isinstance(e.command, SetSignal) and e.command.source is Source.PROFILE}
    assert profile_sets == {sig.SEAT_POSITION, sig.SEAT_HEIGHT, sig.DRIVER_TEMP, sig.DRIVER_FAN,
                            sig.DAY_NIGHT, sig.CLUSTER_LAYOUT, sig.FONT_SIZE, sig.MEDIA_SOURCE, sig.VOLUME}


def test_motor_moves_wait_until_parked_and_cabin_settings_apply_at_once(cockpit, engine):
    engine.apply("alice")
    drive(cockpit)
    applied: list[ProfileApplied] = []
    cockpit.bus.subscribe(applied.append, ProfileApplied)

    engine.apply("bernd")

    assert cockpit.target(sig.DRIVER_TEMP) == 20.0, "cabin settings apply while driving"
    assert cockpit.target(sig.SEAT_POSITION) == 120, "the seat stays where Alice had it"
    assert {c.path for c in cockpit.pending()} >= {sig.SEAT_POSITION, sig.MIRROR_LEFT_PAN, sig.STEERING_REACH}
    german = translator(applied[0].language)
    lines = {localise(change.text, german): change.after_parking for change in applied[0].changes}
    assert lines["Sitz in die Position von Bernd"] is True  # Bernd reads German
    assert lines["Fahrer 20.0 °C"] is False

    park(cockpit)
    cockpit.tick(0.1)
    assert cockpit.pending() == ()
    assert cockpit.target(sig.SEAT_POSITION) == 210


def test_switching_back_while_driving_cancels_the_other_drivers_pending_moves(cockpit, engine):
    engine.apply("alice")
    drive(cockpit)
    engine.apply("bernd")
    engine.apply("alice")
    park(cockpit)
    cockpit.tick(0.1)
    assert cockpit.target(sig.SEAT_POSITION) == 120 and cockpit.target(sig.MIRROR_LEFT_PAN) == -30


def test_restrictions_become_live_policy(cockpit, engine):
    engine.apply("tom")
    assert cockpit.policy.restrictions.speed_cap_kmh == 100.0
    assert cockpit.submit(SetSignal(sig.VOLUME, 90)).value == 50
    drive(cockpit)
    assert cockpit.submit(SetSignal(sig.MEDIA_SOURCE, "TV")).rejected

    park(cockpit)
    assert cockpit.submit(EnterPin(TOM_PIN, "alice")).applied
    assert cockpit.policy.restrictions == Restrictions()
    assert cockpit.submit(SetSignal(sig.VOLUME, 90)).value == 90


def test_auto_theme_follows_the_simulated_time_of_day(cockpit, engine):
    engine.apply("bernd")
    assert cockpit.target(sig.DAY_NIGHT) == "DAY"
    cockpit.tick(12 * 3600.0)
    assert cockpit.target(sig.DAY_NIGHT) == "NIGHT"
    engine.apply("alice")
    cockpit.tick(12 * 3600.0)
    assert cockpit.target(sig.DAY_NIGHT) == "NIGHT", "a fixed night theme does not follow the clock"


def test_an_unknown_profile_is_rejected_with_the_known_ids(cockpit, engine):
    outcome = cockpit.submit(ApplyProfile("zed"))
    assert outcome.rejected
    assert outcome.reason == "unknown profile 'zed'; known: alice, bernd, guest, tom, valet"


def test_key_fobs_select_their_driver_and_unknown_fobs_the_guest(cockpit, engine):
    reader = KeyFobReader(engine)
    assert reader.press_slot(1).applied
    assert cockpit.target(sig.DRIVER_ID) == "alice" and cockpit.value(sig.KEY_FOB) == "fob-1"
    reader.press_slot(4)
    assert cockpit.target(sig.DRIVER_ID) == "guest"
    reader.present("somebody-elses-key")
    assert cockpit.target(sig.DRIVER_ID) == "guest"
    reader.press_slot(3)
    assert cockpit.target(sig.DRIVER_ID) == "tom"
    assert reader.press_slot(4).deferred, "leaving Tom's teen profile waits for the PIN"
    assert cockpit.target(sig.DRIVER_ID) == "tom"
    with pytest.raises(ValueError, match=r"1\.\.4"):
        reader.press_slot(5)


def test_the_session_starts_with_the_requested_profile_or_the_guest(profiles_dir, state_dir):
    with Session(Settings(profiles_dir=profiles_dir, profile="tom", state_dir=state_dir,
                          use_broker=False)) as session:
        assert session.cockpit.target(sig.DRIVER_ID) == "tom"
        assert session.cockpit.policy.restrictions.max_volume == 50
    with Session(Settings(profiles_dir=profiles_dir, state_dir=state_dir, use_broker=False)) as session:
        assert session.cockpit.target(sig.DRIVER_ID) == "guest"
    with pytest.raises(ProfileError, match="unknown profile 'nobody'"):
        Session(Settings(profiles_dir=profiles_dir, profile="nobody", state_dir=state_dir,
                         use_broker=False)).start()


# --- A -> B -> A equals A, over random valid profiles -----------------------------------------

_CHOICES = {"display.theme": ["day", "night", "auto"], "display.units": ["metric", "imperial"],
            "display.clock": ["12h", "24h"], "display.language": ["en-GB", "de-DE", "fr-FR"],
            "display.cluster_layout": ["classic", "minimal", "sport"],
            "display.text_size": ["standard", "large", "extra_large"],
            "media.default_source": ["FM", "DAB", "USB", "BLUETOOTH"], "ambient.colour": ["FF0000", "00AAFF"],
            "media.last_played": ["", "station:bbc-radio-4", "radio:jazz fm"]}


def _value(field: str, signal: str) -> st.SearchStrategy[object]:
    spec = sig.CATALOGUE[signal]
    if field in _CHOICES:
        return st.sampled_from(_CHOICES[field])
    if spec.datatype is sig.DataType.BOOL:
        return st.booleans()
    low = 0 if field == "climate.steering_heating_pct" else spec.minimum
    if spec.datatype is sig.DataType.INT:
        return st.integers(int(low or 0), int(spec.maximum or 0))
    return st.floats(low, spec.maximum, allow_nan=False).map(lambda x: round(x, 1))


@st.composite
def profiles(draw: st.DrawFn, profile_id: str) -> dict[str, object]:
    data: dict[str, object] = {"schema_version": 1,
                               "identity": {"id": profile_id, "display_name": profile_id}}
    fields = {b.field: b.signal for b in BINDINGS}
    fields["display.theme"] = sig.DAY_NIGHT
    for field in draw(st.sets(st.sampled_from(sorted(fields)))):
        *parents, leaf = field.split(".")
        node = data
        for part in parents:
            node = node.setdefault(part, {})  # type: ignore[assignment]
        node[leaf] = draw(_value(field, fields[field]))  # type: ignore[index]
    preset = draw(st.sampled_from(["none", "teen", "valet"]))
    data["restrictions"] = {"preset": preset, "max_volume_pct": draw(st.none() | st.integers(0, 100))}
    return data


def _cockpit_after(folder: Path, state: Path, switches: list[str], driving: bool) -> Cockpit:
    cockpit = Cockpit()
    engine = ProfileEngine.install(cockpit, ProfileStore(folder, LearnedStore(state)))
    if driving:
        drive(cockpit)
    for profile_id in switches:
        outcome = engine.apply(profile_id)
        leaving_restricted = cockpit.policy.restrictions.restricted and profile_id != switches[0]
        assert outcome.applied or leaving_restricted, outcome.reason
    park(cockpit)
    cockpit.tick(0.1)
    return cockpit


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=profiles("a"), b=profiles("b"), driving=st.booleans())
def test_switching_a_b_a_leaves_exactly_the_state_of_switching_to_a(a, b, driving):
    assume(b["restrictions"]["preset"] == "none")  # type: ignore[index]  # else B is not left (test_pin.py)
    with tempfile.TemporaryDirectory() as folder:
        for data in (a, b):
            (Path(folder) / f"{data['identity']['id']}.yaml").write_text(yaml.safe_dump(data))  # type: ignore[index]
        via_b = _cockpit_after(Path(folder), Path(folder) / "state", ["a", "b", "a"], driving)
        direct = _cockpit_after(Path(folder), Path(folder) / "state", ["a"], driving)
    assert {path: via_b.target(path) for path in sig.CATALOGUE} == {
        path: direct.target(path) for path in sig.CATALOGUE}
    assert via_b.snapshot() == direct.snapshot()
    assert via_b.policy.restrictions == direct.policy.restrictions
