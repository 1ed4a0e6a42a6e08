"""The adapter plugin API: `AssistantAdapter` and what it returns.

`respond(utterance)` is a template method (like python-can's `BusABC.recv`): it strips the wake
word (and leaves alone what was said to another assistant), runs the shared grammar, holds what
opens the house or the car until the driver confirms (cockpit.core.confirmation), asks the adapter
to render its native messages (`_render`, the one abstract method), submits the commands to the
cockpit, phrases the reply in the adapter's style and publishes `AssistantReplied`.
`handle_message(native)` does the same for the adapter's native input (an Alexa directive, a
VehiclePropValue) when the adapter implements `_decode`.

The base class protects the cockpit from its adapters: every hook a subclass provides (`_render`,
`_decode`, `_challenge`, `_shutdown`, its reply style, its settings model) is called here, and an
exception from one becomes an AdapterError that names the adapter and the hook, logged once with
its traceback; the driver hears "the X assistant had a problem".
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from cockpit.assistants import security
from cockpit.assistants.grammar import Context, Grammar, GrammarPlugin, Intent, Place
from cockpit.assistants.grammar.catalogue import installed as installed_grammar
from cockpit.assistants.grammar.text import listed
from cockpit.assistants.ranges import worded
from cockpit.assistants.style import ReplyStyle, Translate
from cockpit.assistants.wake import KNOWN_ASSISTANTS, Heard, WakeWords
from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import AdjustSignal, ApplyProfile, Command, HomeCommand, SetSignal, Speak
from cockpit.core.confirmation import Method, Pending, Verdict, needs_confirmation
from cockpit.core.errors import AdapterError, CockpitError, InvalidInput, ProfileError
from cockpit.core.events import AssistantReplied
from cockpit.core.facts import HomeDevice
from cockpit.core.outcome import Outcome, Status
from cockpit.i18n import translator
from cockpit.scenario.words import Wording

__all__ = ["AdapterSettings", "AssistantAdapter", "AssistantResult", "Decoded", "Heard", "HookFailed",
           "Native", "Rendering", "ReplyStyle", "command_dict", "passthrough", "refuse"]

logger = logging.getLogger(__name__)

Native = dict[str, Any]
T = TypeVar("T")


class AdapterSettings(BaseModel):
    """Settings every adapter understands; adapters subclass it. Strict: a typo is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    require_wake_word: bool = False
    extra_wake_words: tuple[str, ...] = ()
    speak_replies: bool = True


@dataclass(frozen=True, slots=True)
class Rendering:
    """An intent in the adapter's native form, plus the cockpit commands that carry it out.

    `refused` holds outcomes for commands the native layer itself turned down (out of range ...).
    """

    native: tuple[Native, ...] = ()
    commands: tuple[Command, ...] = ()
    refused: tuple[Outcome, ...] = ()


@dataclass(frozen=True, slots=True)
class Decoded:
    """A native input message understood by an adapter: what to do, and how to answer natively."""

    summary: str
    answer: Callable[[Sequence[Outcome]], Native]
    commands: tuple[Command, ...] = ()
    error: str | None = None


@dataclass(frozen=True, slots=True)
class AssistantResult:
    """Everything one turn produced; `to_dict()` is what `cockpit say --json` prints."""

    adapter: str
    heard: Heard
    intent: Intent
    reply: str
    outcomes: tuple[Outcome, ...] = ()
    native: tuple[Native, ...] = ()
    commands: tuple[Command, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "commands", tuple(o.command for o in self.outcomes))

    def to_dict(self) -> dict[str, Any]:
        return {
            "adapter": self.adapter,
            "heard": {"wake_word": self.heard.wake_word, "text": self.heard.text,
                      "addressed": self.heard.addressed},
            "intent": self.intent.to_dict(),
            "reply": self.reply,
            "commands": [command_dict(o.command, o) for o in self.outcomes],
            "outcomes": [o.to_dict() for o in self.outcomes],
            "native": list(self.native),
        }


