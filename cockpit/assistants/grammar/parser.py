"""The cockpit grammar: offline, deterministic, shared by every adapter.

`Grammar.parse(text)` normalises the words, tries each domain's rules in a fixed order (the first
rule that produces an intent wins), and otherwise resolves short follow-ups ("the passenger side
too", "a bit more") against the last intent heard within `FOLLOW_UP_SECONDS` of simulated time.
Anything else becomes a helpful fallback intent; parsing never raises.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Final

from cockpit.assistants.grammar import climate, home, media, misc, numbers, places
from cockpit.assistants.grammar import units as u
from cockpit.assistants.grammar.intent import FALLBACK, Context, Intent, Rule
from cockpit.assistants.grammar.text import normalise
from cockpit.core.commands import AdjustSignal, Command, SetSignal

logger = logging.getLogger(__name__)

FOLLOW_UP_SECONDS: Final = 30.0
MAX_CHARS: Final = 300
FALLBACK_REPLY: Final = (
    "Sorry, I didn't catch that. Try 'set the temperature to 21', 'play the radio' "
    "or 'navigate home', or say 'help'."
)
RULES: Final[tuple[Rule, ...]] = (
    *misc.FIRST,
    *home.RULES,
    *places.RULES,
    *misc.QUESTIONS,
    *climate.RULES,
    *media.RULES,
)
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


class Grammar:
    """Turns words into intents for one conversation (it remembers the last intent for follow-ups)."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self._last: Intent | None = None
        self._last_time = float("-inf")

    def parse(self, utterance: str) -> Intent:
        """The intent of `utterance`; a fallback intent when nothing matched. Never raises."""
        try:
            text = normalise(utterance[:MAX_CHARS])
            if not text:
                return Intent("listening", {}, (), "Yes?")
            refused = numbers.refusal(utterance[:MAX_CHARS])
            if refused is not None:  # NaN, 1e308, 21.5.5: never read as some other value
                return Intent("refused.number", {}, (), refused)
            intent = self._follow_up(text) or self._match(text)
        except Exception:  # a grammar bug must never take the cockpit down; log it and fall back
            logger.exception("grammar failed on %r", utterance)
            intent = None
        if intent is None:
            return Intent(FALLBACK, {}, (), FALLBACK_REPLY)
        if intent.commands and intent.domain in ("climate", "media", "seat"):
            self._last, self._last_time = intent, self.context.state.now
        return intent

    def _match(self, text: str) -> Intent | None:
        for pattern, handler in RULES:
            match = pattern.search(text)
            if match is not None:
                intent = handler(match, self.context)
                if intent is not None:
                    return intent
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
                reply="A bit more." if more else "A bit less.",
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
        reply=f"And {u.zone_words(zone)} too.",
    )
