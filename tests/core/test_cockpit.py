import math

import pytest

from cockpit.core import signals as sig
from cockpit.core.clock import SimClock
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import AdjustSignal, ApplyProfile, SetSignal, Source, Speak
from cockpit.core.events import (
    CommandApplied,
    CommandDeferred,
    CommandRejected,
    SignalChanged,
    SpeechRequested,
)
from cockpit.core.outcome import Outcome, Status
from cockpit.core.policy import Restrictions


def drive(cockpit: Cockpit, speed: float = 50.0) -> None:
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    cockpit.update(sig.SPEED, speed)


def park(cockpit: Cockpit) -> None:
    cockpit.update(sig.SPEED, 0.0)
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_PARK)


def test_a_cabin_setting_applies_at_once_and_is_announced(cockpit):
    seen = []
    cockpit.bus.subscribe(seen.append)
    outcome = cockpit.submit(SetSignal(sig.DRIVER_TEMP, 22.5))
    assert outcome.applied
    assert cockpit.value(sig.DRIVER_TEMP) == 22.5
    assert [type(e) for e in seen] == [SignalChanged, CommandApplied]
    assert seen[0].old == 21.0 and seen[0].new == 22.5


def test_a_seat_move_while_driving_waits_until_parked(cockpit):
    drive(cockpit)
    outcome = cockpit.submit(SetSignal(sig.SEAT_POSITION, 200))
    assert outcome.deferred
    assert "parked" in outcome.reason
    assert cockpit.target(sig.SEAT_POSITION) == 150
    assert cockpit.pending() == (outcome.command,)

    cockpit.tick(0.1)
    assert cockpit.target(sig.SEAT_POSITION) == 150, "still driving: nothing moves"

    applied = []
    cockpit.bus.subscribe(applied.append, CommandApplied)
    park(cockpit)
    cockpit.tick(0.1)
    assert cockpit.target(sig.SEAT_POSITION) == 200
    assert cockpit.pending() == ()
    assert applied and applied[0].was_deferred


def test_a_later_deferred_move_replaces_an_earlier_one(cockpit):
    drive(cockpit)
    cockpit.submit(SetSignal(sig.SEAT_POSITION, 200))
    cockpit.submit(SetSignal(sig.SEAT_POSITION, 90))
    park(cockpit)
    cockpit.tick(0.1)
    assert cockpit.target(sig.SEAT_POSITION) == 90


def test_a_motor_signal_keeps_its_value_until_the_motor_moves(cockpit):
    cockpit.submit(SetSignal(sig.SEAT_POSITION, 220))
    assert cockpit.target(sig.SEAT_POSITION) == 220
    assert cockpit.value(sig.SEAT_POSITION) == 150


def test_invalid_values_are_rejected_with_the_reason_not_raised(cockpit):
    rejected = []
    cockpit.bus.subscribe(rejected.append, CommandRejected)
    outcome = cockpit.submit(SetSignal(sig.DRIVER_TEMP, 99.0))
    assert outcome.rejected and "above the maximum" in outcome.reason
    assert cockpit.submit(SetSignal("Vehicle.Nope", 1)).rejected
    assert len(rejected) == 2
    assert cockpit.value(sig.DRIVER_TEMP) == 21.0


def test_sensors_cannot_be_set_by_commands(cockpit):
    outcome = cockpit.submit(SetSignal(sig.SPEED, 100.0))
    assert outcome.rejected and "measured by the car" in outcome.reason


def test_video_is_refused_while_driving_but_fine_when_parked(cockpit):
    drive(cockpit)
    outcome = cockpit.submit(SetSignal(sig.MEDIA_SOURCE, "TV"))
    assert outcome.rejected and "video" in outcome.reason
    park(cockpit)
    assert cockpit.submit(SetSignal(sig.MEDIA_SOURCE, "TV")).applied


def test_volume_is_capped_by_the_restrictions(cockpit):
    cockpit.set_restrictions(Restrictions(max_volume=40))
    outcome = cockpit.submit(SetSignal(sig.VOLUME, 90))
    assert outcome.applied and outcome.value == 40
    assert "limited to 40" in outcome.reason
    assert cockpit.value(sig.VOLUME) == 40


