"""The cockpit grammar: offline, deterministic, shared by every adapter.

`Grammar.parse(text)` normalises the words and tries the rules of its rule set in order (the
first rule that produces an intent wins: see rules.py). Before that it takes short follow-ups
("the passenger side too", "a bit more") against the last intent heard, and answers to a question
it asked ("Which light: hall or kitchen?" - "the kitchen"), within `FOLLOW_UP_SECONDS` of simulated
time. An utterance nothing understood is read once more with misspelt words put right; anything
else becomes a fallback intent that lists what the assistant can do. Parsing never raises.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Final

from cockpit.assistants.grammar import catalogue, numbers
from cockpit.assistants.grammar import units as u
from cockpit.assistants.grammar.intent import FALLBACK, Context, Intent
from cockpit.assistants.grammar.rules import RuleSet
from cockpit.assistants.grammar.text import corrected, listed, normalise, vocabulary
from cockpit.core.commands import AdjustSignal, Command, SetSignal
from cockpit.core.text import Text

__all__ = ["FOLLOW_UP_SECONDS", "MAX_CHARS", "Grammar", "capability_titles", "fallback_text"]

logger = logging.getLogger(__name__)

FOLLOW_UP_SECONDS: Final = 30.0
MAX_CHARS: Final = 300
_ZONE_FOLLOW_UP = re.compile(
    r"^(?:and |also |now |same (?:for|on) |do the same for |what about |how about )?"
    r"(?:for |on )?(?:the |my )?"
    r"(?P<zone>passenger|driver|other|both)(?: side| seat| one| sides)?(?: too| as well| also| please)?$"
)
_MORE = re.compile(
    r"^(?:a |little |bit |even |some |just )*(?:bit |little |touch |tad )?(?:more|again|further"
    r"|higher|louder|warmer|hotter|up)(?: more| still)?$|^(?:do (?:it|that) )?again$|^same again$"
)
_LESS = re.compile(
    r"^(?:a |little |bit |even |some )*(?:bit |little |touch |tad )?(?:less|lower|back down"
    r"|quieter|down|cooler|colder)(?: still)?$"
)


def capability_titles(rules: RuleSet) -> tuple[str, ...]:
    """How a fallback lists every installed capability ("the climate", "music", "the sunroof")."""
    return tuple(dict.fromkeys(capability.title for capability in rules.capabilities))


def fallback_text(rules: RuleSet) -> str:
    """What a fallback says: every installed capability, and that help has examples."""
    return Text("Sorry, I didn't catch that. I can help with {items}. Say 'help' for examples.",
                items=listed(capability_titles(rules), "and"))


class Grammar:
    """Turns words into intents for one conversation (it remembers the last intent for follow-ups
    and the last question it asked)."""

    def __init__(self, context: Context, rules: RuleSet | None = None) -> None:
        self.context = context
        self.rules = rules if rules is not None else catalogue.installed()
        context.capabilities = self.rules.capabilities
        self._vocabulary = vocabulary(example for c in self.rules.capabilities for example in c.examples)
        self._fallback = Intent(FALLBACK, {"capabilities": capability_titles(self.rules)}, (),
                                fallback_text(self.rules))
        self._last: Intent | None = None
        self._last_time = float("-inf")
        self._asked: Intent | None = None
        self._asked_time = float("-inf")

    def parse(self, utterance: str) -> Intent:
        """The intent of `utterance`; a fallback intent when nothing matched. Never raises."""
        try:
            text = normalise(utterance[:MAX_CHARS])
            if not text:
                return Intent("listening", {}, (), "Yes?")
            refused = numbers.refusal(utterance[:MAX_CHARS])
            if refused is not None:  # NaN, 1e308, 21.5.5: never read as some other value
                return Intent("refused.number", {}, (), refused)
            intent = self._answer(text) or self._follow_up(text) or self._match(text)
            if intent is None:
                fixed = corrected(text, self._vocabulary)
                intent = self._match(fixed) if fixed != text else None
        except Exception:  # a grammar bug must never take the cockpit down; log it and fall back
            logger.exception("grammar failed on %r", utterance)
            intent = None
        if intent is None:
            return self._fallback
        self._remember(intent)
        return intent

    def _remember(self, intent: Intent) -> None:
        now = self.context.state.now
        self._asked, self._asked_time = (intent, now) if intent.choices else (None, float("-inf"))
        if intent.commands and intent.domain in ("climate", "media", "seat"):
            self._last, self._last_time = intent, now

    def _match(self, text: str) -> Intent | None:
        for rule in self.rules.rules:
            match = rule.pattern.search(text)
            if match is not None:
                intent = rule.handler(match, self.context)
                if intent is not None:
                    return intent
        return None

    def _answer(self, text: str) -> Intent | None:
        """The choice an utterance picks after the grammar asked "Which light: hall or kitchen?"."""
        asked = self._asked
        if asked is None or self.context.state.now - self._asked_time > FOLLOW_UP_SECONDS:
            return None
        self._asked = None
        for spoken in sorted(asked.choices, key=len, reverse=True):
            if re.search(rf"(?:^|\b){re.escape(spoken)}\b", text):
                chosen = asked.choices[spoken]
                return replace(chosen, slots={**chosen.slots, "answer_to": asked.name})
        return None

    def _follow_up(self, text: str) -> Intent | None:
        last = self._last
        if last is None or self.context.state.now - self._last_time > FOLLOW_UP_SECONDS:
            return None
        zone = _ZONE_FOLLOW_UP.match(text)
        if zone is not None and "zone" in last.slots:
            return _other_zone(last, zone.group("zone"))
        more, less = _MORE.match(text), _LESS.match(text)
        if (more or less) and all(isinstance(c, AdjustSignal) for c in last.commands):
            sign = 1 if more else -1
            commands = tuple(
                AdjustSignal(c.path, sign * c.delta, source=c.source)
                for c in last.commands
                if isinstance(c, AdjustSignal)
            )
            return replace(
                last,
                commands=commands,
                slots={**last.slots, "follow_up": "more" if more else "less"},
                reply=Text('A bit more.') if more else Text('A bit less.'),
            )
        return None


def _other_zone(last: Intent, spoken: str) -> Intent | None:
    previous = last.slots["zone"]
    if spoken == "other":
        zone = u.PASSENGER if previous == u.DRIVER else u.DRIVER
    else:
        zone = {"passenger": u.PASSENGER, "driver": u.DRIVER, "both": u.BOTH}[spoken]
    commands: list[Command] = []
    for command in last.commands:
        if isinstance(command, (SetSignal, AdjustSignal)) and command.path in u.ZONED:
            for path in u.paths_for(zone, command.path):
                commands.append(replace(command, path=path))
    if not commands:
        return None
    return replace(
        last,
        commands=tuple(commands),
        slots={**last.slots, "zone": zone, "follow_up": "zone"},
        reply=Text('And {zone} too.', zone=u.zone_words(zone)),
    )
