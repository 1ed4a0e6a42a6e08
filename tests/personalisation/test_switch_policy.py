"""A change of driver goes through the core policy, whoever asks: comfort applies at once, how the
instruments read waits for P with the seat moves (and applies in one step), a restricted profile
is not left while moving and is left only with its PIN; three wrong PINs lock the keypad."""

from __future__ import annotations

import json
import logging

import pytest

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import ApplyProfile, AskAssistant, EnterPin, PresentKeyFob, SetSignal, Source
from cockpit.core.events import CommandApplied, Event, PinEntered, PinRequested, ProfileApplied, SignalChanged
from cockpit.core.outcome import Status
from cockpit.core.policy import Policy, ProfileSwitch, Restrictions, decide_switch
from cockpit.core.text import localise
from cockpit.i18n import translator
from cockpit.personalisation.pin import LOCKOUT_S, PinLock, hash_pin, pin_matches
from cockpit.session import Session, Settings

READINGS = (sig.DISTANCE_UNIT, sig.TEMPERATURE_UNIT, sig.LANGUAGE, sig.CLUSTER_LAYOUT, sig.FONT_SIZE,
            sig.TIME_FORMAT)
VALET_PIN, TOM_PIN = "1234", "4321"


def drive(cockpit: Cockpit, kmh: float = 80.0) -> None:
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    cockpit.update(sig.SPEED, kmh)


def park(cockpit: Cockpit) -> None:
    cockpit.update(sig.SPEED, 0.0)
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_PARK)


def recorded(cockpit: Cockpit) -> list[Event]:
    events: list[Event] = []
    cockpit.bus.subscribe(events.append)
    return events


# --- the rule itself ---------------------------------------------------------------------------------

class Parked:
    def __init__(self, parked: bool) -> None:
        self.parked = parked

    def value(self, path: str) -> sig.Value:
        return sig.CATALOGUE[path].default

    def target(self, path: str) -> sig.Value:
        return sig.CATALOGUE[path].default


RESTRICTED = Restrictions(speed_cap_kmh=50, restricted=True)


@pytest.mark.parametrize(("source", "parked", "restrictions", "changes", "pin", "expected"), [
    (Source.USER, False, Restrictions(), True, False, None),
    (Source.USER, False, RESTRICTED, False, False, None),  # applying the active profile again
    (Source.USER, False, RESTRICTED, True, True, Status.REJECTED),  # not even with the PIN
    (Source.ASSISTANT, False, RESTRICTED, True, False, Status.REJECTED),
    (Source.USER, True, RESTRICTED, True, False, Status.DEFERRED),  # waits for the PIN
    (Source.USER, True, RESTRICTED, True, True, None),
    (Source.REMOTE, True, RESTRICTED, True, False, Status.REJECTED),  # the PIN is entered in the car
    (Source.REMOTE, False, Restrictions(), True, False, Status.REJECTED),
    (Source.REMOTE, True, Restrictions(), True, False, None),
], ids=["free", "same-driver", "moving-with-pin", "moving-voice", "parked-asks-pin", "parked-pin",
        "remote-restricted", "remote-moving", "remote-parked"])
def test_the_switch_rule(source, parked, restrictions, changes, pin, expected):
    verdict = decide_switch(ProfileSwitch(source, "Tom", changes, pin), Parked(parked), restrictions)
    assert (verdict.status if verdict else None) is expected


def test_keyboard_is_locked_while_driving_for_every_driver():
    policy = Policy()
    assert policy.restrictions == Restrictions()
    assert policy.blocks("keyboard", Parked(False)) and not policy.blocks("keyboard", Parked(True))


# --- a driver change at speed --------------------------------------------------------------------------

def test_at_speed_comfort_applies_now_and_readings_wait_for_p_then_apply_in_one_step(cockpit, engine):
    engine.apply("bernd")
    drive(cockpit)
    outcome = cockpit.submit(PresentKeyFob("fob-1"))
    assert outcome.applied
    assert cockpit.target(sig.DRIVER_TEMP) == 21.5 and cockpit.value(sig.AMBIENT_COLOR) == "FF8C42"
    before = ["KILOMETERS", "C", "de-DE", "SPORT", "LARGE", "HR_24"]
    assert [cockpit.value(path) for path in READINGS] == before
    waiting = {command.path for command in cockpit.pending()}
    assert set(READINGS) | {sig.SEAT_POSITION, sig.MIRROR_LEFT_PAN, sig.STEERING_REACH} <= waiting

    events = recorded(cockpit)
    cockpit.tick(0.1)
    assert not any(isinstance(e, SignalChanged) and e.path in READINGS for e in events), "not before P"
    park(cockpit)
    cockpit.tick(0.1)
    changed = [e for e in events if isinstance(e, SignalChanged) and e.path in READINGS]
    after = ["MILES", "F", "en-GB", "MINIMAL", "STANDARD", "HR_12"]
    assert [cockpit.value(path) for path in READINGS] == after
    assert {e.time for e in changed} == {cockpit.now}, "every reading changes in the same tick"


