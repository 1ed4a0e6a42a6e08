"""What opens the house or the car asks first: unlock, open the garage, disarm, remote climate.

The confirmation state lives in the cockpit (its ConfirmationGate and events, shown by the read
model); the cockpit itself refuses an assistant's sensitive command that no confirmation released.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cockpit.assistants.alexa import AlexaAdapter
from cockpit.assistants.android import AndroidAdapter
from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import HomeCommand, SetSignal, Source
from cockpit.core.confirmation import CONFIRM_SECONDS, needs_confirmation
from cockpit.core.events import ConfirmationAnswered, ConfirmationExpired, ConfirmationRequested, Event
from cockpit.core.outcome import Outcome, Status
from cockpit.session import Session, Settings
from cockpit.view import CockpitView
from cockpit.view.conversation import DRIVER
from tests.assistants.conftest import shipped_home


class Home:
    """Records the home commands that reached the cockpit's home handler."""

    def __init__(self, cockpit: Cockpit) -> None:
        self.received: list[HomeCommand] = []
        cockpit.add_handler(HomeCommand, self.handle)

    def handle(self, command: HomeCommand) -> Outcome:
        self.received.append(command)
        return Outcome(Status.APPLIED, command)

    @property
    def actions(self) -> list[tuple[str, str]]:
        return [(c.device_id, c.action) for c in self.received]


@pytest.fixture
def home(cockpit: Cockpit) -> Home:
    return Home(cockpit)


@pytest.fixture
def alexa(cockpit: Cockpit, home: Home) -> Iterator[AlexaAdapter]:
    with AlexaAdapter(cockpit) as adapter:
        adapter.use_home(shipped_home())
        yield adapter


@pytest.mark.parametrize(("spoken", "question", "action"), [
    ("Alexa, unlock the front door", "Are you sure you want to unlock the front door?",
     ("front_door", "unlock")),
    ("Alexa, open the garage", "Are you sure you want to open the garage door?", ("garage_door", "open")),
    ("Alexa, disarm the alarm", "Are you sure you want to disarm the alarm?", ("alarm_panel", "disarm")),
], ids=["unlock", "garage", "disarm"])
def test_what_opens_the_house_asks_and_a_yes_does_it(alexa, home, spoken, question, action):
    asked = alexa.respond(spoken)
    assert asked.reply == question and asked.outcomes == () and home.received == []
    done = alexa.respond("Alexa, yes")
    assert home.actions == [action]
    assert [o.status for o in done.outcomes] == [Status.APPLIED]
    assert done.intent.slots["confirmed"] == "confirm"


def test_unlocking_the_car_and_starting_its_remote_climate_ask_too(alexa, cockpit):
    cockpit.submit(SetSignal(sig.DOOR_LOCKED, True, source=Source.USER))
    assert alexa.respond("Alexa, unlock the car").reply == "Are you sure you want to unlock the car?"
    assert cockpit.value(sig.DOOR_LOCKED) is True
    alexa.respond("yes please")
    assert cockpit.value(sig.DOOR_LOCKED) is False


@pytest.mark.parametrize("spoken", ["Alexa, lock the front door", "Alexa, close the garage",
                                    "Alexa, arm the alarm", "Alexa, lock the car", "Alexa, I'm leaving home"])
def test_locking_closing_and_arming_never_ask(alexa, home, spoken):
    result = alexa.respond(spoken)
    assert home.received or result.intent.name == "vehicle.lock"
    assert "sure" not in result.reply.lower()
    assert alexa.cockpit.confirmations.pending is None


@pytest.mark.parametrize("answer", ["no", "No, cancel that", "never mind", "don't"])
def test_a_no_leaves_it_and_says_so(alexa, home, answer):
    alexa.respond("Alexa, unlock the front door")
    result = alexa.respond(answer)
    assert result.reply == "OK, I won't unlock the front door."
    assert home.received == [] and alexa.cockpit.confirmations.pending is None
    assert alexa.respond("yes").intent.name != "confirm.answer"  # nothing is left to confirm


def test_moving_on_drops_the_question_and_the_new_request_is_heard(alexa, home, cockpit):
    alexa.respond("Alexa, open the garage")
    result = alexa.respond("Alexa, set the temperature to 23")
    assert result.intent.name == "climate.set_temperature" and cockpit.target(sig.DRIVER_TEMP) == 23.0
    assert cockpit.confirmations.pending is None and home.received == []


def test_a_question_lapses_after_its_time(alexa, home, cockpit):
    alexa.respond("Alexa, unlock the front door")
    cockpit.tick(CONFIRM_SECONDS + 1)
    assert cockpit.confirmations.pending is None
    late = alexa.respond("yes")
    assert late.reply.startswith("I didn't hear an answer") and home.received == []


