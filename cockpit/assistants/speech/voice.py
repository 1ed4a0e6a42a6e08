"""Voice control on the main loop: what the speech thread heard, routed into the assistants' text path.

`VoiceControl.poll()` runs once per tick. It drains the listener's queue and decides, for each
utterance, whether it was addressed (push-to-talk, a confirmed wake word, or the answer to a
question just asked), which adapter it is for (the one whose wake word was spoken, else the
driver's own), and whether to act: only when the recogniser's two passes agree (`judge`). Acting is
submitting `AskAssistant(text)`, the very command typed text is, so the policy and the confirmation
of what opens the house or the car apply unchanged. Doubt becomes "Did you say ...?" (a "yes" acts
on it), nonsense becomes "Sorry?". When the assistant asks "Are you sure ...?" (or for the voice
PIN), the next utterance is its answer, passed on only when both passes heard the same yes, no or
PIN. Everything the dashboard shows (listening, the live level, partial words, the final words and
their confidence) goes out as events. Nothing here runs on the speech thread.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import queue
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Protocol

from cockpit.assistants import security
from cockpit.assistants.speech import listener as heard
from cockpit.assistants.speech.judge import Judgement, Verdict, judge
from cockpit.assistants.speech.vocabulary import Spec, WakeWord, spec
from cockpit.assistants.speech.wake import micro_models as wake_models
from cockpit.core import signals as sig
from cockpit.core.commands import AskAssistant
from cockpit.core.events import (
    AssistantReplied,
    CommandApplied,
    CommandDeferred,
    CommandRejected,
    Event,
    ListeningChanged,
    MicrophoneChanged,
    PartialSpeechHeard,
    ProfileApplied,
    SpeechRecognised,
    VoiceLevelChanged,
    WakeWordHeard,
)
from cockpit.core.outcome import Outcome, Status
from cockpit.i18n import N_, translator

if TYPE_CHECKING:
    from cockpit.assistants.base import AssistantAdapter
    from cockpit.assistants.grammar.intent import Intent
    from cockpit.assistants.speech.audio import Source
    from cockpit.core.cockpit import Cockpit

logger = logging.getLogger(__name__)

ANSWER_WINDOW_S: Final = 8.0  # "Did you say ...?" waits this long for "yes"
LEVEL_FLOOR_DBFS: Final = -60.0  # the animation's silence ...
LEVEL_CEILING_DBFS: Final = -12.0  # ... and its full swing
LEVEL_STEP: Final = 0.04  # smaller level changes are not worth an event
SORRY: Final = N_("Sorry?")
DID_YOU_SAY: Final = N_("Did you say “{text}”?")
NOT_DONE: Final = N_("OK, I won't.")
_NOT_WORD = re.compile(r"[^a-z0-9' ]+")


class Assistants(Protocol):
    """The adapters voice can reach (the session's `DriverAssistant` is one): their grammars, to
    judge what was heard, and their wake words; what is acted on goes through the cockpit."""

    @property
    def adapter(self) -> AssistantAdapter | None: ...

    def named(self, name: str) -> AssistantAdapter | None: ...

    @property
    def wake_words_on(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Turn:
    """What became of one utterance, for `cockpit listen` and `cockpit say --audio` to print."""

    heard: str
    check: str
    # "act", "ask", "sorry", "wake" (a wake word alone), "ignored" (not addressed) or "rescinded" (a
    # keyphrase wake word the words after it did not bear out)
    verdict: str
    confidence: float
    adapter: str
    reply: str = ""
    intent: Intent | None = None  # what the words acted on mean
    outcomes: tuple[Outcome, ...] = ()  # the commands the assistant submitted, and what became of them
    latency_ms: float | None = None
    start_s: float = 0.0  # audio seconds since the listener started
    applied_at: float | None = None  # the clock when the assistant had acted

    @property
    def addressed(self) -> bool:
        """Whether the words were for an assistant (not "ignored" or "rescinded")."""
        return self.verdict not in ("ignored", "rescinded")


def phrase(wake_word: str) -> str:
    """A wake word as the recogniser spells it: 'OK Google' -> 'ok google'."""
    return " ".join(_NOT_WORD.sub(" ", wake_word.lower()).split())


def installed_wake_words(extra: Iterable[tuple[str, str]] = ()) -> tuple[tuple[WakeWord, str], ...]:
    """(WakeWord, canonical spelling) for every installed adapter's wake words, plus `extra`
    ((adapter, word) pairs, e.g. a driver's extra wake words)."""
    from cockpit.assistants.registry import installed

    found = [(info.name, word) for info in installed() for word in info.wake_words if "(broken" not in word]
    result: dict[WakeWord, str] = {}
    for adapter, word in (*found, *extra):
        wake = WakeWord(phrase(word), adapter)
        if wake.phrase and wake.phrase not in {w.phrase for w in result}:
            result[wake] = word
    return tuple(result.items())


class VoiceControl:
    """Voice in for one cockpit; `start()`, then `poll()` every tick, `close()` at the end."""

    def __init__(self, cockpit: Cockpit, assistants: Assistants, source: Source, *, open_mic: bool = False,
                 wake_words: bool | None = None, clock: Callable[[], float] = time.perf_counter) -> None:
        """With `open_mic` every utterance is for the assistant, as if push-to-talk were held (for
        `cockpit listen` and `cockpit say --audio`); otherwise push-to-talk or a wake word is needed.
        `wake_words` turns wake words on or off whatever the driver's profile says (None: it decides)."""
        self.cockpit = cockpit
        self._assistants = assistants
        self._open_mic = open_mic
        self._wake_words = wake_words
        self._clock = clock
        self._wake = installed_wake_words(self._driver_wake_words())
        self._modelled = frozenset(wake_models())
        self._spec = self._current_spec()
        self.listener = heard.Listener(source, self._spec, decode_all=open_mic)
        self._listening: str | None = None  # the adapter being listened for
        self._pending: tuple[str, str, float] | None = None  # adapter, text asked about, when
        self._awaiting_until: float | None = None  # audio time until which an answer is addressed
        self._keyphrase: WakeWord | None = None  # a keyphrase spotted, not yet borne out by the passes
        self._microphone_on = False
        self._level = 0.0
        self.ended: heard.Ended | None = None
        self._unsubscribe = cockpit.bus.subscribe(self._on_profile, ProfileApplied)

    # --- lifecycle --------------------------------------------------------------------------------
    def start(self) -> None:
        self.listener.start()
        self._announce_microphone()

    def close(self) -> None:
        """Stop the speech thread; safe to call twice."""
        self._unsubscribe()
        self.listener.stop()
        self._stop_listening("cancelled")
        if self._microphone_on:
            self._microphone_on = False
            self._publish(MicrophoneChanged(time=self.cockpit.now, on=False))

    def _announce_microphone(self) -> None:
        """Tell the dashboard the microphone listens, and the wake word the driver can say."""
        adapter = self._assistants.adapter
        own = [word for wake, word in self._wake if adapter is not None and wake.adapter == adapter.name]
        said = own[0] if own and self._wake_words_on else ""
        self._microphone_on = True
        self._publish(MicrophoneChanged(time=self.cockpit.now, on=True, wake_word=said))

    # --- the driver -------------------------------------------------------------------------------
    def press(self) -> None:
        """Push-to-talk: the next utterance is for the driver's assistant (always works)."""
        adapter = self._assistants.adapter
        self.listener.push_to_talk()
        self._start_listening(adapter.name if adapter is not None else "", "push_to_talk")

    def cancel(self) -> None:
        self.listener.cancel()
        self._pending = self._awaiting_until = None
        self._stop_listening("cancelled")

    # --- the main loop ----------------------------------------------------------------------------
    def poll(self) -> list[Turn]:
        """Handle everything the speech thread sent since the last tick; returns the finished turns."""
        turns: list[Turn] = []
        level: float | None = None
        while True:
            try:
                message = self.listener.inbox.get_nowait()
            except queue.Empty:
                break
            if isinstance(message, heard.Level):
                level = message.dbfs
            elif isinstance(message, heard.WakeHeard):
                self._spotted(message.spotted.wake)
            elif isinstance(message, heard.Partial):
                self._confirm_keyphrase(message)
                if self._listening is not None and message.text:
                    shown = security.masked(self._display(message.text))
                    self._publish(PartialSpeechHeard(time=self.cockpit.now, text=shown))
            elif isinstance(message, heard.Utterance):
                turns.append(dataclasses.replace(self._utterance(message), start_s=message.speech_start_s))
            elif isinstance(message, heard.TimedOut):
                self._stop_listening("timeout")
            elif isinstance(message, heard.Ended):
                self.ended = message
                self._stop_listening("cancelled")
        if level is not None:
            self._show_level(level)
        return turns

    # --- utterances -------------------------------------------------------------------------------
    def _utterance(self, message: heard.Utterance) -> Turn:
        unannounced, self._keyphrase = self._keyphrase, None
        hypotheses = message.hypotheses
        wake, text, check = self._split_wake(hypotheses.grammar, hypotheses.language_model, message.spotted)
        if wake is not None and unannounced is not None and self._wake_words_on:
            self._wake_heard(wake)  # a keyphrase the partial results had not borne out yet
        answering = self._awaiting_until is not None and message.speech_start_s <= self._awaiting_until
        woken = wake is not None and self._wake_words_on
        if not (message.pushed or woken or answering or self._open_mic):
            if self._listening is not None and not message.pushed:
                self._stop_listening("heard")  # a spotter's hit the recogniser did not confirm
            return Turn(hypotheses.grammar, hypotheses.language_model, "ignored", 0.0, "")
        adapter = self._adapter_for(wake)
        name = adapter.name if adapter is not None else ""
        if wake is not None and not (text and check):  # a wake word alone: the command comes next
            self._await_answer(name, message.speech_end_s, "wake_word")
            return Turn(hypotheses.grammar, hypotheses.language_model, "wake", 1.0, name)
        if answering and (self._pending is not None or self._confirming(name)):
            answered = self._answer(name, text, check, message)
            if answered is not None:
                return answered
        self._pending = self._awaiting_until = None
        said = self._wake_said(hypotheses.grammar)
        alternatives = [_after(guess, self._phrases_of(said.adapter) if said else ())
                        for guess in hypotheses.alternatives]
        judgement = judge(text, check, self._parser(adapter), alternatives, hypotheses.fit,
                          message.speech_over_noise_db)
        only_keyphrase = wake is not None and wake.phrase not in self._modelled and not (
            message.pushed or answering or self._open_mic)
        if judgement.verdict is Verdict.SORRY and only_keyphrase:
            # a keyphrase wake followed by words neither pass understood was most likely chatter
            # ("I googled the opening hours"): taken back without a word, as a smart speaker's
            # second check of its wake word does
            self._stop_listening("cancelled")
            return Turn(hypotheses.grammar, hypotheses.language_model, "rescinded", judgement.confidence,
                        name)
        return self._act(judgement, wake, check, name, message)

    def _act(self, judgement: Judgement, wake: WakeWord | None, check: str, name: str,
             message: heard.Utterance) -> Turn:
        shown = self._display(judgement.text, wake)
        self._recognised(shown, judgement.confidence, judgement.verdict.value, name)
        if judgement.verdict is Verdict.ACT:
            return self._ask(name, shown, Turn(judgement.text, check, "act", judgement.confidence, name,
                                               intent=judgement.intent), message)
        if judgement.verdict is Verdict.ASK:
            reply = self._tr(DID_YOU_SAY).format(text=shown)
            self._pending = (name, shown, message.speech_end_s)
            self._reply(name, shown, reply)
            self._await_answer(name, message.speech_end_s, "answer")
            return Turn(judgement.text, check, "ask", judgement.confidence, name, reply, judgement.intent)
        return self._sorry(name, shown if judgement.text else "…", Turn(judgement.text, check, "sorry",
                                                                       judgement.confidence, name))

    def _answer(self, name: str, text: str, check: str, message: heard.Utterance) -> Turn | None:
        """The driver's answer to "Did you say ...?" or to the assistant's "Are you sure ...?" (or its
        request for the voice PIN); None when the words are no answer (the driver moved on)."""
        first, second = security.heard_answer(text), security.heard_answer(check)
        if first.reply is security.Reply.OTHER and second.reply is security.Reply.OTHER:
            return None
        shown = security.masked(self._display(text))
        if first != second:  # one pass heard "yes", the other something else: never guess
            self._recognised(shown, 0.0, Verdict.SORRY.value, name)
            self._await_answer(name, message.speech_end_s, "answer")
            return self._sorry(name, shown, Turn(shown, security.masked(check), "sorry", 0.0, name))
        self._recognised(shown, 1.0, Verdict.ACT.value, name)
        if self._pending is None:  # the assistant asked: it hears the answer, as if typed
            self._awaiting_until = None
            return self._ask(name, self._display(text), Turn(shown, security.masked(check), "act", 1.0, name),
                             message)
        _, asked, _ = self._pending
        self._pending = self._awaiting_until = None
        if first.reply is security.Reply.YES:
            parsed = self._parser(self._assistants.named(name))(asked)
            return self._ask(name, asked, Turn(text, check, "act", 1.0, name, intent=parsed), message)
        self._stop_listening("heard")
        reply = self._tr(NOT_DONE)
        self._reply(name, shown, reply)
        return Turn(text, check, "sorry", 1.0, name, reply)

    def _ask(self, name: str, text: str, turn: Turn, message: heard.Utterance) -> Turn:
        """Hand `text` to the assistant `name` as AskAssistant, the command typed text is; returns
        `turn` with the reply and what became of each command the assistant submitted."""
        self._stop_listening("heard")
        done: list[Outcome] = []

        def collect(event: Event) -> None:
            if isinstance(event, CommandApplied):
                done.append(Outcome(Status.APPLIED, event.command))
            elif isinstance(event, CommandDeferred | CommandRejected):
                status = Status.DEFERRED if isinstance(event, CommandDeferred) else Status.REJECTED
                done.append(Outcome(status, event.command, event.reason))

        unsubscribe = self.cockpit.bus.subscribe(collect, CommandApplied, CommandDeferred, CommandRejected)
        try:
            outcome = self.cockpit.submit(AskAssistant(text, name or None))
        finally:
            unsubscribe()
        if self._confirming(name):  # "Are you sure ...?": the answer needs no wake word
            self._await_answer(name, message.speech_end_s, "answer")
        outcomes = tuple(o for o in done if o.command != outcome.command)
        return dataclasses.replace(turn, reply=outcome.reason, outcomes=outcomes,
                                   latency_ms=self._latency(message), applied_at=self._clock())

    def _sorry(self, name: str, shown: str, turn: Turn) -> Turn:
        self._stop_listening("heard")
        reply = self._tr(SORRY)
        self._reply(name, shown, reply)
        return dataclasses.replace(turn, reply=reply)

    def _confirming(self, name: str) -> bool:
        """Whether assistant `name` waits for the driver to confirm something it holds."""
        pending = self.cockpit.confirmations.pending
        return pending is not None and pending.adapter == name and bool(name)

    # --- wake words -------------------------------------------------------------------------------
    def _split_wake(self, grammar: str, check: str, spotted: Sequence[WakeWord]
                    ) -> tuple[WakeWord | None, str, str]:
        """The wake word the grammar pass begins with, when it is confirmed (None when not), and the
        words after it in each pass. A spotter must have heard that assistant's wake word in the
        segment: the passes alone hear wake words in chatter ("what a lovely day" came out as
        "alexa play a video" in both, "okay cool let's go then" as "ok google it's too warm"). A
        keyphrase is a weaker spotter than a micro model ("I googled" and "OK, go left" pass it),
        so for a phrase without a model the language-model pass must begin with the wake word too."""
        said = self._wake_said(grammar)
        if said is None:
            return None, grammar, check
        same = self._phrases_of(said.adapter)
        confirmed = any(hit.adapter == said.adapter for hit in spotted) and (
            said.phrase in self._modelled or _begins_with_any(check, same))
        return (said if confirmed else None), _after(grammar, [said.phrase]), _after(check, same)

    def _wake_said(self, grammar: str) -> WakeWord | None:
        """The (longest) wake word the grammar pass begins with, confirmed or not."""
        return next((wake for wake, _ in sorted(self._wake, key=lambda item: -len(item[0].phrase))
                     if _starts_with(grammar, wake.phrase)), None)

    def _phrases_of(self, adapter: str) -> list[str]:
        """Every wake phrase of `adapter` ("hey google", "ok google", "okay google")."""
        return [wake.phrase for wake, _ in self._wake if wake.adapter == adapter]

    def _spotted(self, wake: WakeWord) -> None:
        """A spotter's hit: a micro model's starts the listening ring at once; a keyphrase's (about
        17 an hour of read prose) only once both passes' first words are that wake word too."""
        if not self._wake_words_on:
            return
        if wake.phrase in self._modelled:
            self._wake_heard(wake)
        else:
            self._keyphrase = wake

    def _confirm_keyphrase(self, partial: heard.Partial) -> None:
        wake = self._keyphrase
        if wake is None:
            return
        same = self._phrases_of(wake.adapter)
        if _begins_with_any(partial.text, same) and _begins_with_any(partial.check, same):
            self._keyphrase = None
            self._wake_heard(wake)

    def _wake_heard(self, wake: WakeWord) -> None:
        self._publish(WakeWordHeard(time=self.cockpit.now, adapter=wake.adapter,
                                    wake_word=self._canonical(wake)))
        self._start_listening(wake.adapter, "wake_word")

    def _adapter_for(self, wake: WakeWord | None) -> AssistantAdapter | None:
        if wake is not None:
            return self._assistants.named(wake.adapter)
        if self._pending is not None:
            return self._assistants.named(self._pending[0])
        if self._listening:
            return self._assistants.named(self._listening) or self._assistants.adapter
        return self._assistants.adapter

    def _await_answer(self, adapter: str, since_s: float, reason: str) -> None:
        self._awaiting_until = since_s + ANSWER_WINDOW_S
        self.listener.push_to_talk()
        self._start_listening(adapter, reason)

    def _recognised(self, shown: str, confidence: float, verdict: str, adapter: str) -> None:
        self._publish(SpeechRecognised(time=self.cockpit.now, text=shown, confidence=round(confidence, 2),
                                       verdict=verdict, adapter=adapter))

    # --- what the dashboard sees ------------------------------------------------------------------
    def _start_listening(self, adapter: str, reason: str) -> None:
        if self._listening != adapter:
            self._listening = adapter
            self._publish(ListeningChanged(time=self.cockpit.now, listening=True, adapter=adapter,
                                           reason=reason))

    def _stop_listening(self, reason: str) -> None:
        if self._listening is not None:
            adapter, self._listening = self._listening, None
            self._level = 0.0
            self._publish(ListeningChanged(time=self.cockpit.now, listening=False, adapter=adapter,
                                           reason=reason))

    def _show_level(self, dbfs: float) -> None:
        if self._listening is None:
            return
        level = min(1.0, max(0.0, (dbfs - LEVEL_FLOOR_DBFS) / (LEVEL_CEILING_DBFS - LEVEL_FLOOR_DBFS)))
        if abs(level - self._level) >= LEVEL_STEP:
            self._level = level
            self._publish(VoiceLevelChanged(time=self.cockpit.now, level=round(level, 3)))

    def _reply(self, adapter: str, utterance: str, reply: str) -> None:
        self._publish(AssistantReplied(time=self.cockpit.now, adapter=adapter, utterance=utterance,
                                       reply=reply))

    def _publish(self, event: object) -> None:
        self.cockpit.bus.publish(event)  # type: ignore[arg-type]

    # --- helpers ----------------------------------------------------------------------------------
    def _display(self, text: str, wake: WakeWord | None = None) -> str:
        """The words as the transcript shows them: "Alexa, turn on the AC"."""
        words = text.strip()
        if wake is not None:
            words = f"{self._canonical(wake)}, {words}" if words else self._canonical(wake)
        return words[:1].upper() + words[1:]

    def _canonical(self, wake: WakeWord) -> str:
        return next((word for w, word in self._wake if w == wake), wake.phrase)

    def _tr(self, message: str) -> str:
        return translator(str(self.cockpit.value(sig.LANGUAGE)))(message)

    def _parser(self, adapter: AssistantAdapter | None) -> Callable[[str], Intent]:
        """The adapter's grammar as it stands (follow-ups included), without changing it."""
        if adapter is None:
            from cockpit.assistants.grammar import Context, Grammar

            return Grammar(Context(self.cockpit)).parse
        return lambda text: copy.copy(adapter.grammar).parse(text)

    def _latency(self, message: heard.Utterance) -> float:
        """Milliseconds from the end of speech to now, as if the audio had come in real time."""
        waited_s = message.audio_time_s - message.speech_end_s
        return (self._clock() - message.finished_at + waited_s) * 1000.0

    @property
    def _wake_words_on(self) -> bool:
        return self._assistants.wake_words_on if self._wake_words is None else self._wake_words

    def _driver_wake_words(self) -> list[tuple[str, str]]:
        adapter = self._assistants.adapter
        if adapter is None:
            return []
        return [(adapter.name, word) for word in adapter.settings.extra_wake_words]

    def _current_spec(self) -> Spec:
        adapter = self._assistants.adapter
        context = adapter.grammar.context if adapter is not None else None
        return spec(adapter_sentences(), (w for w, _ in self._wake), context)

    def _on_profile(self, event: ProfileApplied) -> None:
        self._wake = installed_wake_words(self._driver_wake_words())
        if self._microphone_on:
            self._announce_microphone()
        wanted = self._current_spec()
        if wanted.fingerprint != self._spec.fingerprint:
            self._spec = wanted
            self.listener.use(wanted)


def _starts_with(text: str, wake_phrase: str) -> bool:
    return text == wake_phrase or text.startswith(wake_phrase + " ")


def _begins_with_any(text: str, wake_phrases: Iterable[str]) -> bool:
    return any(_starts_with(text, wake_phrase) for wake_phrase in wake_phrases)


def _after(text: str, wake_phrases: Iterable[str]) -> str:
    """`text` without the longest of `wake_phrases` it begins with ("ok google" or "okay google")."""
    for wake_phrase in sorted(wake_phrases, key=len, reverse=True):
        if _starts_with(text, wake_phrase):
            return text[len(wake_phrase):].strip()
    return text


def adapter_sentences() -> dict[str, tuple[str, ...]]:
    """The extra sentence templates of each installed adapter ({adapter name: templates})."""
    from cockpit.assistants import registry
    from cockpit.core.errors import AdapterError

    found = {}
    for name in registry.names():
        try:
            sentences = tuple(registry.adapter_class(name).sentences)
        except AdapterError as error:  # a broken plugin is reported where it is used
            logger.debug("%s", error)
            continue
        if sentences:
            found[name] = sentences
    return found