def test_the_driver_s_own_controls_act_at_once_while_driving(cockpit, engine):
    engine.apply("bernd")
    drive(cockpit)
    assert cockpit.submit(SetSignal(sig.DISTANCE_UNIT, "MILES")).applied
    assert cockpit.submit(SetSignal(sig.DAY_NIGHT, "NIGHT")).applied


def test_what_changed_is_grouped_in_the_driver_s_language_and_units(cockpit, engine):
    engine.apply("bernd")
    drive(cockpit)
    applied: list[ProfileApplied] = []
    cockpit.bus.subscribe(applied.append, ProfileApplied)
    cockpit.submit(PresentKeyFob("fob-1"))
    (event,) = applied
    now = [change.text for change in event.changes if not change.after_parking]
    later = [change.text for change in event.changes if change.after_parking]
    assert {"Driver 71 °F", "Ambient light orange", "Assistant: Alexa", "Volume 35 %"} <= set(now)
    assert {"Imperial units", "Language: English", "Minimal cluster", "Standard text",
            "Seat to Alice's position"} <= set(later)
    assert not any("#" in text or "°C" in text for text in now + later)
    german = translator("de-DE")
    assert "Ambientebeleuchtung Orange" in [localise(change.text, german) for change in event.changes]
    assert event.to_dict()["changes"][0]["after_parking"] is True, "structured for the report"


def test_an_automatic_theme_waits_too_but_follows_dusk_even_while_driving(cockpit, engine):
    cockpit.clock.advance(12 * 3600 - cockpit.clock.time_of_day())  # noon
    engine.apply("alice")  # night theme
    drive(cockpit)
    cockpit.submit(ApplyProfile("bernd"))  # auto: day at noon, but not while moving
    assert cockpit.value(sig.DAY_NIGHT) == "NIGHT"
    assert sig.DAY_NIGHT in {command.path for command in cockpit.pending()}
    cockpit.tick(7.5 * 3600)  # dusk: the automatic theme turns, moving or not
    assert cockpit.value(sig.DAY_NIGHT) == "NIGHT"
    assert sig.DAY_NIGHT not in {command.path for command in cockpit.pending()}, "dusk replaced the day"
    park(cockpit)
    cockpit.tick(0.1)
    assert cockpit.value(sig.DAY_NIGHT) == "NIGHT"


# --- restricted profiles: not left while moving, left with the PIN -------------------------------------

@pytest.mark.parametrize("producer", ["fob", "carousel", "assistant", "scenario"])
def test_no_producer_leaves_the_valet_profile_while_moving(cockpit, engine, producer):
    engine.apply("valet")
    drive(cockpit, 40)
    command = {"fob": PresentKeyFob("fob-2"), "carousel": ApplyProfile("bernd"),
               "assistant": ApplyProfile("bernd", source=Source.ASSISTANT),
               "scenario": ApplyProfile("bernd", source=Source.SCENARIO)}[producer]
    outcome = cockpit.submit(command)
    assert outcome.rejected and "Valet's profile has restrictions" in outcome.reason
    assert cockpit.target(sig.DRIVER_ID) == "valet" and cockpit.policy.restrictions.speed_cap_kmh == 50
    german = localise(outcome.reason, translator("de-DE"))
    assert german.startswith("Das Profil von Valet hat Einschränkungen")


def test_voice_asks_and_is_refused_while_moving(profiles_dir, state_dir):
    with Session(Settings(profiles_dir=profiles_dir, state_dir=state_dir, profile="valet",
                          use_broker=False)) as session:
        drive(session.cockpit, 40)
        turn = session.view.submit(AskAssistant("switch to Bernd's profile", "alexa"))
        assert "restrictions" in turn.reason
        assert session.cockpit.target(sig.DRIVER_ID) == "valet"


