"""Scoring speech input on the synthetic set: what `cockpit bench voice` and the corpus tests run.

The spoken set (spoken.yaml beside this module) is synthesised with espeak-ng, mixed with cabin noise
and played, one recording after another, through the real pipeline: a `VoiceControl` on a real
session, its speech thread reading the audio frame by frame. Each turn is matched back to the
recording it came from by time. `paced=True` delivers the audio in real time, as a microphone would,
so the time from the end of speech to the command being applied is measured on the wall clock.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np
import yaml

from cockpit.assistants.speech import synthetic
from cockpit.assistants.speech.audio import FRAME_S, RATE, Samples, SamplesSource, frames
from cockpit.assistants.speech.judge import edit_distance
from cockpit.assistants.speech.run import play
from cockpit.assistants.speech.voice import Turn
from cockpit.core.errors import InvalidInput

SPOKEN: Final = Path(__file__).with_name("spoken.yaml")
CHARS_PER_SECOND: Final = 15.0  # espeak-ng reads about this fast at the set's speeds
_PROSE_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@dataclass(frozen=True, slots=True)
class Spoken:
    """One labelled command: the words, and the intent and key slots they must parse to."""

    text: str
    intent: str
    slots: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SpokenSet:
    commands: tuple[Spoken, ...]
    out_of_grammar: tuple[str, ...]
    wake: tuple[tuple[str, str], ...]  # (words, adapter addressed)
    chatter: tuple[str, ...]


def spoken_set(path: Path = SPOKEN) -> SpokenSet:
    """The labelled spoken set; raises InvalidInput naming the file when it cannot be read."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        commands = tuple(Spoken(text, group["intent"], dict(group.get("slots") or {}))
                         for group in data["commands"] for text in group["say"])
        wake = tuple((item["text"], item["adapter"]) for item in data["wake"])
        return SpokenSet(commands, tuple(data["out_of_grammar"]), wake, tuple(data["chatter"]))
    except OSError as error:
        raise InvalidInput(f"{path}: cannot read the spoken set: {error.strerror}") from None
    except (yaml.YAMLError, KeyError, TypeError) as error:
        raise InvalidInput(f"{path}: not a spoken set: {error}") from None


def negatives(spoken: SpokenSet, sentences: int | None = None) -> list[str]:
    """The chatter and out-of-grammar sentences (the first `sentences` of them; None: all), each by
    every voice: `recordings` goes round the voices, so each sentence comes once from each."""
    chosen = [*spoken.chatter, *spoken.out_of_grammar][:sentences]
    return [text for text in chosen for _ in synthetic.VOICES]


_DRIVER: Final = """schema_version: 1
identity: {{id: {id}, display_name: {name}}}
display: {{units: metric}}
assistant: {{adapter: alexa, wake_word: true, spoken_replies: false}}
navigation:
  saved_places:
    - {{name: Home, kind: home, latitude: 48.1392, longitude: 11.5802}}
    - {{name: Work, kind: work, latitude: 48.1508, longitude: 11.5686}}
privacy: {{learn_preferences: false}}
"""
DRIVER: Final = "sam"


def write_profiles(folder: Path) -> Path:
    """Two metric drivers the spoken set is labelled for (Sam, whom the runs start with, and Bob,
    whose profile Sam asks for), with Home and Work saved; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for driver in (DRIVER, "bob"):
        text = _DRIVER.format(id=driver, name=driver.title())
        (folder / f"{driver}.yaml").write_text(text, encoding="utf-8")
    return folder


@dataclass(frozen=True, slots=True)
class Recording:
    """One synthetic utterance placed in a longer recording (times in seconds from its start)."""

    text: str
    start_s: float
    speech_end_s: float
    end_s: float


def recordings(texts: Sequence[str], snr_db: float | None, seed: int = 0,
               voice: tuple[str, int] | None = None) -> tuple[Samples, list[Recording]]:
    """The texts spoken one after another (by `voice`, else the voices round robin) in cabin noise
    at `snr_db`."""
    parts, placed, offset = [], [], 0.0
    for index, text in enumerate(texts):
        name, wpm = voice or synthetic.voice_for(index + seed)
        utterance = synthetic.mix(synthetic.speak(text, name, wpm), snr_db, seed * 10007 + index)
        duration = len(utterance.samples) / RATE
        placed.append(Recording(text, offset, offset + utterance.speech_end_s, offset + duration))
        parts.append(utterance.samples)
        offset += duration
    return np.concatenate(parts), placed


class PacedSource:
    """Audio delivered in real time, frame by frame, as a microphone would; remembers when each
    frame was handed over (on `time.perf_counter()`)."""

    def __init__(self, samples: Samples) -> None:
        self._frames: Iterator[bytes] = iter(list(frames(samples)))
        self._due = 0.0
        self.delivered: list[float] = []

    def read(self) -> bytes | None:
        frame = next(self._frames, None)
        if frame is None:
            return None
        now = time.perf_counter()
        if not self.delivered:
            self._due = now
        self._due += FRAME_S
        if self._due > now:
            time.sleep(self._due - now)
        self.delivered.append(time.perf_counter())
        return frame

    def close(self) -> None:
        self._frames = iter(())


def run(session: Any, samples: Samples, *, open_mic: bool, paced: bool = False,
        timeout_s: float = 3600.0) -> tuple[list[Turn], PacedSource | None]:
    """Play `samples` through the session's voice input; returns every turn (and the paced source).
    Raises SpeechError when the audio or the recogniser fails, or it takes over `timeout_s`."""
    paced_source = PacedSource(samples) if paced else None
    source = paced_source if paced_source is not None else SamplesSource(samples, trailing_silence_s=0.0)
    # the session is not stepped: the car stands still, so what changed is what the voice did
    return play(session, source, open_mic=open_mic, step=False, timeout_s=timeout_s), paced_source


def turns_of(recording: Recording, turns: Sequence[Turn]) -> list[Turn]:
    """The turns whose speech began within `recording` (the endpointer starts up to 0.3 s early),
    but for those not addressed to an assistant ("ignored", "rescinded")."""
    return [t for t in turns if recording.start_s - 0.3 <= t.start_s < recording.end_s
            and t.addressed]


def acted_as(spoken: Spoken, turn: Turn) -> bool:
    """Whether an acted turn carried out `spoken`'s intent with its key slots."""
    intent = turn.intent
    if turn.verdict != "act" or intent is None:
        return False
    return intent.name == spoken.intent and all(intent.slots.get(k) == v for k, v in spoken.slots.items())