def command_dict(command: Command, outcome: Outcome | None = None) -> dict[str, Any]:
    """A command as JSON: VSS path and target value, or home device and action, or profile/text."""
    data: dict[str, Any] = {"type": type(command).__name__}
    if isinstance(command, SetSignal):
        data.update(path=command.path, value=command.value)
    elif isinstance(command, AdjustSignal):
        data.update(path=command.path, delta=command.delta)
    elif isinstance(command, HomeCommand):
        data.update(device=command.device_id, action=command.action, params=dict(command.params))
    elif isinstance(command, ApplyProfile):
        data.update(profile=command.profile_id)
    elif isinstance(command, Speak):
        data.update(text=command.text)
    if outcome is not None and outcome.value is not None:
        data["target"] = outcome.value
    return data


class AssistantAdapter(ABC):
    """Base of every assistant adapter.

    Subclasses set `name`, `display_name`, `wake_words`, `settings_model`, `reply_style` and
    `api_version` (the plugin API they were written for, see cockpit.plugins) and implement
    `_render`; those with native input also implement `_decode`. `intents` adds grammar plugins
    of the adapter's own to the installed ones, for this adapter's turns only.
    """

    name: ClassVar[str]
    display_name: ClassVar[str] = ""
    wake_words: ClassVar[tuple[str, ...]] = ()
    # Extra sentence templates (see cockpit.assistants.grammar.sentences) the speech recogniser
    # should listen for, beyond the shared grammar's: "(open | close) the sunroof".
    sentences: ClassVar[tuple[str, ...]] = ()
    settings_model: ClassVar[type[AdapterSettings]] = AdapterSettings
    reply_style: ClassVar[ReplyStyle] = ReplyStyle()
    intents: ClassVar[tuple[GrammarPlugin, ...]] = ()
    api_version: ClassVar[int | None] = None

    def __init__(self, cockpit: Cockpit, settings: Mapping[str, Any] | None = None) -> None:
        """Raises ProfileError when `settings` (from the driver's profile) do not fit the model."""
        self.cockpit = cockpit
        self.settings = self.load_settings(settings)
        self.grammar = Grammar(Context(cockpit), installed_grammar().with_plugins(*self.intents))
        self._own_words = (*self.wake_words, *self.settings.extra_wake_words)
        self._wake = WakeWords(self._own_words)
        self._held: Intent | None = None  # the intent whose commands wait for the driver's confirmation
        self._closed = False

    @classmethod
    def load_settings(cls, data: Mapping[str, Any] | None) -> AdapterSettings:
        """Validate profile settings for this adapter; raises ProfileError naming each bad field,
        AdapterError when the adapter's own settings model fails."""
        try:
            return cls.settings_model.model_validate(dict(data or {}))
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in error.errors()
            )
            raise ProfileError(f"assistant {cls.name!r} settings: {problems}") from None
        except Exception as error:
            raise _hook_failed(cls.name, "settings_model", error) from error

    @property
    def label(self) -> str:
        """How the driver hears this assistant named ("Alexa", "Google Assistant")."""
        return self.display_name or self.name.title()

    @property
    def style(self) -> ReplyStyle:
        """The reply style for the active driver's settings (brief mode where the adapter has it)."""
        return self.reply_style.briefly(bool(getattr(self.settings, "brief_mode", self.reply_style.brief)))

    def use_driver(
        self,
        *,
        places: Iterable[Place] | None = None,
        contacts: Mapping[str, str] | None = None,
        profiles: Mapping[str, str] | None = None,
    ) -> None:
        """Give the grammar the active driver's saved places, contacts and known profiles (spoken
        names, any case); what is not given keeps its current value."""
        context = self.grammar.context
        if places is not None:
            context.places = tuple(places)
        if contacts is not None:
            context.contacts = {name.lower(): number for name, number in contacts.items()}
        if profiles is not None:
            context.profiles = {name.lower(): profile_id for name, profile_id in profiles.items()}

    def use_home(self, devices: Iterable[HomeDevice] | None) -> None:
        """Give the grammar the connected home's devices (None: there is no home), so that "open the
        garage" names the garage of this home."""
        self.grammar.context.devices = tuple(devices) if devices is not None else None

    def use_assistants(self, assistants: Mapping[str, Iterable[str]]) -> None:
        """The other installed assistants (display name -> wake words): what is said to them is not
        for this one."""
        self._wake = WakeWords(self._own_words, {**KNOWN_ASSISTANTS, **assistants})

    # --- the public template methods ------------------------------------------------------------
    def hear(self, utterance: str) -> Heard:
        """Split off a leading wake word (any case, with punctuation after it); an utterance that
        starts with another assistant's wake word is marked as addressed to that one."""
        return self._wake.hear(utterance)

    def respond(self, utterance: str) -> AssistantResult:
        """Understand `utterance`, act on it through the cockpit and reply.

        Raises AdapterError when the adapter is shut down or one of its hooks fails (the error
        names the hook; the failure is logged once)."""
        self._check_open()
        heard = self.hear(str(utterance))
        if heard.addressed is not None:
            intent = Intent("ignored.other_assistant", {"addressed": heard.addressed})
            reply = self.style.say("not_for_me", self._tr, other=heard.addressed)
            return self._finish(utterance, heard, intent, reply)
        if heard.wake_word is None and self.settings.require_wake_word:
            return AssistantResult(self.name, heard, Intent("ignored", {}, (), ""), "")
        pending = self.cockpit.confirmations.pending
        if pending is not None and pending.adapter == self.name:
            answered = self._answer_confirmation(utterance, heard, pending)
            if answered is not None:
                return answered
        elif self._held is not None:  # a question of ours lapsed unanswered
            self._held = None
            if security.heard_answer(heard.text).reply is not security.Reply.OTHER:
                expired = self.style.say("expired", self._tr)
                return self._finish(utterance, heard, Intent("confirm.expired"), expired)
        return self._carry_out(utterance, heard, self.grammar.parse(heard.text))

    def handle_message(self, message: Mapping[str, Any]) -> AssistantResult:
        """Act on one native input message and answer natively; raises InvalidInput when it is not a
        JSON object, AdapterError when this adapter has no native input or its decoding fails."""
        self._check_open()
        if not isinstance(message, Mapping):
            raise InvalidInput(f"assistant {self.name!r}: a native message must be a JSON object")
        decoded = self._hook("_decode", self._decode, message)
        commands = decoded.commands
        intent = Intent("native.message", {"summary": decoded.summary}, commands, "Done.")
        if decoded.error is None and any(needs_confirmation(c) for c in commands):
            answer = self._hook("_challenge", self._challenge, message, decoded)
            if answer is not None:  # the adapter's protocol asks for the PIN itself: hold until said
                sensitive = [c for c in commands if needs_confirmation(c)]
                self.cockpit.confirmations.hold(self.name, sensitive,
                                                [security.what_it_does(c, self._devices) for c in sensitive])
                self._held = intent
                reply = self.style.say("ask_pin", self._tr, what=self._what(commands))
                self._publish(decoded.summary, reply)
                return AssistantResult(self.name, Heard(None, decoded.summary), intent, reply, (), (answer,))
            self._confirmed_natively(commands)
        outcomes = tuple(self.cockpit.submit(c) for c in commands)
        if decoded.error is not None:
            reply = self.style.say("rejected", self._tr, reason=decoded.error.rstrip("."))
        else:
            reply = self._hook("reply_style", self.style.phrase, intent, outcomes, self._tr)
        self._publish(decoded.summary, reply)
        native = self._hook("_decode", decoded.answer, outcomes)
        return AssistantResult(self.name, Heard(None, decoded.summary), intent, reply, outcomes, (native,))

    # --- what subclasses provide ----------------------------------------------------------------
    @abstractmethod
    def _render(self, intent: Intent) -> Rendering:
        """The intent as native messages plus the commands that carry it out."""

    def _decode(self, message: Mapping[str, Any]) -> Decoded:
        raise AdapterError(f"assistant {self.name!r} does not accept native messages")

    def _challenge(self, message: Mapping[str, Any], decoded: Decoded) -> Native | None:
        """A native message that would open the house or the car, when the driver confirms with a PIN:
        the native answer that asks for the PIN, or None when the message counts as confirmed by
        its sender (Alexa asks before it sends a directive that needs verification)."""
        return None

    def _shutdown(self) -> None:  # noqa: B027 - optional hook, most adapters hold nothing
        """Release what the adapter holds; called once."""

    # --- lifecycle ------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the adapter; safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        self._hook("_shutdown", self._shutdown)

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> AssistantAdapter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.shutdown()

    # --- the steps of a turn --------------------------------------------------------------------
    def _carry_out(self, utterance: str, heard: Heard, intent: Intent, *, pin: str | None = None,
                   confirmed: bool = False) -> AssistantResult:
        """Hold what needs the driver's confirmation, render and submit the rest, reply."""
        gate = self.cockpit.confirmations
        sensitive = () if confirmed else tuple(c for c in intent.commands if needs_confirmation(c))
        pin = pin or security.pin_in(heard.text)
        shown = security.masked(utterance) if pin else utterance
        if sensitive:
            what = self._what(sensitive)
            locked_until = gate.locked_until()
            rest = replace(intent, commands=tuple(c for c in intent.commands if c not in sensitive))
            if locked_until is not None:
                return self._finish(shown, heard, rest, self._locked(locked_until), run=bool(rest.commands))
            pending = gate.hold(self.name, sensitive, [security.what_it_does(c, self._devices)
                                                       for c in sensitive])
            self._held = intent
            if pin is not None and pending.method is Method.PIN:
                answered = self._answer_confirmation(shown, heard, pending, pin=pin)
                return answered or self._finish(shown, heard, rest, "")
            question = "ask_pin" if pending.method is Method.PIN else "ask_confirm"
            ask = self.style.say(question, self._tr, what=what)
            return self._finish(shown, heard, rest, ask, run=bool(rest.commands))
        return self._finish(shown, heard, intent, None, run=True)

    def _answer_confirmation(self, utterance: str, heard: Heard, pending: Pending,
                             pin: str | None = None) -> AssistantResult | None:
        """The driver's answer to a question this adapter asked; None when they moved on to
        something else (the held request is dropped and the utterance handled as a new one)."""
        gate = self.cockpit.confirmations
        answer = security.heard_answer(heard.text) if pin is None else security.Heard(security.Reply.PIN, pin)
        shown = security.masked(utterance) if answer.reply is security.Reply.PIN else utterance
        what = self._what(pending.commands)
        intent = Intent("confirm.answer", {"answer": answer.reply.value})
        if answer.reply is security.Reply.OTHER:
            gate.cancel(self.name)
            self._held = None
            return None
        if answer.reply is security.Reply.NO:
            gate.cancel(self.name)
            self._held = None
            return self._finish(utterance, heard, intent, self.style.say("declined", self._tr, what=what))
        if pending.method is Method.PIN and answer.reply is not security.Reply.PIN:
            return self._finish(utterance, heard, intent, self.style.say("pin_again", self._tr, what=what))
        verdict = gate.answer(self.name, yes=answer.reply is security.Reply.YES, pin=answer.pin)
        if verdict.verdict is Verdict.WRONG_PIN:
            return self._finish(shown, heard, intent, self.style.wrong(verdict.tries_left, self._tr))
        if verdict.verdict is Verdict.LOCKED:
            self._held = None
            return self._finish(shown, heard, intent, self._locked(verdict.locked_until))
        if verdict.verdict is not Verdict.ACCEPTED:
            self._held = None
            return self._finish(shown, heard, intent, self.style.say("expired", self._tr))
        held = self._held or Intent("confirm.answer")
        self._held = None
        released = replace(held, commands=verdict.commands,
                           slots={**held.slots, "confirmed": pending.method.value})
        return self._carry_out(shown, heard, released, confirmed=True)

    def _finish(self, utterance: str, heard: Heard, intent: Intent, reply: str | None, *,
                run: bool = False) -> AssistantResult:
        """Render and submit `intent`'s commands (when `run`), phrase the reply unless given, publish."""
        native: tuple[Native, ...] = ()
        outcomes: tuple[Outcome, ...] = ()
        if run:
            rendering = self._hook("_render", self._render, intent)
            native = rendering.native
            submitted = (*rendering.refused, *(self.cockpit.submit(c) for c in rendering.commands))
            outcomes = tuple(worded(o, self.cockpit.catalogue, self._numbers) for o in submitted)
        if reply is None:
            reply = self._hook("reply_style", self.style.phrase, intent, outcomes, self._tr)
        self._publish(utterance, reply)
        return AssistantResult(self.name, heard, intent, reply, outcomes, native)

    def _confirmed_natively(self, commands: Sequence[Command]) -> None:
        """Commands whose native protocol already had the driver confirm them pass the gate."""
        gate = self.cockpit.confirmations
        sensitive = [c for c in commands if needs_confirmation(c)]
        gate.hold(self.name, sensitive, [security.what_it_does(c, self._devices) for c in sensitive])
        gate.answer(self.name, yes=True)

    def _what(self, commands: Sequence[Command]) -> str:
        tr = self._tr
        said = [security.what_it_does(c, self._devices, tr) for c in commands if needs_confirmation(c)]
        return listed(said, tr("and"))

    @property
    def _tr(self) -> Translate:
        """The gettext function of the driver's language (the dashboard's, sig.LANGUAGE)."""
        return translator(str(self.cockpit.value(sig.LANGUAGE)))

    @property
    def _numbers(self) -> Wording:
        """Numbers in the driver's units, for what a reply says about a value."""
        return Wording(miles=self.cockpit.value(sig.DISTANCE_UNIT) == "MILES",
                       fahrenheit=self.cockpit.value(sig.TEMPERATURE_UNIT) == "F")

    def _locked(self, until: float | None) -> str:
        minutes = max(1, round(((until or 0.0) - self.cockpit.now) / 60))
        return self.style.say("locked", self._tr, minutes=minutes)

    @property
    def _devices(self) -> tuple[HomeDevice, ...] | None:
        return self.grammar.context.devices

    def _hook(self, hook: str, function: Callable[..., T], *args: Any) -> T:
        """Call a subclass's hook; anything it raises (but an AdapterError or CockpitError of its
        own) becomes an AdapterError naming the adapter and the hook, logged here, once."""
        try:
            return function(*args)
        except CockpitError:
            raise
        except Exception as error:
            raise _hook_failed(self.name, hook, error) from error

    def _check_open(self) -> None:
        if self._closed:
            raise AdapterError(f"assistant {self.name!r} is shut down")

    def _publish(self, utterance: str, reply: str) -> None:
        self.cockpit.bus.publish(
            AssistantReplied(time=self.cockpit.now, adapter=self.name, utterance=utterance, reply=reply)
        )


class HookFailed(AdapterError):
    """An adapter's hook raised: `adapter` and `hook` say whose and which (already logged)."""

    def __init__(self, adapter: str, hook: str, error: Exception) -> None:
        super().__init__(f"assistant {adapter!r}: {hook} failed: {type(error).__name__}: {error}")
        self.adapter = adapter
        self.hook = hook


def _hook_failed(adapter: str, hook: str, error: Exception) -> HookFailed:
    logger.error("assistant %r: %s failed", adapter, hook, exc_info=error)
    return HookFailed(adapter, hook, error)


def passthrough(intent: Intent) -> Rendering:
    """A rendering with no native form: the grammar's commands go to the cockpit as they are."""
    return Rendering((), intent.commands)


def refuse(command: Command, reason: str) -> Outcome:
    """An outcome for a command the adapter's native layer turned down before the cockpit saw it."""
    return Outcome(Status.REJECTED, command, reason)