def test_parked_the_pin_opens_the_way_and_every_try_is_an_event(cockpit, engine):
    engine.apply("valet")
    events = recorded(cockpit)
    outcome = cockpit.submit(PresentKeyFob("fob-2"))
    assert outcome.deferred and "enter the PIN to leave Valet's profile" in outcome.reason
    (asked,) = [e for e in events if isinstance(e, PinRequested)]
    assert (asked.leaving_name, asked.profile_id, asked.tries_left) == ("Valet", "bernd", 3)

    wrong = cockpit.submit(EnterPin("0000", "bernd"))
    assert wrong.rejected and wrong.reason == "wrong PIN: 2 tries left"
    assert cockpit.submit(EnterPin(VALET_PIN, "bernd")).applied
    assert cockpit.target(sig.DRIVER_ID) == "bernd" and cockpit.policy.restrictions == Restrictions()
    tries = [e for e in events if isinstance(e, PinEntered)]
    assert [(e.accepted, e.tries_left) for e in tries] == [(False, 2), (True, 3)]
    logged = json.dumps([e.to_dict() for e in events], default=str)
    assert VALET_PIN not in logged and "0000" not in logged and "scrypt" not in logged


def test_three_wrong_pins_lock_the_keypad_for_a_minute(cockpit, engine):
    engine.apply("tom")
    cockpit.submit(ApplyProfile("bernd"))
    reasons = [cockpit.submit(EnterPin("1111", "bernd")).reason for _ in range(3)]
    assert reasons == ["wrong PIN: 2 tries left", "wrong PIN: 1 tries left",
                       "wrong PIN: the keypad is locked for 60 s"]
    assert cockpit.submit(EnterPin(TOM_PIN, "bernd")).rejected, "the right PIN does not open a locked keypad"
    cockpit.tick(LOCKOUT_S - 1)
    assert cockpit.submit(EnterPin(TOM_PIN, "bernd")).rejected
    cockpit.tick(1.5)
    assert cockpit.submit(EnterPin(TOM_PIN, "bernd")).applied
    assert cockpit.target(sig.DRIVER_ID) == "bernd"


def test_the_pin_is_refused_while_moving_without_counting_a_try(cockpit, engine):
    engine.apply("tom")
    drive(cockpit, 30)
    events = recorded(cockpit)
    assert "restrictions" in cockpit.submit(EnterPin(TOM_PIN, "bernd")).reason
    assert not [e for e in events if isinstance(e, PinEntered)]


def test_a_restricted_profile_without_a_pin_is_left_when_parked(cockpit, engine, write_profile):
    write_profile("kid.yaml", """
        schema_version: 1
        identity: {id: kid, display_name: Kid}
        restrictions: {preset: teen}
    """)
    engine.ensure_loaded()
    engine.store.load()
    engine.apply("kid")
    drive(cockpit)
    assert engine.apply("bernd").rejected
    park(cockpit)
    assert engine.apply("bernd").applied


def test_the_pin_is_never_logged(cockpit, engine, caplog):
    caplog.set_level(logging.DEBUG)
    engine.apply("valet")
    cockpit.submit(ApplyProfile("bernd"))
    cockpit.submit(EnterPin("9876", "bernd"))
    cockpit.submit(EnterPin(VALET_PIN, "bernd"))
    assert "9876" not in caplog.text and VALET_PIN not in caplog.text
    assert "9876" not in repr(EnterPin("9876", "bernd")) and "9876" not in EnterPin("9876", "x").describe()


# --- the hash and the lock -------------------------------------------------------------------------------

def test_pins_are_hashed_with_a_salt_and_checked():
    first, second = hash_pin("1234"), hash_pin("1234")
    assert first != second and "1234" not in first
    assert pin_matches("1234", first) and pin_matches("1234", second)
    assert not pin_matches("1235", first) and not pin_matches("12a4", first)
    with pytest.raises(ValueError, match="4 to 8 digits"):
        hash_pin("12")


def test_the_lock_gives_three_new_tries_when_it_runs_out():
    lock, hashed = PinLock(), hash_pin("2468")
    attempts = [lock.attempt("0000", hashed, now=0.0) for _ in range(3)]
    assert attempts[-1].locked_until == LOCKOUT_S and lock.locked(LOCKOUT_S - 0.1)
    assert not lock.locked(LOCKOUT_S) and lock.tries_left == 3


def test_the_profile_file_keeps_only_the_hash_and_rejects_a_plain_pin(write_profile, store):
    write_profile("bad.yaml", """
        schema_version: 1
        identity: {id: bad, display_name: Bad}
        restrictions: {preset: valet, pin_hash: "1234"}
    """)
    problems = store.load()
    (problem,) = [p for p in problems if p.file.endswith("bad.yaml")]
    assert "never the PIN itself" in problem.message and "1234" not in str(problem)


def test_applied_commands_never_carry_the_pin(cockpit, engine):
    engine.apply("valet")
    applied: list[CommandApplied] = []
    cockpit.bus.subscribe(applied.append, CommandApplied)
    cockpit.submit(ApplyProfile("bernd"))
    cockpit.submit(EnterPin(VALET_PIN, "bernd"))
    assert applied and all(VALET_PIN not in json.dumps(event.to_dict(), default=str) for event in applied)