def test_only_the_assistant_that_asked_takes_the_answer(cockpit, home):
    with AlexaAdapter(cockpit) as alexa, AndroidAdapter(cockpit) as google:
        alexa.use_home(shipped_home())
        alexa.respond("Alexa, unlock the front door")
        google.respond("Hey Google, yes")
        assert home.received == [] and cockpit.confirmations.pending is not None
        alexa.respond("Alexa, yes")
        assert home.actions == [("front_door", "unlock")]


def test_each_assistant_asks_in_its_own_words(cockpit, home):
    with AndroidAdapter(cockpit) as google:
        google.use_home(shipped_home())
        asked = google.respond("Hey Google, open the garage door")
        assert asked.reply == "Just to confirm: do you want to open the garage door?"
        assert google.respond("Hey Google, yes").reply == "Sure, opening the garage door."


def test_a_routine_does_the_rest_at_once_and_holds_what_opens_the_house(alexa, home):
    asked = alexa.respond("Alexa, I'm home")
    assert home.actions == [("light_hallway", "turn_on")]
    assert asked.reply == "Are you sure you want to open the garage door and disarm the alarm?"
    alexa.respond("yes")
    assert home.actions == [("light_hallway", "turn_on"), ("garage_door", "open"), ("alarm_panel", "disarm")]


def test_the_cockpit_refuses_what_no_confirmation_released(cockpit, home):
    unlock = HomeCommand("front_door", "unlock", source=Source.ASSISTANT)
    refused = cockpit.submit(unlock)
    assert refused.rejected and "confirmation" in refused.reason and home.received == []
    assert cockpit.submit(HomeCommand("front_door", "unlock", source=Source.USER)).applied  # the Home tab
    assert cockpit.submit(SetSignal(sig.DOOR_LOCKED, False, source=Source.ASSISTANT)).rejected


def test_a_release_lets_a_command_through_once(cockpit, home):
    gate = cockpit.confirmations
    unlock = HomeCommand("front_door", "unlock", source=Source.ASSISTANT)
    gate.hold("alexa", [unlock], ["unlock the front door"])
    assert gate.answer("alexa", yes=True).commands == (unlock,)
    assert cockpit.submit(unlock).applied
    assert cockpit.submit(unlock).rejected  # a second time needs a second yes


@pytest.mark.parametrize(("command", "sensitive"), [
    (HomeCommand("front_door", "unlock"), True), (HomeCommand("front_door", "lock"), False),
    (HomeCommand("garage_door", "open"), True), (HomeCommand("garage_door", "close"), False),
    (HomeCommand("alarm_panel", "disarm"), True), (HomeCommand("alarm_panel", "arm_away"), False),
    (HomeCommand("alarm_panel", "arm_home"), False), (SetSignal(sig.DOOR_LOCKED, False), True),
    (SetSignal(sig.DOOR_LOCKED, True), False), (SetSignal(sig.PRECONDITIONING, True), True),
    (SetSignal(sig.PRECONDITIONING, False), False), (HomeCommand("light_kitchen", "turn_on"), False),
], ids=lambda value: value.describe() if hasattr(value, "describe") else str(value))
def test_the_one_list_of_what_opens_the_house_or_the_car(command, sensitive):
    assert needs_confirmation(command) is sensitive


def test_the_state_is_events_and_the_read_model_shows_it(cockpit, alexa):
    events: list[Event] = []
    cockpit.bus.subscribe(events.append, ConfirmationRequested, ConfirmationAnswered, ConfirmationExpired)
    view = CockpitView(cockpit)
    alexa.respond("Alexa, disarm the alarm")
    awaiting = view.conversation.awaiting
    assert awaiting is not None and awaiting.what == ("disarm the alarm",) and awaiting.method == "confirm"
    alexa.respond("yes")
    assert view.conversation.awaiting is None
    alexa.respond("Alexa, open the garage")
    cockpit.tick(CONFIRM_SECONDS)
    assert [type(e).__name__ for e in events] == ["ConfirmationRequested", "ConfirmationAnswered",
                                                  "ConfirmationRequested", "ConfirmationExpired"]
    assert isinstance(events[1], ConfirmationAnswered) and events[1].accepted
    assert view.conversation.awaiting is None


# --- the driver's voice PIN ---------------------------------------------------------------------
PIN = "4711"


@pytest.fixture(scope="module")
def pin_hash() -> str:
    from cockpit.personalisation.pin import hash_pin

    return hash_pin(PIN)