def test_remote_commands_only_touch_safe_signals_while_parked(cockpit):
    assert cockpit.submit(SetSignal(sig.DRIVER_TEMP, 23.0, source=Source.REMOTE)).applied
    assert "remotely" in cockpit.submit(SetSignal(sig.SEAT_POSITION, 10, source=Source.REMOTE)).reason
    drive(cockpit)
    outcome = cockpit.submit(SetSignal(sig.DRIVER_TEMP, 24.0, source=Source.REMOTE))
    assert outcome.rejected and "parked" in outcome.reason


def test_adjust_is_relative_to_the_target_and_bounded(cockpit):
    assert cockpit.submit(AdjustSignal(sig.DRIVER_TEMP, 1.0)).value == 22.0
    assert cockpit.submit(AdjustSignal(sig.DRIVER_TEMP, 50.0)).value == 28.0
    assert cockpit.submit(AdjustSignal(sig.VOLUME, -100)).value == 0
    assert cockpit.submit(AdjustSignal(sig.AC, 1)).rejected


def test_commands_without_a_handler_are_rejected_and_handlers_are_used(cockpit):
    assert "this car cannot do that" in cockpit.submit(ApplyProfile("alice")).reason
    cockpit.add_handler(ApplyProfile, lambda command: Outcome(Status.APPLIED, command))
    assert cockpit.submit(ApplyProfile("alice")).applied


def test_speak_is_published_for_the_ui_and_tts(cockpit):
    heard = []
    cockpit.bus.subscribe(heard.append, SpeechRequested)
    cockpit.submit(Speak("hello"))
    assert heard[0].text == "hello"


def test_tick_advances_the_clock_and_runs_systems_in_order(cockpit):
    calls = []
    cockpit.add_system(lambda dt: calls.append(("a", dt)))
    cockpit.add_system(lambda dt: calls.append(("b", dt)))
    cockpit.tick(0.5)
    assert cockpit.now == 0.5
    assert calls == [("a", 0.5), ("b", 0.5)]


def test_a_failing_subscriber_does_not_stop_the_others(cockpit):
    seen = []

    def broken(event):
        raise RuntimeError("boom")

    cockpit.bus.subscribe(broken)
    cockpit.bus.subscribe(seen.append, CommandDeferred, CommandApplied)
    cockpit.submit(SetSignal(sig.VOLUME, 12))
    assert len(seen) == 1


def test_unsubscribe_stops_delivery(cockpit):
    seen = []
    stop = cockpit.bus.subscribe(seen.append)
    stop()
    cockpit.submit(SetSignal(sig.VOLUME, 12))
    assert seen == []


def test_events_serialise_to_plain_json_types(cockpit):
    seen = []
    cockpit.bus.subscribe(seen.append)
    cockpit.submit(SetSignal(sig.VOLUME, 12, source=Source.ASSISTANT))
    data = seen[-1].to_dict()
    assert data["type"] == "CommandApplied"
    assert data["command"]["source"] == "assistant"
    assert data["time"] == 0.0


def test_clock_time_of_day_wraps_and_refuses_to_go_back():
    clock = SimClock(start_time_of_day=23.5 * 3600)
    clock.advance(3600)
    assert clock.hours_minutes() == (0, 30)
    try:
        clock.advance(-1)
    except ValueError as error:
        assert "backwards" in str(error)
    else:
        raise AssertionError("negative dt accepted")


@pytest.mark.parametrize("delta", [math.nan, math.inf, -math.inf])
def test_a_step_that_is_not_a_number_is_refused_not_clamped(cockpit: Cockpit, delta: float):
    before = cockpit.target(sig.VOLUME)
    outcome = cockpit.submit(AdjustSignal(sig.VOLUME, delta, source=Source.ASSISTANT))
    assert outcome.rejected and "is not a number" in outcome.reason
    assert cockpit.target(sig.VOLUME) == before  # max(0, NaN) would have been 0
