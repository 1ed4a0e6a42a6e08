"""The adapter plugin API: `AssistantAdapter` and what it returns.

`respond(utterance)` is a template method (like python-can's `BusABC.recv`): it strips the wake
word, runs the shared grammar, asks the adapter to render its native messages (`_render`, the one
abstract method), submits the commands to the cockpit, phrases the reply in the adapter's style
and publishes `AssistantReplied`. `handle_message(native)` does the same for the adapter's native
input (an Alexa directive, a VehiclePropValue) when the adapter implements `_decode`.
"""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

from cockpit.assistants.grammar import Context, Grammar, Intent, Place
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import AdjustSignal, ApplyProfile, Command, HomeCommand, SetSignal, Speak
from cockpit.core.errors import AdapterError, InvalidInput, ProfileError
from cockpit.core.events import AssistantReplied
from cockpit.core.facts import HomeDevice
from cockpit.core.outcome import Outcome, Status

logger = logging.getLogger(__name__)

Native = dict[str, Any]


class AdapterSettings(BaseModel):
    """Settings every adapter understands; adapters subclass it. Strict: a typo is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    require_wake_word: bool = False
    extra_wake_words: tuple[str, ...] = ()
    speak_replies: bool = True


@dataclass(frozen=True, slots=True)
class Heard:
    """What the adapter heard: the wake word (if any) and the words after it."""

    wake_word: str | None
    text: str


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
class ReplyStyle:
    """How an assistant phrases things; `brief` replies 'OK.' instead of the full confirmation.

    Templates may use {reply} (the grammar's confirmation) or {lower} (the same, lower-case first).
    """

    ok: str = "OK."
    brief: bool = False
    confirm: str = "{reply}"
    deferred: str = "{reply} It will happen once the car is parked."
    rejected: str = "Sorry, {reason}."
    fallback: str = ""

    def phrase(self, intent: Intent, outcomes: Sequence[Outcome]) -> str:
        if not intent.understood:
            return self.fallback or intent.reply
        rejected = [o for o in outcomes if o.rejected]
        if rejected:
            return rejected[0].reply or self.rejected.format(reason=rejected[0].reason.rstrip("."))
        if intent.answer or not outcomes:
            return intent.reply
        told = dict.fromkeys(o.reply for o in outcomes if o.applied and o.reply)
        if told:  # the parts that acted say what they did ("Playing BBC Radio 4."), briefly or not
            return " ".join(told)
        lower = intent.reply[:1].lower() + intent.reply[1:]
        reply = self.ok if self.brief else self.confirm.format(reply=intent.reply, lower=lower)
        if any(o.deferred for o in outcomes):
            return self.deferred.format(reply=reply, lower=lower)
        notes = [o.reason for o in outcomes if o.applied and o.reason]
        return f"{reply} ({notes[0]})" if notes else reply


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
            "heard": {"wake_word": self.heard.wake_word, "text": self.heard.text},
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
    """Base of every assistant adapter. Subclasses set `name`, `wake_words`, `settings_model`,
    `reply_style` and implement `_render`; those with native input also implement `_decode`."""

    name: ClassVar[str]
    wake_words: ClassVar[tuple[str, ...]] = ()
    # Extra sentence templates (see cockpit.assistants.grammar.sentences) the speech recogniser
    # should listen for, beyond the shared grammar's: "(open | close) the sunroof".
    sentences: ClassVar[tuple[str, ...]] = ()
    settings_model: ClassVar[type[AdapterSettings]] = AdapterSettings
    reply_style: ClassVar[ReplyStyle] = ReplyStyle()

    def __init__(self, cockpit: Cockpit, settings: Mapping[str, Any] | None = None) -> None:
        """Raises ProfileError when `settings` (from the driver's profile) do not fit the model."""
        self.cockpit = cockpit
        self.settings = self.load_settings(settings)
        self.grammar = Grammar(Context(cockpit))
        words = (*self.wake_words, *self.settings.extra_wake_words)
        self._canonical = {word.lower(): word for word in words}
        alternatives = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
        self._wake = re.compile(rf"^\W*(?P<wake>{alternatives})\b\W*", re.IGNORECASE) if words else None
        self._closed = False

    @classmethod
    def load_settings(cls, data: Mapping[str, Any] | None) -> AdapterSettings:
        """Validate profile settings for this adapter; raises ProfileError naming each bad field."""
        try:
            return cls.settings_model.model_validate(dict(data or {}))
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in error.errors()
            )
            raise ProfileError(f"assistant {cls.name!r} settings: {problems}") from None

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

    # --- the public template methods ------------------------------------------------------------
    def hear(self, utterance: str) -> Heard:
        """Split off a leading wake word (any case, with punctuation after it)."""
        match = self._wake.match(utterance) if self._wake else None
        if match is None:
            return Heard(None, utterance.strip())
        return Heard(self._canonical[match.group("wake").lower()], utterance[match.end() :].strip())

    def respond(self, utterance: str) -> AssistantResult:
        """Understand `utterance`, act on it through the cockpit and reply. Raises AdapterError
        only when the adapter is shut down or its own rendering fails."""
        self._check_open()
        heard = self.hear(str(utterance))
        if heard.wake_word is None and self.settings.require_wake_word:
            return AssistantResult(self.name, heard, Intent("ignored", {}, (), ""), "")
        intent = self.grammar.parse(heard.text)
        try:
            rendering = self._render(intent)
        except Exception as error:
            raise AdapterError(f"assistant {self.name!r} failed to render {intent.name}: {error}") from error
        outcomes = (*rendering.refused, *(self.cockpit.submit(c) for c in rendering.commands))
        reply = self.reply_style.phrase(intent, outcomes)
        self._publish(utterance, reply)
        return AssistantResult(self.name, heard, intent, reply, outcomes, rendering.native)

    def handle_message(self, message: Mapping[str, Any]) -> AssistantResult:
        """Act on one native input message and answer natively; raises InvalidInput when it is not a
        JSON object, AdapterError when this adapter has no native input."""
        self._check_open()
        if not isinstance(message, Mapping):
            raise InvalidInput(f"assistant {self.name!r}: a native message must be a JSON object")
        decoded = self._decode(message)
        outcomes = tuple(self.cockpit.submit(c) for c in decoded.commands)
        intent = Intent("native.message", {"summary": decoded.summary}, decoded.commands, "Done.")
        if decoded.error is not None:
            reply = self.reply_style.rejected.format(reason=decoded.error.rstrip("."))
        else:
            reply = self.reply_style.phrase(intent, outcomes)
        self._publish(decoded.summary, reply)
        return AssistantResult(
            self.name, Heard(None, decoded.summary), intent, reply, outcomes, (decoded.answer(outcomes),)
        )

    # --- what subclasses provide ----------------------------------------------------------------
    @abstractmethod
    def _render(self, intent: Intent) -> Rendering:
        """The intent as native messages plus the commands that carry it out."""

    def _decode(self, message: Mapping[str, Any]) -> Decoded:
        raise AdapterError(f"assistant {self.name!r} does not accept native messages")

    def _shutdown(self) -> None:  # noqa: B027 - optional hook, most adapters hold nothing
        """Release what the adapter holds; called once."""

    # --- lifecycle ------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the adapter; safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        self._shutdown()

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> AssistantAdapter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.shutdown()

    def _check_open(self) -> None:
        if self._closed:
            raise AdapterError(f"assistant {self.name!r} is shut down")

    def _publish(self, utterance: str, reply: str) -> None:
        self.cockpit.bus.publish(
            AssistantReplied(time=self.cockpit.now, adapter=self.name, utterance=utterance, reply=reply)
        )


def passthrough(intent: Intent) -> Rendering:
    """A rendering with no native form: the grammar's commands go to the cockpit as they are."""
    return Rendering((), intent.commands)


def refuse(command: Command, reason: str) -> Outcome:
    """An outcome for a command the adapter's native layer turned down before the cockpit saw it."""
    return Outcome(Status.REJECTED, command, reason)