def word_errors(reference: str, heard: str) -> tuple[int, int]:
    """(word errors, reference words) of one recognised utterance."""
    words = reference.split()
    return edit_distance(words, heard.split()), len(words)


@dataclass(slots=True)
class Score:
    """How the commands at one SNR fared."""

    total: int = 0
    correct: int = 0
    wrong: int = 0  # acted, but not as asked
    asked: int = 0  # "Did you say ...?"
    sorry: int = 0
    missed: int = 0  # no turn at all
    word_errors: int = 0
    words: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def word_error_rate(self) -> float:
        return self.word_errors / self.words if self.words else 0.0


def score_commands(commands: Sequence[Spoken], placed: Sequence[Recording], turns: Sequence[Turn]) -> Score:
    """Match turns to the commands they came from and count what happened to each."""
    score = Score()
    for spoken, recording in zip(commands, placed, strict=True):
        score.total += 1
        mine = turns_of(recording, turns)
        heard = " ".join(t.heard for t in mine)
        errors, words = word_errors(spoken.text, heard)
        score.word_errors += errors
        score.words += words
        acted = [t for t in mine if t.verdict == "act"]
        if any(not acted_as(spoken, t) for t in acted):
            score.wrong += 1
            score.failures.append(f"WRONG {spoken.text!r} -> {heard!r}")
        elif acted:
            score.correct += 1
        elif any(t.verdict == "ask" for t in mine):
            score.asked += 1
            score.failures.append(f"asked {spoken.text!r} -> {heard!r} / {' '.join(t.check for t in mine)!r}")
        elif mine:
            score.sorry += 1
            score.failures.append(f"sorry {spoken.text!r} -> {heard!r} / {' '.join(t.check for t in mine)!r}")
        else:
            score.missed += 1
            score.failures.append(f"missed {spoken.text!r}")
    return score


def acted_on(placed: Sequence[Recording], turns: Sequence[Turn]) -> list[str]:
    """The recordings (out-of-grammar speech) that something was done about."""
    return [f"{r.text!r} -> {t.heard!r}" for r in placed for t in turns_of(r, turns) if t.verdict == "act"]


def end_of_speech_latencies(placed: Sequence[Recording], turns: Sequence[Turn],
                            paced: PacedSource) -> list[float]:
    """Milliseconds from the real end of each acted command's speech (the moment the frame holding
    its last sample reached the speech thread, in a paced run) to the assistant having acted."""
    found = []
    for recording in placed:
        frame = min(len(paced.delivered) - 1, int(recording.speech_end_s / FRAME_S))
        for turn in turns_of(recording, turns):
            if turn.verdict == "act" and turn.applied_at is not None:
                found.append((turn.applied_at - paced.delivered[frame]) * 1000.0)
    return found



def prose(folder: Path, seconds: float) -> list[str]:
    """About `seconds` of read prose without a wake word, as sentences: the text files in `folder`
    (Debian's licence texts), in name order; [] when there are none."""
    sentences: list[str] = []
    chars = 0.0
    for path in sorted(p for p in folder.glob("*") if p.is_file() and not p.is_symlink()):
        text = " ".join(path.read_text(encoding="utf-8", errors="replace").split())
        for sentence in re.split(r"(?<=[.;:!?])\s+", text):
            words = _PROSE_WORD.findall(sentence.lower())
            if 3 <= len(words) <= 40:
                sentences.append(" ".join(words))
                chars += len(sentences[-1])
                if chars / CHARS_PER_SECOND >= seconds:
                    return sentences
    return sentences
