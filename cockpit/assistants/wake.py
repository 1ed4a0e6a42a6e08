"""Wake words: whom an utterance is addressed to.

An adapter answers an utterance that starts with one of its own wake words, or with none (text
typed at push-to-talk, or speech that a wake-word spotter already routed to it). One that starts
with another assistant's wake word - an installed adapter's, or one of the assistants people have
in their cars and phones (`KNOWN_ASSISTANTS`) - is not for it: "Hey Google, turn on the AC" said
to Alexa is heard as addressed to Google Assistant and not acted on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

__all__ = ["KNOWN_ASSISTANTS", "Heard", "WakeWords"]

# Assistants with wake words of their own, by the name a reply gives them.
KNOWN_ASSISTANTS: Final[Mapping[str, tuple[str, ...]]] = {
    "Alexa": ("Alexa",),
    "Google Assistant": ("Hey Google", "OK Google", "Okay Google"),
    "Siri": ("Hey Siri", "Siri"),
    "Cortana": ("Hey Cortana", "Cortana"),
    "Bixby": ("Hi Bixby", "Hey Bixby", "Bixby"),
    "the Mercedes assistant": ("Hey Mercedes",),
    "the BMW assistant": ("Hey BMW",),
}


@dataclass(frozen=True, slots=True)
class Heard:
    """What the adapter heard: its wake word (if any), the words after it, and - when the
    utterance began with another assistant's wake word - the name of the assistant addressed."""

    wake_word: str | None
    text: str
    addressed: str | None = None


class WakeWords:
    """Splits a leading wake word (any case, punctuation after it) off an utterance."""

    def __init__(self, own: Iterable[str], others: Mapping[str, Iterable[str]] = KNOWN_ASSISTANTS) -> None:
        own_words = {word.lower(): word for word in own}
        self._owner: dict[str, str | None] = dict.fromkeys(own_words)
        self._canonical = dict(own_words)
        for assistant, words in others.items():
            for word in words:
                if word.lower() not in own_words:
                    self._owner[word.lower()] = assistant
                    self._canonical[word.lower()] = word
        alternatives = "|".join(re.escape(w) for w in sorted(self._owner, key=len, reverse=True))
        self._pattern = (re.compile(rf"^\W*(?P<wake>{alternatives})\b\W*", re.IGNORECASE)
                         if alternatives else None)

    def hear(self, utterance: str) -> Heard:
        match = self._pattern.match(utterance) if self._pattern else None
        if match is None:
            return Heard(None, utterance.strip())
        word = match.group("wake").lower()
        rest = utterance[match.end():].strip()
        owner = self._owner[word]
        if owner is not None:
            return Heard(None, rest, addressed=owner)
        return Heard(self._canonical[word], rest)