@pytest.fixture
def pin_session(tmp_path, pin_hash) -> Iterator[Session]:
    """Pia's profile has a voice PIN; the car starts locked; no home (the car's own lock is enough)."""
    (tmp_path / "pia.yaml").write_text(
        "schema_version: 1\nidentity: {id: pia, display_name: Pia}\n"
        f"assistant: {{adapter: alexa, voice_pin_hash: \"{pin_hash}\"}}\n", encoding="utf-8")
    with Session(Settings(profiles_dir=tmp_path, profile="pia", use_broker=False)) as session:
        session.cockpit.submit(SetSignal(sig.DOOR_LOCKED, True, source=Source.USER))
        yield session


def _say(session: Session, utterance: str) -> str:
    adapter = session.assistant
    assert adapter is not None
    return adapter.respond(utterance).reply


def test_with_a_voice_pin_unlocking_asks_for_it_and_the_right_one_unlocks(pin_session):
    cockpit = pin_session.cockpit
    assert _say(pin_session, "Alexa, unlock the car") == "What's your voice PIN? I need it to unlock the car."
    assert pin_session.view.conversation.awaiting.method == "pin"
    assert _say(pin_session, "yes") == "I need your voice PIN to unlock the car."  # a yes is not enough
    assert cockpit.value(sig.DOOR_LOCKED) is True
    assert _say(pin_session, "four seven one one") == "Unlocking the car."
    assert cockpit.value(sig.DOOR_LOCKED) is False


def test_a_wrong_pin_is_refused_and_never_shown(pin_session):
    cockpit = pin_session.cockpit
    _say(pin_session, "Alexa, unlock the car")
    assert _say(pin_session, "1 2 3 4") == ("That voice PIN isn't right. 2 more tries before voice unlocking "
                                            "is locked.")
    assert cockpit.value(sig.DOOR_LOCKED) is True and pin_session.view.conversation.awaiting is not None
    said = [bubble.text for bubble in pin_session.view.conversation.bubbles if bubble.speaker == DRIVER]
    assert said == ["Alexa, unlock the car", "• • • •"]


def test_three_wrong_pins_lock_voice_unlocking_for_a_while(pin_session):
    cockpit = pin_session.cockpit
    _say(pin_session, "Alexa, unlock the car")
    _say(pin_session, "1111")
    _say(pin_session, "2222")
    locked = "Voice unlocking is locked for 1 min after too many wrong PINs."
    assert _say(pin_session, "3333") == locked
    assert pin_session.view.conversation.pin_locked(cockpit.now)
    assert _say(pin_session, "Alexa, unlock the car") == locked
    assert _say(pin_session, PIN) != "Unlocking the car." and cockpit.value(sig.DOOR_LOCKED) is True
    assert _say(pin_session, "Alexa, lock the car") == "Locking the car."  # locking never asks
    pin_session.step(61.0)
    assert _say(pin_session, f"Alexa, unlock the car with PIN {PIN}") == "Unlocking the car."
    assert cockpit.value(sig.DOOR_LOCKED) is False


def test_the_pin_can_come_with_the_request_as_alexa_documents(pin_session):
    assert _say(pin_session, f"Alexa, unlock my car with PIN {' '.join(PIN)}") == "Unlocking the car."
    said = [bubble.text for bubble in pin_session.view.conversation.bubbles]
    assert said[0] == "Alexa, unlock my car with PIN • • • •"


def test_a_german_driver_is_asked_in_german(cockpit, home):
    cockpit.update(sig.LANGUAGE, "de-DE")
    with AndroidAdapter(cockpit) as google:
        google.use_home(shipped_home())
        assert google.respond("Hey Google, unlock the front door").reply == (
            "Kurz zur Bestätigung: Soll ich front door aufschließen?")
        assert google.respond("nein").reply == "OK, ich lasse es." and home.received == []
        assert google.respond("Hey Google, sing").reply.startswith("Dabei kann ich leider noch nicht helfen.")


def test_a_request_held_while_voice_unlocking_is_locked_is_refused_even_with_the_right_pin(cockpit):
    class Locked:
        locked_until = 100.0

        def attempt(self, pin, now):  # pragma: no cover - must not be asked while locked
            raise AssertionError("a PIN was checked while locked")

        def locked(self, now):
            return now < self.locked_until

    gate = cockpit.confirmations
    gate.use_pin(Locked())
    unlock = HomeCommand("front_door", "unlock", source=Source.ASSISTANT)
    gate.hold("alexa", [unlock], ["unlock the front door"])  # e.g. a native directive, challenged
    answer = gate.answer("alexa", pin=PIN)
    assert answer.verdict.value == "locked" and answer.commands == () and answer.locked_until == 100.0
    assert cockpit.submit(unlock).rejected
