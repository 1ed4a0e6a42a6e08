"""The promises every assistant adapter keeps, one check each (`CHECKS`), for adapter authors.

Each check takes the adapter's factory - the adapter class, or any `make(cockpit, settings=None)`
- builds fresh cockpits through it, and fails with an AssertionError that says which promise was
broken and how. The pytest plugin (cockpit.assistants.testing.plugin) runs them as parametrised
tests with readable ids; `run_contract(factory)` runs them all outside pytest. Needs hypothesis.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cockpit import plugins
from cockpit.assistants.base import AssistantAdapter, AssistantResult
from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import SetSignal, Source
from cockpit.core.errors import AdapterError, InvalidInput, ProfileError
from cockpit.core.events import AssistantReplied

__all__ = ["CHECKS", "Check", "Factory", "run_contract"]

Factory = Callable[..., AssistantAdapter]
_AC_OFF = "turn off the air conditioning"


@dataclass(frozen=True, slots=True)
class Check:
    """One promise: `id` names the test, `run(factory)` checks it."""

    id: str
    run: Callable[[Factory], None]

    def __call__(self, factory: Factory) -> None:
        self.run(factory)

    def __str__(self) -> str:
        return self.id


def _driving(cockpit: Cockpit) -> None:
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    cockpit.update(sig.SPEED, 50.0)


def check_api_version(make: Factory) -> None:
    """The adapter declares the plugin API version it was written for, one this cockpit speaks."""
    with make(Cockpit()) as adapter:
        declared = getattr(type(adapter), "api_version", None)
        assert declared in plugins.SUPPORTED_API_VERSIONS, (
            f"{adapter.name}: api_version is {declared!r}; declare one of "
            f"{sorted(plugins.SUPPORTED_API_VERSIONS)} (cockpit.plugins.API_VERSION)")


def check_wake_words(make: Factory) -> None:
    """Each wake word (any case, with punctuation) is recognised and stripped; none is fine too,
    unless the settings require one; another assistant's wake word is not acted on."""
    with make(Cockpit()) as adapter:
        assert adapter.wake_words, f"{adapter.name}: an adapter needs at least one wake word"
        for word in adapter.wake_words:
            for spoken in (f"{word}, {_AC_OFF}", f"{word.lower()} {_AC_OFF}"):
                heard = adapter.respond(spoken).heard
                assert heard.wake_word == word, f"{adapter.name}: {spoken!r} gave {heard.wake_word!r}"
                assert heard.text == "turn off the air conditioning", f"{adapter.name}: heard {heard.text!r}"
        plain = adapter.respond("turn off the air conditioning")
        assert plain.heard.wake_word is None and plain.intent.understood, (
            f"{adapter.name}: text without a wake word (push-to-talk) must still work")
    cockpit = Cockpit()
    with make(cockpit) as adapter:
        other = "Alexa" if "Alexa" not in adapter.wake_words else "Hey Google"
        adapter.respond(f"{other}, turn off the air conditioning")
        assert cockpit.value(sig.AC) is True, f"{adapter.name} acted on what was said to {other}"
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
    """Nothing forbidden while driving gets through (seat moves wait, video is refused) and what
    opens the car waits for the driver's confirmation."""
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
    cockpit = Cockpit()
    cockpit.submit(SetSignal(sig.DOOR_LOCKED, True, source=Source.USER))
    with make(cockpit) as adapter:
        asked = adapter.respond("unlock the car")
        assert cockpit.value(sig.DOOR_LOCKED) is True, f"{adapter.name} unlocked the car without asking"
        assert asked.reply, "the question needs a reply"
        adapter.respond("yes")
        assert cockpit.value(sig.DOOR_LOCKED) is False, f"{adapter.name}: a yes did not unlock the car"


def check_robust_input(make: Factory, examples: int = 150) -> None:
    """Arbitrary unicode, control characters and very long input never raise."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    with make(Cockpit()) as adapter:

        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        @given(st.text(max_size=400) | st.text(alphabet=" abcdefghijklmnoprstuvwy0123456789'.,", max_size=80))
        def never_raises(text: str) -> None:
            result = adapter.respond(text)
            assert isinstance(result.reply, str)

        never_raises()
        for text in ("set the temperature to " + "9" * 5000, "turn on the " * 20_000,
                     "\x00\u202e\udcff🚗" * 500):
            assert isinstance(adapter.respond(text).reply, str)


_JSON = Any


def _json_values() -> Any:
    from hypothesis import strategies as st

    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30)
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.text(max_size=12), inner, max_size=5), max_leaves=20)


def check_handle_message(make: Factory, examples: int = 200) -> None:
    """`handle_message` answers any JSON object natively, or raises AdapterError for an adapter
    without native input (InvalidInput for what is not an object); nothing else escapes."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    with make(Cockpit()) as adapter:

        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        @given(st.dictionaries(st.sampled_from(["directive", "prop", "areaId", "value", "header", "payload",
                                                "requestId", "x"]) | st.text(max_size=8),
                               _json_values(), max_size=6))
        def answers_or_refuses(message: Mapping[str, _JSON]) -> None:
            try:
                result = adapter.handle_message(message)
            except AdapterError as error:
                assert "does not accept native messages" in str(error), f"{adapter.name}: {error}"
                return
            assert isinstance(result, AssistantResult) and isinstance(result.reply, str)

        answers_or_refuses()
        try:
            adapter.handle_message([1, 2])  # type: ignore[arg-type]
        except InvalidInput:
            pass
        else:
            raise AssertionError(f"{adapter.name}: a native message that is not an object was accepted")


def check_native_json(make: Factory) -> None:
    """Every turn's result, native messages included, is plain JSON (no default= needed)."""
    with make(Cockpit()) as adapter:
        for utterance in ("set the temperature to 22", "fan to 5", "play the radio", "navigate home",
                          "what's my range", "open the garage", "turn on the kitchen lights",
                          "nonsense words"):
            data = adapter.respond(utterance).to_dict()
            try:
                json.dumps(data, allow_nan=False)
            except (TypeError, ValueError) as error:
                raise AssertionError(f"{adapter.name}: {utterance!r} gave a result that is not JSON: "
                                     f"{error}") from None


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


CHECKS: tuple[Check, ...] = (
    Check("api-version-declared", check_api_version),
    Check("wake-words", check_wake_words),
    Check("grammar-reached", check_grammar),
    Check("policy-respected", check_policy),
    Check("robust-input", check_robust_input),
    Check("handle-message-fuzzed", check_handle_message),
    Check("native-output-json", check_native_json),
    Check("settings-strict", check_settings),
    Check("shutdown-idempotent", check_shutdown),
)


def run_contract(make: Factory) -> None:
    """Run every check outside pytest; `make(cockpit, settings=None)` builds the adapter under test."""
    for check in CHECKS:
        check(make)
