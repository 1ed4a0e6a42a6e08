"""The contract every assistant adapter keeps, as functions an adapter's own tests call.

    from cockpit.assistants.testing import run_contract

    def test_my_adapter_keeps_the_contract():
        run_contract(lambda cockpit, settings=None: MyAdapter(cockpit, settings))

Each `check_*` builds fresh cockpits through the factory, so the checks are independent; a broken
contract fails with an AssertionError that says which promise was broken. Needs hypothesis.
"""

from __future__ import annotations

from collections.abc import Callable

from cockpit.assistants.base import AssistantAdapter
from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.errors import AdapterError, ProfileError
from cockpit.core.events import AssistantReplied

Factory = Callable[..., AssistantAdapter]


def _driving(cockpit: Cockpit) -> None:
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    cockpit.update(sig.SPEED, 50.0)


def check_wake_words(make: Factory) -> None:
    """Each wake word (any case, with punctuation) is recognised and stripped; none is fine too,
    unless the settings require one, and then the utterance is ignored."""
    with make(Cockpit()) as adapter:
        assert adapter.wake_words, f"{adapter.name}: an adapter needs at least one wake word"
        for word in adapter.wake_words:
            for spoken in (
                f"{word}, turn off the air conditioning",
                f"{word.lower()} turn off the air conditioning",
            ):
                heard = adapter.respond(spoken).heard
                assert heard.wake_word == word, (
                    f"{adapter.name}: {spoken!r} gave wake word {heard.wake_word!r}"
                )
                assert heard.text == "turn off the air conditioning", f"{adapter.name}: heard {heard.text!r}"
        plain = adapter.respond("turn off the air conditioning")
        assert plain.heard.wake_word is None and plain.intent.understood
    cockpit = Cockpit()
    with make(cockpit, {"require_wake_word": True}) as strict:
        ignored = strict.respond("turn off the air conditioning")
        assert not ignored.outcomes and cockpit.value(sig.AC) is True, "an utterance without wake word acted"


def check_grammar(make: Factory) -> None:
    """The shared grammar is reached through the adapter and its commands reach the cockpit."""
    cockpit = Cockpit()
    replies: list[AssistantReplied] = []
    cockpit.bus.subscribe(replies.append, AssistantReplied)
    with make(cockpit) as adapter:
        result = adapter.respond("set the temperature to twenty two degrees")
        assert result.intent.name == "climate.set_temperature", result.intent
        assert cockpit.target(sig.DRIVER_TEMP) == 22.0, "the temperature did not reach the cockpit"
        adapter.respond("the passenger side too")
        assert cockpit.target(sig.PASSENGER_TEMP) == 22.0, "a follow-up did not reach the cockpit"
        adapter.respond("turn the volume to 40")
        assert cockpit.value(sig.VOLUME) == 40
        unknown = adapter.respond("recite the lost poems of Sappho")
        assert not unknown.intent.understood and unknown.reply, "a fallback needs a helpful reply"
        assert all(isinstance(r.reply, str) for r in (result, unknown))
    assert [r.adapter for r in replies] == [adapter.name] * 4, "every turn publishes AssistantReplied"


def check_policy(make: Factory) -> None:
    """Nothing forbidden while driving gets through: seat moves wait, video is refused."""
    cockpit = Cockpit()
    _driving(cockpit)
    with make(cockpit) as adapter:
        seat_before = cockpit.target(sig.SEAT_POSITION)
        seat = adapter.respond("move my seat back")
        assert cockpit.target(sig.SEAT_POSITION) == seat_before, "the seat moved while driving"
        assert [o.status.value for o in seat.outcomes] in (["deferred"], ["rejected"]), seat.outcomes
        video = adapter.respond("watch TV")
        assert cockpit.value(sig.MEDIA_SOURCE) not in ("TV", "DVD"), "video started while driving"
        assert video.outcomes and all(o.rejected for o in video.outcomes), video.outcomes
        assert video.reply, "a refusal needs a reply"


def check_robust_input(make: Factory, examples: int = 150) -> None:
    """Arbitrary unicode, control characters and very long input never raise."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    with make(Cockpit()) as adapter:

        @settings(
            max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        @given(st.text(max_size=400) | st.text(alphabet=" abcdefghijklmnoprstuvwy0123456789'.,", max_size=80))
        def never_raises(text: str) -> None:
            result = adapter.respond(text)
            assert isinstance(result.reply, str)

        never_raises()
        for text in (
            "set the temperature to " + "9" * 5000,
            "turn on the " * 20_000,
            "\x00\u202e\udcff🚗" * 500,
        ):
            assert isinstance(adapter.respond(text).reply, str)


def check_settings(make: Factory) -> None:
    """Settings from a profile are validated strictly: an unknown key is a ProfileError."""
    try:
        make(Cockpit(), {"no_such_setting": 1}).shutdown()
    except ProfileError as error:
        assert "no_such_setting" in str(error), str(error)
    else:
        raise AssertionError("an unknown setting was accepted")


def check_shutdown(make: Factory) -> None:
    """shutdown() is idempotent, the context manager shuts down, and a closed adapter says so."""
    adapter = make(Cockpit())
    adapter.shutdown()
    adapter.shutdown()
    assert adapter.closed
    try:
        adapter.respond("turn on the air conditioning")
    except AdapterError:
        pass
    else:
        raise AssertionError("a shut-down adapter still answered")
    with make(Cockpit()) as managed:
        pass
    assert managed.closed


def run_contract(make: Factory) -> None:
    """Run every check; `make(cockpit, settings=None)` builds the adapter under test."""
    for check in (
        check_wake_words,
        check_grammar,
        check_policy,
        check_robust_input,
        check_settings,
        check_shutdown,
    ):
        check(make)
